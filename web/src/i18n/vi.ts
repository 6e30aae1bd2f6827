import type { Translation } from './en';

/** Tiếng Việt: the public pages' navigation so far; everything else falls back to English. */
export const vi: Translation = {
  nav: { language: 'Ngôn ngữ', dashboard: 'Bảng điều khiển', check: 'Kiểm tra', reports: 'Báo cáo', networks: 'Mạng lưới' },
  auth: { signIn: 'Đăng nhập', signOut: 'Đăng xuất' },
  public: { nav: { check: 'Kiểm tra số hoặc liên kết', report: 'Báo cáo lừa đảo' } },
};
