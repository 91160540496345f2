import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import { App } from './app';
import { request } from './bridge';
import { setupI18n } from './i18n/setup-i18n';
import './styles.css';

async function boot(): Promise<void> {
  const info = await request('app:get-info').catch(() => null);
  const i18n = await setupI18n(info?.language ?? 'en');
  const root = document.getElementById('root');
  if (root === null) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
