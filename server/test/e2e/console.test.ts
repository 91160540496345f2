import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { AGENT_API_BASE, DeviceTicketListSchema, type InventoryDocument } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { DIAGNOSTIC_PROBES } from '../../../agent/diagnostics/probes.js';
import { runDiagnostics } from '../../../agent/diagnostics/run-diagnostics.js';
import { summarizeInventory } from '../../../agent/inventory/inventory-summary.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import { AGENT_VERSION } from '../../../agent/version.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { collectInventory } from '../../../collectors/runner.js';
import { describeViolations, seriousViolations } from '../../../test/e2e/axe-check.js';
import { buildApp } from '../../src/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
import { enrollDevice, fileTicket, uploadInventory, variantOf, type SeededDevice } from './console-seed.js';

const ROOT = join(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'test-results/console');
const PASSWORD = 'correct horse battery staple';
const run = promisify(execFile);

const available = existsSync(CHROMIUM);
if (!available) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the console end-to-end test is skipped`);

/** A stand-in for what a user would have on screen when reporting: rendered by Chromium, so a real PNG. */
async function makeScreenshot(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 900, height: 560 } });
  await page.setContent(`<body style="margin:0;font:15px system-ui;background:#2b5797">
    <div style="margin:120px auto;width:520px;background:#fff;border-radius:6px;box-shadow:0 8px 30px #0006">
      <div style="background:#e81123;color:#fff;padding:10px 14px;font-weight:600">Printer error</div>
      <div style="padding:18px 14px">The printer "3rd floor HP LaserJet" is offline.<br><br>Error 0x00000709: Operation could not be completed.</div>
      <div style="text-align:right;padding:0 14px 14px"><button>OK</button></div></div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

