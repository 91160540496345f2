import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { AGENT_API_BASE, CheckinResponseSchema, DeviceTicketListSchema, type Diagnostics } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { fullInventory } from '../helpers/inventory.js';
import { enrollDevice, type SeededDevice } from './console-seed.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/console');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);

const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the phone-ticket end-to-end test is skipped`);

const visible = (locator: ReturnType<Page['locator']>) => locator.waitFor({ state: 'visible', timeout: 15_000 });

describe.skipIf(!available)('a phone ticket recorded in the console, in Chromium, reaching the device', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let device: SeededDevice;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-phone-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, attachments: join(dataDir, 'attachments') });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    await runtime.store.technicians.create({ username: 'sam', displayName: 'Sam Desk', password: PASSWORD, role: 'technician' });
    const secret = (await runtime.store.secrets.create({ label: 'phone e2e', createdBy: 'test' })).value;
    device = await enrollDevice(baseUrl, secret, fullInventory({ hostname: 'RECEPTION-07', user: 'CORP\\bchen' }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('records the call on the requester\'s device, which sees it and answers the diagnostics request', async () => {
    await page.goto(`${baseUrl}/queue`);
    await page.getByLabel('User name').fill('sam');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'New ticket' }).click();
    const form = page.getByRole('form', { name: 'New ticket' });
    // Found by the signed-in user's name, then picked by host name.
    await form.getByLabel("Requester's device").fill('bchen');
    await page.locator('datalist option[value="RECEPTION-07"]').waitFor({ state: 'attached' });
    await form.getByLabel("Requester's device").fill('RECEPTION-07');
    await visible(page.getByText('Device: RECEPTION-07'));
    expect(await form.getByLabel('Account on that device').inputValue()).toBe('CORP\\bchen');
    await form.getByLabel('Phone').fill('+33 1 23 45 67 89');
    await form.getByLabel('Subject').fill('Outlook asks for the password every hour');
    await form.getByLabel('What happens, since when, what triggered it').fill('Since the password change on Monday.');
    await form.getByLabel('Category').selectOption('email');
    await page.screenshot({ path: join(SHOTS, 'helpdesk-new-phone-ticket.png'), fullPage: true });
    await form.getByRole('button', { name: 'Create ticket' }).click();
    await visible(page.getByRole('heading', { name: /Outlook asks for the password every hour/ }));
    await visible(page.getByText(/waiting for the device to check in/));

    // The device: the ticket is in its list as a phone ticket for bchen, and its check-in asks for diagnostics.
    const list = DeviceTicketListSchema.parse(await (await fetch(`${baseUrl}${AGENT_API_BASE}/tickets`, { headers: device.auth })).json());
    expect(list.tickets[0]).toMatchObject({ subject: 'Outlook asks for the password every hour', channel: 'phone', requesterAccountName: 'CORP\\bchen' });
    const checkin = CheckinResponseSchema.parse(
      await (await fetch(`${baseUrl}${AGENT_API_BASE}/checkin`, { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify({ agentVersion: '0.1.0', hostname: 'RECEPTION-07', ticketCursor: null }) })).json(),
    );
    const request = checkin.diagnosticsRequests?.[0];
    expect(request?.ticketId).toBe(list.tickets[0]?.id);
    const diagnostics: Diagnostics = { collectedAt: new Date().toISOString(), items: [{ id: 'uptime', status: 'ok', durationMs: 1, summary: 'up 2 days', data: { seconds: 172800 }, truncated: null }], redactions: 0, omitted: [], agentVersion: '0.1.0' };
    const upload = await fetch(`${baseUrl}${AGENT_API_BASE}/tickets/${request!.ticketId}/diagnostics`, {
      method: 'POST',
      headers: { ...device.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id: request!.id, diagnostics, collectedAt: diagnostics.collectedAt }),
    });
    expect(upload.status).toBe(200);

    await page.reload();
    await visible(page.getByText(/Asked by Sam Desk; arrived/));
    await page.screenshot({ path: join(SHOTS, 'helpdesk-phone-ticket-diagnostics.png'), fullPage: true });
  });
});
