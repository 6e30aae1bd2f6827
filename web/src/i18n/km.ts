import type { Translation } from './en';

/** ខ្មែរ: the public pages' navigation so far; everything else falls back to English. */
export const km: Translation = {
  nav: { language: 'ភាសា', dashboard: 'ផ្ទាំងគ្រប់គ្រង', check: 'ពិនិត្យ', reports: 'របាយការណ៍' },
  auth: { signIn: 'ចូល', signOut: 'ចាកចេញ' },
  public: { nav: { check: 'ពិនិត្យលេខ ឬតំណ', report: 'រាយការណ៍ការឆបោក' } },
};