describe.skipIf(!available)('technician console in Chromium against the real server', () => {
  let dataDir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let real: SeededDevice;
  let realDoc: InventoryDocument;
  const pageErrors: string[] = [];

  const shot = async (name: string, fullPage = false) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
  };
  /** axe-core on the page as it stands: no serious or critical WCAG 2.2 A/AA violation (contrast included). */
  const accessible = async (name: string) => {
    const violations = await seriousViolations(page);
    expect(violations.map((v) => v.id), `${name}\n${describeViolations(violations)}`).toEqual([]);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-console-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const consoleDir = join(dataDir, 'console');
    // The console exactly as shipped: a production Vite build, served by the server at `/`.
    await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });

    runtime = await openRuntime({ databaseUrl: `sqlite:${join(dataDir, 'deskside.db')}`, attachments: join(dataDir, 'attachments') });
    app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });

    await runtime.store.technicians.create({ username: 'ada', displayName: 'Ada Lovelace', password: PASSWORD, role: 'admin' });
    await runtime.store.technicians.create({ username: 'linus', displayName: 'Linus Tech', password: PASSWORD, role: 'technician' });
    const secret = (await runtime.store.secrets.create({ label: 'console e2e', createdBy: 'test' })).value;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const screenshot = await makeScreenshot(browser);

    // This machine, as its own agent sees it.
    realDoc = await collectInventory({ budgetMs: 90_000 });
    real = await enrollDevice(baseUrl, secret, realDoc);
    const diagnostics = await runDiagnostics({
      probes: DIAGNOSTIC_PROBES,
      context: {
        platform: realDoc.sections.system?.data?.os.platform ?? 'linux',
        system: createSystemAccess(),
        now: () => new Date(),
        settings: { ...DEFAULT_SETTINGS, serverUrl: baseUrl },
        state: { ...EMPTY_STATE, lastInventorySummary: summarizeInventory(realDoc), lastInventoryAt: new Date().toISOString() },
      },
      agentVersion: AGENT_VERSION,
    });

    // Generated fleet around it.
    const variants = [
      { platform: 'win32', osName: 'Windows 11 Pro', osVersion: '23H2', user: 'grace', av: 'off', backup: 'stale', systemFreePercent: 4 },
      { platform: 'win32', osName: 'Windows 11 Pro', osVersion: '24H2', user: 'alan', av: 'on', backup: 'ok', systemFreePercent: 55 },
      { platform: 'win32', osName: 'Windows 10 Enterprise', osVersion: '22H2', user: 'barbara', av: 'outdated', backup: 'failing', systemFreePercent: 22 },
      { platform: 'darwin', osName: 'macOS', osVersion: '15.1', user: 'margaret', av: 'on', backup: 'ok', systemFreePercent: 61 },
      { platform: 'darwin', osName: 'macOS', osVersion: '14.7', user: 'katherine', av: 'on', backup: 'not-configured', systemFreePercent: 8 },
      { platform: 'linux', osName: 'Ubuntu', osVersion: '24.04', user: 'dennis', av: 'on', backup: 'ok', systemFreePercent: 70 },
    ] as const;
    const generated: SeededDevice[] = [];
    for (const [i, v] of variants.entries()) generated.push(await enrollDevice(baseUrl, secret, variantOf(realDoc, { ...v, n: i + 1 })));
    const grace = generated[0]!;

    await fileTicket(baseUrl, real, {
      subject: 'Cannot print to the 3rd floor printer',
      description: 'Since this morning nothing comes out.\n\n  The dialog says error 0x709 — <b>not bold</b> <img src=x onerror="window.__pwned=1">\n打印机没有反应。',
      category: 'printing',
      urgency: 'high',
      impact: 'team',
      diagnostics,
      screenshot,
      locale: 'zh-CN',
    });
    await fileTicket(baseUrl, grace, {
      subject: 'Laptop very slow and disk full warning',
      description: 'Windows keeps saying the disk is full.',
      category: 'hardware',
      urgency: 'critical',
      impact: 'me',
      diagnostics: null,
    });
    // One long unbroken word in a subject must not push the queue's columns off screen.
    await fileTicket(baseUrl, generated[2]!, {
      subject: `Outlook_crashes_${'when_opening_the_shared_finance_calendar_'.repeat(3)}again`,
      description: 'It happens every morning.',
      category: 'software',
      urgency: 'medium',
      impact: 'me',
      diagnostics: null,
    });
    await fileTicket(baseUrl, generated[1]!, { subject: 'Need Visio installed', description: 'For the Q1 process maps.', category: 'software', urgency: 'low', impact: 'me', diagnostics: null });

    // A later inventory of this machine, so its history shows what changed between the two.
    const next = structuredClone(realDoc);
    next.collectedAt = new Date(Date.now() + 1000).toISOString();
    const sw = next.sections.software?.data;
    if (sw) {
      const removed = sw.packages.shift();
      if (sw.packages[0]) sw.packages[0] = { ...sw.packages[0], version: `${sw.packages[0].version ?? '0'}+console1` };
      sw.packages.push({ name: 'Deskside Console Test Tool', version: '1.2.3', publisher: 'Deskside', installDate: null, installLocation: null, arch: 'x64', source: 'dpkg' });
      expect(removed).toBeDefined();
    }
    await uploadInventory(baseUrl, real, next);

    // bypassCSP: axe-core is injected as a script the console's own policy would (rightly) refuse.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Berlin', bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

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
  });

  it('signs in, after a wrong password', async () => {
    await page.goto(`${baseUrl}/queue`);
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByText('User name or password is not right.'));
    await shot('01-sign-in');
    await accessible('sign-in');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Queue' }));
    await expectVisible(page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }));
    expect(new URL(page.url()).pathname).toBe('/queue');
    await shot('02-queue');
    await accessible('queue');
  });

  it('filters the queue on the server', async () => {
    await page.getByLabel('Priority').selectOption('high+');
    await expectHidden(page.getByRole('link', { name: 'Need Visio installed' }));
    await expectVisible(page.getByRole('link', { name: 'Laptop very slow and disk full warning' }));
    expect(new URL(page.url()).searchParams.get('priority')).toBe('high,critical');
    await page.getByLabel('Category').selectOption('hardware');
    await expectHidden(page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }));
    await expectVisible(page.getByRole('link', { name: 'Laptop very slow and disk full warning' }));
    await page.getByLabel('Category').selectOption('');
    await page.getByLabel('Priority').selectOption('');
    await page.getByLabel('Search').fill('printer');
    await expectVisible(page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }));
    await expectHidden(page.getByRole('link', { name: 'Need Visio installed' }));
    await shot('03-queue-filtered');
  });

  it('opens a ticket and reads the diagnostics, the screenshot and the user text as typed', async () => {
    await page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }).click();
    await expectVisible(page.getByRole('heading', { name: 'What the user wrote' }));
    const description = page.locator('section[aria-labelledby="description-title"] .user-text');
    expect(await description.textContent()).toContain('<b>not bold</b> <img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expectVisible(page.getByRole('heading', { name: 'Diagnostics', exact: true }));
    await accessible('ticket');
    // Every item the agent collected on this machine has its own panel, folded below at a glance.
    await page.getByText(/^All diagnostic items/).click();
    for (const name of ['Network', 'Disks', 'Memory', 'Uptime', 'Protection']) await expectVisible(page.getByRole('heading', { name, exact: true }).first());
    await expectVisible(page.getByRole('heading', { name: 'At a glance' }));
    await expectVisible(page.getByText('Grace Hopper').first());
    const thumb = page.getByRole('img', { name: 'Screenshot screenshot.png' }).first();
    await expectVisible(thumb);
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(900);
    await shot('04-ticket');
    await page.getByRole('button', { name: 'Open screenshot screenshot.png full size' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '100%' }).click();
    await shot('05-ticket-screenshot-zoom');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show raw JSON' }).click();
    const raw = JSON.parse((await page.getByLabel('Raw diagnostics JSON').textContent()) ?? '{}') as { agentVersion?: string };
    expect(raw.agentVersion).toBe(AGENT_VERSION);
    await page.getByRole('button', { name: 'Hide raw JSON' }).click();
    await shot('06-ticket-full-page', true);
  });

  it('replies to the user, adds an internal note and changes the status; the device sees only the reply', async () => {
    await page.getByLabel('Reply to the user').fill('Hello Grace, the print spooler was restarted. Please try again.');
    await page.getByLabel('and set status').selectOption('waiting-on-user');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expectVisible(page.locator('.timeline .user-text', { hasText: 'the print spooler was restarted' }));
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await page.getByLabel('Internal note for technicians').fill('Driver 0x709 issue: push the new printer GPO.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expectVisible(page.locator('.timeline .user-text', { hasText: 'push the new printer GPO' }));
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expectVisible(page.getByText('changed the assignee from nobody to Ada Lovelace'));
    await page.getByLabel('Status', { exact: true }).selectOption('resolved');
    await expectVisible(page.getByText('changed status from Waiting on user to Resolved'));
    await shot('07-ticket-replied');

    const res = await fetch(`${baseUrl}${AGENT_API_BASE}/tickets`, { headers: real.auth });
    const mine = DeviceTicketListSchema.parse(await res.json()).tickets.find((t) => t.subject === 'Cannot print to the 3rd floor printer');
    expect(mine?.status).toBe('resolved');
    expect(mine?.messages.map((m) => m.body)).toEqual(['Hello Grace, the print spooler was restarted. Please try again.']);
  });

  it('searches a device and sees what changed between its inventories', async () => {
    await nav(page, 'Devices').click();
    await expectVisible(page.getByRole('table', { name: 'Devices' }));
    await shot('08-devices');
    await accessible('devices');
    await page.getByLabel('Search').fill(real.hostname);
    await expectVisible(page.getByRole('link', { name: real.hostname, exact: true }));
    await expectHidden(page.getByRole('link', { name: 'WS-001' }));
    await page.getByRole('link', { name: real.hostname, exact: true }).click();
    await expectVisible(page.getByRole('heading', { name: real.hostname }));
    await shot('09-device-overview');
    await accessible('device overview');
    await page.getByRole('tab', { name: 'Software' }).click();
    await page.getByLabel('Search software').fill('Deskside Console Test Tool');
    await expectVisible(page.getByRole('cell', { name: 'Deskside Console Test Tool' }));
    await page.getByRole('tab', { name: 'History' }).click();
    await expectVisible(page.getByRole('cell', { name: 'Deskside Console Test Tool' }));
    await expectVisible(page.locator('td', { hasText: /^Installed$/ }).first());
    await expectVisible(page.locator('td', { hasText: /^Removed$/ }).first());
    await expectVisible(page.locator('td', { hasText: /^Updated$/ }).first());
    await shot('10-device-history');
    await page.getByRole('tab', { name: 'Protection' }).click();
    await shot('11-device-protection', true);
    await accessible('device protection');
  });

  it('shows fleet health whose charts lead to the filtered lists', async () => {
    await nav(page, 'Fleet health').click();
    await expectVisible(page.getByRole('heading', { name: 'Devices by OS' }));
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await shot('12-fleet', true);
    await accessible('fleet health');
    // A bar is a link too: "Stale" in the backup chart opens the stale devices.
    await page.locator('section[aria-labelledby="chart-backup"] .recharts-bar-rectangle').nth(1).click();
    await expectVisible(page.getByRole('link', { name: 'WS-001' }));
    expect(new URL(page.url()).search).toBe('?backup=stale');
    await page.goBack();
    await expectVisible(page.getByRole('heading', { name: 'Devices by OS' }));
    // WS-001 was generated with antivirus off; this machine may count too, depending on what it runs.
    const off = page.getByRole('link', { name: /^Off: \d+$/ });
    const count = Number(((await off.textContent()) ?? '').replace(/\D/g, ''));
    expect(count).toBeGreaterThanOrEqual(1);
    await off.click();
    await expectVisible(page.getByRole('link', { name: 'WS-001' }));
    expect(new URL(page.url()).search).toBe('?av=off');
    expect(await page.getByRole('table', { name: 'Devices' }).locator('tbody tr').count()).toBe(count);
  });

  it('administers technicians, enrollment secrets and fleet settings', async () => {
    await nav(page, 'Admin').click();
    await expectVisible(page.getByRole('cell', { name: /Linus Tech/ }));
    await shot('13-admin-technicians');
    await accessible('admin');
    await page.getByRole('tab', { name: 'Enrollment secrets' }).click();
    await page.getByLabel('Label').fill('Berlin office laptops');
    await page.getByRole('button', { name: 'Create secret' }).click();
    const value = await page.getByLabel('New enrollment secret').inputValue();
    expect(value.length).toBeGreaterThan(16);
    await shot('14-admin-secret');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('tab', { name: 'Fleet settings' }).click();
    await page.getByLabel('Backup stale after (days)').fill('10');
    await page.getByRole('button', { name: 'Save and push' }).click();
    await expectVisible(page.getByText('Saved. Agents pick it up at their next check-in.'));
    expect((await runtime.store.settings.fleet()).settings.backupStaleDays).toBe(10);
    await shot('15-admin-settings');
  });

  it('switches to Simplified Chinese, with dates in the chosen locale', async () => {
    await nav(page, 'Queue').click();
    await page.getByLabel('Language').first().selectOption('zh-CN');
    await expectVisible(page.getByRole('heading', { name: '工单队列' }));
    await page.getByRole('combobox', { name: '状态' }).selectOption('all');
    await expectVisible(page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot('16-queue-zh');
    await accessible('queue zh-CN');
    await page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }).click();
    await expectVisible(page.getByRole('heading', { name: '诊断信息', exact: true }));
    expect(await page.locator('dl.kv time').first().textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await shot('17-ticket-zh');
    await accessible('ticket zh-CN');
    // The choice survives a reload.
    await page.reload();
    await expectVisible(page.getByRole('heading', { name: '用户描述' }));
    await page.getByLabel('语言').first().selectOption('en');
  });

  it('handles an ended session by asking to sign in again, then returns to the same page', async () => {
    await nav(page, 'Queue').click();
    await expectVisible(page.getByRole('heading', { name: 'Queue' }));
    await context.clearCookies();
    await page.keyboard.press('r');
    await expectVisible(page.getByText('Your session has ended. Sign in again to continue where you were.'));
    await shot('18-session-ended');
    await accessible('session ended');
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Queue' }));
    expect(new URL(page.url()).pathname).toBe('/queue');
  });

  it('lays out the queue, a ticket and the devices at 1024, 1366 and 1920 px', async () => {
    await page.goto(`${baseUrl}/queue?status=all`);
    // The previous test ended a session; sign in again if this load asks.
    const userName = page.getByLabel('User name');
    // Wait for the page to settle on one of the two: checking at once races the session check on a busy machine.
    await expectVisible(page.getByRole('table', { name: 'Tickets' }).or(userName).first());
    if (await userName.isVisible()) {
      await userName.fill('ada');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await expectVisible(page.getByRole('table', { name: 'Tickets' }));
    const href = await page.getByRole('link', { name: 'Cannot print to the 3rd floor printer' }).first().getAttribute('href');
    const ticketPath = new URL(href ?? '', baseUrl);
    for (const [width, height] of [[1024, 768], [1366, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      const fits = async (what: string) => {
        // No horizontal scrolling of the page itself: wide tables may scroll inside their own frame only.
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(scroll, `${what} at ${width} px overflows sideways`).toBeLessThanOrEqual(client);
      };

      await page.goto(`${baseUrl}/queue?status=all`);
      await expectVisible(page.getByRole('table', { name: 'Tickets' }));
      await shot(`layout-queue-${width}`);
      await fits('queue');
      // Every column header, the long-subject row included, is on screen: none pushed off or hidden.
      for (const name of ['Subject', 'Assignee', 'Age', 'Updated']) {
        const header = page.getByRole('table', { name: 'Tickets' }).getByRole('columnheader', { name: new RegExp(`^${name}`) });
        await expectVisible(header);
        const box = await header.boundingBox();
        expect(box && box.x + box.width <= width, `${name} column at ${width} px`).toBe(true);
      }

      await page.goto(ticketPath.href);
      await expectVisible(page.getByRole('heading', { name: 'What the user wrote' }));
      await shot(`layout-ticket-${width}`);
      await fits('ticket');
      const reply = await page.getByLabel('Reply to the user').boundingBox();
      expect(reply && reply.y < height, `reply box within the first ${height} px at ${width} px`).toBe(true);

      await page.goto(`${baseUrl}/devices`);
      await expectVisible(page.getByRole('table', { name: 'Devices' }));
      await shot(`layout-devices-${width}`);
      await fits('devices');
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('works on a wide screen', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await nav(page, 'Fleet health').click();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await shot('19-fleet-wide');
    await page.goto(`${baseUrl}/queue?status=all`);
    await expectVisible(page.getByRole('table', { name: 'Tickets' }));
    await shot('20-queue-wide');
    expect(pageErrors).toEqual([]);
  });
});

/** A link of the main navigation (pages have their own links with the same words, e.g. "← Queue"). */
function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 });
}

async function expectHidden(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout: 15_000 });
}
