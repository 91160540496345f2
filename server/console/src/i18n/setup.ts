import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { en } from './en.js';
import { LANGUAGE_STORAGE_KEY, type Language, isLanguage, pickLanguage } from './languages.js';
import { zhCN } from './zh-cn.js';

/** The technician's explicit choice wins; otherwise the browser's language order decides. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | null, preferred: readonly string[]): Language {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be blocked by browser policy; the browser's language still works.
  }
  return isLanguage(stored) ? stored : pickLanguage(preferred);
}

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    // React escapes text itself; i18next must not, or user text would show as &amp; entities.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered across reloads; the switch still works for this session.
  }
}
