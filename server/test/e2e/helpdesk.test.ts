import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { enrollBare, fileTicket } from './console-seed.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/helpdesk');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);
const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the helpdesk end-to-end test is skipped`);

describe.skipIf(!available)('teams, escalation, service levels and canned replies in Chromium', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let secret: string;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const visible = (locator: ReturnType<Page['locator']>) => locator.waitFor({ state: 'visible', timeout: 15_000 });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-helpdesk-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, dataDir });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    await runtime.store.technicians.create({ username: 'ada', displayName: 'Ada Lovelace', password: PASSWORD, role: 'admin' });
    await runtime.store.technicians.create({ username: 'nils', displayName: 'Nils Net', password: PASSWORD, role: 'technician' });
    secret = (await runtime.store.secrets.create({ label: 'helpdesk e2e', createdBy: 'test' })).value;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Paris' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 240_000);

  beforeEach((ctx) => {
    onTestFailed(async () => {
      await page?.screenshot({ path: join(SHOTS, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('sets up teams in one click, routing, a round-the-clock policy and a canned reply', async () => {
    await page.goto(`${baseUrl}/admin?tab=teams`);
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Add the usual teams: Service desk, Network, Hardware, Applications' }).click();
    const table = page.getByRole('table', { name: 'Teams' });
    await visible(table.getByRole('textbox', { name: 'Name of Applications' }));
    expect(await table.locator('tbody tr').count()).toBe(4);
    // Nils joins Network.
    await table.getByRole('row').filter({ has: page.getByRole('textbox', { name: 'Name of Network' }) }).locator('summary').click();
    await page.getByRole('group', { name: 'Members of Network' }).getByLabel('Nils Net').check();
    await visible(table.locator('summary', { hasText: 'Nils Net' }));
    await page.getByLabel('Default team').selectOption({ label: 'Service desk' });
    await page.getByRole('combobox', { name: 'Network', exact: true }).selectOption({ label: 'Network' });
    await page.getByRole('button', { name: 'Save routing' }).click();
    await visible(page.getByRole('button', { name: 'Save routing' }));
    await shot('01-teams');

    await page.getByRole('tab', { name: 'Service levels' }).click();
    await page.getByRole('button', { name: 'Add policy' }).click();
    await page.getByLabel('Policy name').fill('Round the clock');
    await page.getByLabel('Time zone (IANA, e.g. Europe/Paris)').fill('Europe/Paris');
    for (const day of ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) await page.getByLabel(day, { exact: true }).fill('00:00-24:00');
    await page.getByLabel('Default policy').check();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await visible(page.getByText('Round the clock'));
    await shot('02-service-levels');

    await page.getByRole('tab', { name: 'Canned replies' }).click();
    await page.getByRole('button', { name: 'Add canned reply' }).click();
    await page.getByLabel('Title').fill('Restart first');
    await page.getByLabel('English').fill('Hello {{requester}}, please restart {{device}} and tell us on {{ticket}}. {{technician}}');
    await page.getByLabel('Simplified Chinese').fill('{{requester}}，您好：请重新启动 {{device}}，并在 {{ticket}} 中告诉我们。{{technician}}');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Restart first'));
    await shot('03-canned-replies');
  }, 120_000);

  it('routes a new ticket, shows its due times, inserts a canned reply and escalates with a note', async () => {
    const device = await enrollBare(baseUrl, secret, 'WS-042');
    await fileTicket(baseUrl, device, { subject: 'VPN drops every hour', description: 'Since Monday.', category: 'network', urgency: 'high', impact: 'me', diagnostics: null, locale: 'zh-CN' });
    await fileTicket(baseUrl, device, { subject: 'Mouse broken', description: 'Left button.', category: 'hardware', urgency: 'low', impact: 'me', diagnostics: null });

    await page.goto(`${baseUrl}/queue?sort=due`);
    const tickets = page.getByRole('table', { name: 'Tickets' });
    await visible(tickets.getByRole('link', { name: 'VPN drops every hour' }));
    // Network's rule and the default team; the most urgent due time first.
    expect(await tickets.locator('tbody tr').first().textContent()).toContain('VPN drops every hour');
    const teamOf = (row: number) => tickets.locator('tbody tr').nth(row).locator('td div.small.muted').textContent();
    expect(await teamOf(0)).toBe('Network');
    expect(await teamOf(1)).toBe('Service desk');
    expect(await tickets.locator('[data-sla]').count()).toBe(2);
    await shot('04-queue-due');

    await tickets.getByRole('link', { name: 'VPN drops every hour' }).click();
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Team and service level' }) });
    await visible(panel.getByText('Round the clock'));
    await visible(panel.getByText('First response due'));

    // The requester wrote from a Chinese desktop: the Chinese text, filled in.
    await page.getByLabel('Insert a canned reply').selectOption({ label: 'Restart first' });
    expect(await page.getByLabel('Reply to the user').inputValue()).toMatch(/^Grace Hopper，您好：请重新启动 WS-042，并在 #\d+ 中告诉我们。Ada Lovelace$/);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await visible(panel.getByText('Met', { exact: true }));

    const transfer = page.getByRole('form', { name: 'Transfer' });
    await transfer.getByLabel('Transfer to team').selectOption({ label: 'Hardware' });
    expect(await transfer.getByRole('button', { name: 'Transfer' }).isDisabled()).toBe(true);
    await transfer.getByLabel('Why (internal note, required)').fill('The VPN client is fine; the network card resets. Hardware, please check the NIC.');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await visible(panel.getByText('Ada Lovelace moved it from Network to Hardware'));
    await visible(page.getByText('The VPN client is fine; the network card resets. Hardware, please check the NIC.').first());
    await shot('05-ticket-transferred');

    await page.goto(`${baseUrl}/queue?team=mine`);
    await visible(page.getByText('No tickets match these filters.').or(page.getByRole('table', { name: 'Tickets' })));
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
