import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';


import { AGENT_API_BASE, DeviceTicketListSchema, type FeedbackSubmission } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { fullInventory } from '../helpers/inventory.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
import { enrollDevice, type SeededDevice } from './console-seed.js';

const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/service-process');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);
const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the service-process end-to-end test is skipped`);

const visible = (locator: ReturnType<Page['locator']>) => locator.waitFor({ state: 'visible', timeout: 15_000 });

/**
 * The whole service process in one run, as the desk lives it: a call recorded as a ticket, escalated
 * to the Network team, answered there with a file, resolved; the requester's device confirms the fix
 * and rates it; the report counts it for the team that did the work.
 */
describe.skipIf(!available)('the service process from a phone call to the report, in Chromium', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let desk: BrowserContext;
  let network: BrowserContext;
  let device: SeededDevice;
  const pageErrors: string[] = [];

  const signIn = async (context: BrowserContext, username: string, path: string): Promise<Page> => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${baseUrl}${path}`);
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };
  const agent = async (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${AGENT_API_BASE}${path}`, { ...init, headers: { ...device.auth, ...(init.body ? { 'content-type': 'application/json' } : {}) } });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-process-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, attachments: join(dataDir, 'attachments') });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const { store } = runtime;
    const sam = await store.technicians.create({ username: 'sam', displayName: 'Sam Desk', password: PASSWORD, role: 'technician' });
    const nina = await store.technicians.create({ username: 'nina', displayName: 'Nina Net', password: PASSWORD, role: 'technician' });
    const serviceDesk = await store.teams.create({ name: 'Service desk' });
    const networkTeam = await store.teams.create({ name: 'Network' });
    await store.teams.setMembers(serviceDesk.id, [sam.id]);
    await store.teams.setMembers(networkTeam.id, [nina.id]);
    await store.teams.setRouting({ defaultTeamId: serviceDesk.id, rules: [] });
    const secret = (await store.secrets.create({ label: 'process e2e', createdBy: 'test' })).value;
    device = await enrollDevice(baseUrl, secret, fullInventory({ hostname: 'RECEPTION-07', user: 'CORP\\bchen' }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', acceptDownloads: true });
    network = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('records a call, escalates it, answers with a file, resolves it; the device confirms and rates; the report counts it', async () => {
    // 1. The service desk records the call.
    const sam = await signIn(desk, 'sam', '/tickets/new');
    const form = sam.getByRole('form', { name: 'New ticket' });
    // Found by a server-side search, then picked.
    await form.getByLabel("Requester's device").fill('RECEPTION');
    await sam.locator('datalist option[value="RECEPTION-07"]').waitFor({ state: 'attached' });
    await form.getByLabel("Requester's device").fill('RECEPTION-07');
    await visible(sam.getByText('Device: RECEPTION-07'));
    await form.getByLabel('Phone').fill('+33 1 23 45 67 89');
    await form.getByLabel('Subject').fill('VPN 每小时断开 (VPN drops every hour)');
    await form.getByLabel('What happens, since when, what triggered it').fill('Since the new access point on floor 3.');
    await form.getByLabel('Category').selectOption('network');
    await form.getByRole('button', { name: 'Create ticket' }).click();
    await visible(sam.getByRole('heading', { name: /VPN 每小时断开/ }));
    const ticketId = sam.url().split('/').pop()!;
    const service = sam.locator('section', { has: sam.getByRole('heading', { name: 'Team and service level' }) });
    await visible(service.getByText('Service desk').first());

    // 2. Beyond the desk: escalated to Network with a note.
    const transfer = sam.getByRole('form', { name: 'Transfer' });
    await transfer.getByLabel('Transfer to team').selectOption({ label: 'Network' });
    await transfer.getByLabel('Why (internal note, required)').fill('Only on floor 3 since the new access point; Network, please check its roaming settings.');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await visible(service.getByText('Sam Desk moved it from Service desk to Network'));
    await sam.screenshot({ path: join(SHOTS, '01-escalated.png'), fullPage: true });

    // 3. Network answers with a file and resolves.
    const nina = await signIn(network, 'nina', `/tickets/${ticketId}`);
    await visible(nina.getByRole('heading', { name: /VPN 每小时断开/ }));
    await nina.getByRole('button', { name: 'Assign to me' }).click();
    const assignee = nina.getByLabel('Assignee');
    await expect.poll(() => assignee.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ''), { timeout: 15_000 }).toContain('Nina Net');
    const guidePath = join(dataDir, 'vpn-steps.txt');
    await writeFile(guidePath, 'Forget the network "Corp-3F", then reconnect.\n忘记网络后重新连接。\n');
    await nina.getByLabel('Reply to the user').fill('We changed the access point. If it happens again, follow the attached steps.');
    await nina.getByLabel('Attach files').setInputFiles(guidePath);
    await visible(nina.getByRole('list', { name: 'Files to send' }).getByText('vpn-steps.txt'));
    await nina.getByLabel('and set status').selectOption('resolved');
    await nina.getByRole('button', { name: 'Send reply' }).click();
    await visible(nina.getByRole('list', { name: 'Files sent with this message' }).getByRole('link', { name: 'vpn-steps.txt' }));
    await nina.screenshot({ path: join(SHOTS, '02-resolved-with-file.png'), fullPage: true });

    // 4. The requester's device sees the answer and its file, confirms the fix, then rates it.
    const list = DeviceTicketListSchema.parse(await (await agent('/tickets')).json());
    const mine = list.tickets.find((t) => t.id === ticketId)!;
    expect(mine.status).toBe('resolved');
    const answer = mine.messages.find((m) => m.author === 'technician')!;
    expect(answer.body).toContain('attached steps');
    expect(answer.attachments?.map((a) => a.name)).toEqual(['vpn-steps.txt']);
    const file = await agent(`/tickets/${ticketId}/attachments/${answer.attachments![0]!.id}`);
    expect(await file.text()).toContain('忘记网络后重新连接');
    // The transfer note was internal: it never reaches the device.
    expect(JSON.stringify(mine)).not.toContain('roaming settings');
    const send = async (feedback: FeedbackSubmission) => {
      const res = await agent(`/tickets/${ticketId}/feedback`, { method: 'POST', body: JSON.stringify(feedback) });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await send({ id: randomUUID(), kind: 'confirm', createdAt: new Date().toISOString() });
    await send({ id: randomUUID(), kind: 'rating', rating: 5, body: '很快就解决了 — fixed the same day', createdAt: new Date().toISOString() });

    // 5. The desk sees it closed by the requester, and the report counts it for Network and Nina.
    await sam.reload();
    await visible(sam.getByText('Closed', { exact: true }).first());
    await sam.getByRole('link', { name: 'Reports' }).click();
    const byTeam = sam.getByRole('table', { name: 'Satisfaction per team' });
    const networkRow = byTeam.getByRole('row').filter({ has: sam.getByRole('rowheader', { name: 'Network' }) });
    await visible(networkRow);
    const cells = await networkRow.getByRole('cell').allTextContents();
    // Tickets, rated, average, stars, confirmed…
    expect(cells.slice(0, 3)).toEqual(['1', '1', '5']);
    expect(cells[4]).toBe('1');
    const byTechnician = sam.getByRole('table', { name: 'Satisfaction per technician' });
    await visible(byTechnician.getByRole('rowheader', { name: 'Nina Net' }));
    await visible(sam.getByText('很快就解决了 — fixed the same day'));
    await sam.screenshot({ path: join(SHOTS, '03-report.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
