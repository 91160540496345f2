import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/console');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);

const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the knowledge-base console test is skipped`);

/** Markup and script smuggled into an article body, each of which must stay inert. */
const HOSTILE_BODY = [
  '# Printer help',
  '',
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'html-link\'">html link</a>',
  '[markdown js link](javascript:window.__pwned="md-link")',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![pixel](https://tracker.invalid/p.gif)',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '<iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>',
  '',
  '**Safe** text with a [real link](https://example.com/help) and [mail](mailto:it@example.com).',
].join('\n');

describe.skipIf(!available)('knowledge base in the console, in Chromium against the real server', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let hostileId: string;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-kb-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, dataDir });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const ada = await runtime.store.technicians.create({ username: 'ada', displayName: 'Ada Lovelace', password: PASSWORD, role: 'admin' });
    hostileId = await runtime.store.db.transaction().execute((trx) =>
      runtime.store.articles.create(
        trx,
        { texts: [{ locale: 'en', title: 'Printer <b>help</b>', body: HOSTILE_BODY }], category: 'Printing', tags: ['printer'], visibility: 'everyone', status: 'published' },
        { id: ada.id, name: ada.displayName },
        null,
      ),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })).newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('renders a hostile article body as inert text and safe links only', async () => {
    await page.goto(`${baseUrl}/kb/articles/${hostileId}`);
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const body = page.getByTestId('article-body');
    await body.getByRole('heading', { name: 'Printer help' }).waitFor();
    // The title is text, not markup.
    await page.getByRole('heading', { name: 'Printer <b>help</b>' }).waitFor();
    await page.getByRole('link', { name: 'real link' }).click({ trial: true });
    await page.screenshot({ path: join(SHOTS, 'kb-01-hostile-article.png'), fullPage: true });

    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Nothing executable or fetching reached the DOM.
    expect(await body.locator('script, img, svg, iframe, [onerror], [onload], style').count()).toBe(0);
    const hrefs = await body.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    // Images are off (a help article must not fetch a tracking pixel): the picture stays a plain link.
    expect(hrefs).toEqual(['https://tracker.invalid/p.gif', 'https://example.com/help', 'mailto:it@example.com']);
    for (const rel of await body.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('rel')))) expect(rel).toBe('noopener noreferrer');
    // The smuggled markup is visible to the reader as what it is: text.
    const text = await body.textContent();
    expect(text).toContain('<script>window.__pwned = "script"</script>');
    expect(text).toContain('[markdown js link](javascript:window.__pwned="md-link")');
  });

  it('writes an article in both languages, previews it, and records the revision', async () => {
    await page.goto(`${baseUrl}/kb`);
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Category').fill('Network');
    await page.getByLabel('Tags').fill('wifi, wlan');
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Title').fill('Cannot connect to the Wi-Fi');
    await page.getByLabel('Text (Markdown)').fill('1. Forget the network\n2. Connect again <i>now</i>');
    await page.getByRole('button', { name: 'Add the 简体中文 version' }).click();
    await page.getByLabel('Title').nth(1).fill('无法连接无线网络');
    await page.getByLabel('Text (Markdown)').nth(1).fill('忘记网络后重新连接。');
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await page.getByTestId('article-body').getByText('Forget the network').waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByText('#1').waitFor();
    expect(await page.getByTestId('article-body').locator('i').count()).toBe(0);
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByTestId('article-body').getByText('忘记网络后重新连接。').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Category').fill('Wireless');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('#2').waitFor();
    await page.getByText('category', { exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'kb-02-article-revisions.png'), fullPage: true });

    await page.goto(`${baseUrl}/kb`);
    await page.getByLabel('Search articles').fill('无线');
    await page.getByRole('link', { name: 'Cannot connect to the Wi-Fi' }).waitFor();
    await page.getByRole('tab', { name: 'Synonyms' }).click();
    await page.getByLabel('New synonym group').fill('wifi, wireless, 无线');
    await page.getByRole('button', { name: 'Add group' }).click();
    await page.getByLabel('Words of this group').waitFor();
    await page.getByRole('tab', { name: 'Report' }).click();
    await page.getByRole('heading', { name: 'Answered by an article' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'kb-03-report.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
