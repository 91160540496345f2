import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';

import { ConsoleClient } from './api/console-client.js';
import { ConsoleApp } from './app.js';
import { createI18n, initialLanguage } from './i18n/setup.js';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const i18n = createI18n(initialLanguage(storage, navigator.languages ?? [navigator.language]));
const root = document.getElementById('root');
if (root === null) throw new Error('the console page has no #root element');

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <ConsoleApp client={new ConsoleClient()} i18n={i18n} />
    </BrowserRouter>
  </StrictMode>,
);
