import type { Translation } from './en';

/** Bahasa Indonesia: the public pages' navigation so far; everything else falls back to English. */
export const id: Translation = {
  nav: { language: 'Bahasa', dashboard: 'Dasbor', check: 'Periksa', reports: 'Laporan', networks: 'Jaringan' },
  auth: { signIn: 'Masuk', signOut: 'Keluar' },
  public: { nav: { check: 'Periksa nomor atau tautan', report: 'Laporkan penipuan' } },
};
