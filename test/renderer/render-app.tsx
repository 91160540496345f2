import type { UiLanguage } from '@deskside/shared';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';


import { App } from '../../renderer/src/app';
import { setupI18n } from '../../renderer/src/i18n/setup-i18n';

export async function renderApp(hash: string, language: UiLanguage = 'en') {
  window.location.hash = hash;
  const i18n = await setupI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
}
