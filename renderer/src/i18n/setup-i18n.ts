import type { UiLanguage } from '@deskside/shared';
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';


import { en } from './en';
import { zhCN } from './zh-cn';

/** One i18next instance per window, speaking the language the main process resolved. */
export async function setupI18n(language: UiLanguage): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'zh-CN'],
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    // React escapes text itself; double escaping would show &amp; to the user.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return instance;
}
