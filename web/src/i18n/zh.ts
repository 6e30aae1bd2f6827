import type { Translation } from './en';

/** 中文: the public pages' navigation so far; everything else falls back to English. */
export const zh: Translation = {
  nav: { language: '语言', dashboard: '仪表板', check: '查询', reports: '报告', networks: '网络' },
  auth: { signIn: '登录', signOut: '退出' },
  public: { nav: { check: '查询号码或链接', report: '举报诈骗' } },
};
