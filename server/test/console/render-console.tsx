import { configure, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';

import { ConsoleApp } from '../../console/src/app.js';
import type { Language } from '../../console/src/i18n/languages.js';
import { createI18n } from '../../console/src/i18n/setup.js';
import type { FakeApi } from './fake-api.js';

// CI runs every project at once on a small machine: give findBy/waitFor room before calling it a failure.
configure({ asyncUtilTimeout: 5_000 });

/** The whole console (session gate, layout, routes) at one URL against a fake API. */
export function renderConsole(api: FakeApi, path: string, language: Language = 'en') {
  const i18n = createI18n(language);
  const client = api.client();
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <ConsoleApp client={client} i18n={i18n} />
    </MemoryRouter>,
  );
  return { ...result, i18n, client };
}
