import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { CONSOLE_API_BASE, type KbReport } from '@deskside/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  CHROMIUM,
  RESULTS,
  buildDesktop,
  fakeDesktopCapture,
  launchChromium,
  openTrayPage,
  pageErrors,
  removeDir,
  serveRenderer,
  startServer,
  startTray,
  technicianSession,
  tempDir,
  type RunningServer,
  type TrayUnderTest,
} from './tray-harness.js';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the tray help end-to-end test is skipped`);

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `tray-help-${name}.png`), fullPage: true });
}

describe.skipIf(!haveChromium)('tray help: suggest, then solve (built renderer + preload in Chromium, real agent, real server)', () => {
  let dataDir: string;
  let server: RunningServer;
  let tray: TrayUnderTest;
  let browser: Browser;
  let renderer: { url: string; close(): Promise<void> };
  let page: Page;
  let tech: { cookie: string };
  let printerId = '';

  beforeAll(async () => {
    await buildDesktop();
    dataDir = await tempDir('tray-help-e2e');
    server = await startServer(join(dataDir, 'server'));
    const author = { id: '00000000-0000-4000-8000-000000000002', name: 'IT' };
    const write = (texts: { locale: 'en' | 'zh-CN'; title: string; body: string }[], visibility: 'everyone' | 'technicians' = 'everyone') =>
      server.store.db.transaction().execute((trx) => server.store.articles.create(trx, { texts, category: 'Printing', tags: ['printer'], visibility, status: 'published' }, author, null));
    printerId = await write([
      { locale: 'en', title: 'Printer offline', body: 'Turn the printer **off and on**.\n\n<img src=x onerror="window.__pwned=1">' },
      { locale: 'zh-CN', title: '打印机脱机', body: '关闭打印机后重新打开。' },
    ]);
    await write([{ locale: 'en', title: 'Internal: print server restart', body: 'printer spooler on PRINT01' }], 'technicians');
    const secret = (await server.store.secrets.create({ label: 'e2e', createdBy: null })).value;
    tech = await technicianSession(server, 'bob');
    browser = await launchChromium();
    tray = await startTray({ dataDir: join(dataDir, 'tray'), serverUrl: server.url, enrollSecret: secret, screenshot: await fakeDesktopCapture(browser) });
    await tray.agent.enroll();
    await tray.core.start();
    // The first check-in also keeps the public articles for offline reading.
    expect((await tray.core.syncNow()).ok).toBe(true);
    renderer = await serveRenderer();
    page = await openTrayPage(browser, tray, renderer.url);
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await renderer?.close();
    await tray?.agent.stop();
    await server?.stop().catch(() => undefined);
    if (dataDir) await removeDir(dataDir);
  }, 60_000);

  it('suggests the printer article while the user writes, and "This solved it" ends the report and is counted', { timeout: 120_000 }, async () => {
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    await page.getByLabel('Subject').fill('printer is offline');
    const panel = page.getByTestId('article-suggestions');
    await panel.getByRole('button', { name: 'Printer offline' }).click();
    // Technician-only articles never reach the tray.
    expect(await panel.getByText('Internal: print server restart').count()).toBe(0);
    await panel.getByTestId('article-body').getByText('off and on').waitFor();
    expect(await panel.getByTestId('article-body').locator('img').count()).toBe(0);
    await shot(page, '01-suggestion');

    // "Still need help" puts the suggestions away; the report goes on.
    await panel.getByRole('button', { name: 'Still need help' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByLabel('What happened?').fill('the 3rd floor printer');
    expect(await page.getByLabel('Subject').inputValue()).toBe('printer is offline');
    await page.getByRole('button', { name: 'Review before sending' }).waitFor();

    // A fresh report: the suggestion again, and this time it solves the problem.
    await page.reload();
    await page.getByLabel('Subject').fill('打印机连不上');
    const again = page.getByTestId('article-suggestions');
    await again.getByRole('button', { name: 'Printer offline' }).click();
    await again.getByRole('button', { name: 'This solved it' }).click();
    await page.getByTestId('report-solved').getByText('Printer offline').waitFor();
    await shot(page, '02-solved');

    const rows = await server.store.db.selectFrom('kb_feedback').select(['article_id', 'query']).execute();
    expect(rows).toEqual([{ article_id: printerId, query: '打印机连不上' }]);
    expect(await server.store.db.selectFrom('tickets').select('id').execute()).toEqual([]);
    const report = await server.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/kb/report?days=1`, headers: { cookie: tech.cookie } });
    expect((JSON.parse(report.body) as KbReport).deflected).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('lists and searches the help, and reads it offline from the agent\'s copy', { timeout: 120_000 }, async () => {
    await page.getByRole('link', { name: 'Help' }).click();
    await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
    await page.getByRole('link', { name: 'Printer offline' }).waitFor();
    await server.stop();
    await page.getByLabel('Search the help').fill('printr');
    await page.getByText('Showing the copy kept on this computer', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Printer offline' }).click();
    await page.getByRole('heading', { level: 2, name: 'Printer offline' }).waitFor();
    await page.getByTestId('article-body').getByText('off and on').waitFor();
    await shot(page, '03-offline-article');
    expect(pageErrors(page)).toEqual([]);
  });
});
