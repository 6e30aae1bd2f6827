import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';
import { km } from './km';
import { my } from './my';
import { requestsEn } from './requests.en';
import { requestsTh } from './requests.th';
import { th } from './th';
import { vi } from './vi';
import { zh } from './zh';

/**
 * English and Thai are complete; Khmer, Burmese, Vietnamese, Chinese and Bahasa Indonesia hold
 * what has been translated so far and fall back to English for the rest. Adding a language is
 * one file shaped like `en.ts` and one line here.
 */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'th', name: 'ไทย' },
  { code: 'km', name: 'ខ្មែរ' },
  { code: 'my', name: 'မြန်မာ' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'zh', name: '中文' },
  { code: 'id', name: 'Bahasa Indonesia' },
] as const;

const STORAGE = 'fraudx.language';
const codes: string[] = LANGUAGES.map((l) => l.code);
const saved = localStorage.getItem(STORAGE);
const browser = navigator.language.slice(0, 2);
const initial = saved && codes.includes(saved) ? saved : codes.includes(browser) ? browser : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: { ...en, ...requestsEn } }, th: { translation: { ...th, ...requestsTh } }, km: { translation: km }, my: { translation: my }, vi: { translation: vi }, zh: { translation: zh }, id: { translation: id } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initial;

export function setLanguage(code: string): void {
  localStorage.setItem(STORAGE, code);
  document.documentElement.lang = code;
  void i18n.changeLanguage(code);
}

export default i18n;
