import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
import { enrollBare, fileTicket } from './console-seed.js';

const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/reports');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);
const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the reports end-to-end test is skipped`);

describe.skipIf(!available)('reports and CSV downloads in Chromium', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-reports-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, attachments: join(dataDir, 'attachments') });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    await runtime.store.technicians.create({ username: 'nils', displayName: 'Nils Net', password: PASSWORD, role: 'technician' });
    const secret = (await runtime.store.secrets.create({ label: 'reports e2e', createdBy: 'test' })).value;
    const team = await runtime.store.teams.create({ name: '网络组' });
    const device = await enrollBare(baseUrl, secret, 'WS-007');
    for (const subject of ['VPN 每小时断开', '=SUM(A1:A9)']) {
      const t = await fileTicket(baseUrl, device, { subject, description: 'Since Monday.', category: 'network', urgency: 'high', impact: 'me', diagnostics: null });
      await runtime.store.db.updateTable('tickets').set({ team_id: team.id }).where('id', '=', t.id).execute();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  const download = async (click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = join(dataDir, file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  };

  it('opens Reports from the navigation, shows the period’s tickets and downloads a report as CSV', async () => {
    await page.goto(`${baseUrl}/queue`);
    await page.getByLabel('User name').fill('nils');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const overall = page.getByRole('table', { name: 'All tickets', exact: true });
    await overall.waitFor();
    expect(await overall.getByRole('cell').first().textContent()).toBe('2');
    await page.getByRole('table', { name: 'Team', exact: true }).getByRole('rowheader', { name: '网络组' }).waitFor();
    await page.getByRole('table', { name: 'Per category' }).getByRole('link', { name: 'Network' }).waitFor();
    await page.screenshot({ path: join(SHOTS, '01-reports.png'), fullPage: true });

    const volume = await download(() => page.getByRole('region', { name: 'Tickets by category, device model, OS and channel' }).getByRole('link', { name: 'Download CSV' }).click());
    expect(volume.name).toBe('ticket-volume.csv');
    expect(volume.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(volume.bytes.toString('utf8').split('\r\n')).toEqual(['\uFEFFdimension,value,tickets', 'total,,2', 'category,network,2', 'model,,2', 'os,Windows 11 Pro,2', 'channel,tray,2', '']);

    await page.getByRole('link', { name: 'Queue' }).click();
    const queue = await download(() => page.getByRole('link', { name: 'Export CSV' }).click());
    expect(queue.name).toBe('tickets.csv');
    const text = queue.bytes.toString('utf8');
    expect(text).toContain(',VPN 每小时断开,');
    expect(text).toContain(",'=SUM(A1:A9),");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
