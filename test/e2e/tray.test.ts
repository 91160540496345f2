import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { CONSOLE_API_BASE, type TicketDetail } from '@deskside/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { describeViolations, seriousViolations } from './axe-check.js';
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
if (!haveChromium) console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); the tray end-to-end tests are skipped`);

/** A screenshot of the page as it stands and, for every page the user sees, axe-core's WCAG 2.2 A/AA check. */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `tray-${name}.png`), fullPage: true });
  if (name.startsWith('failed-')) return;
  const violations = await seriousViolations(page);
  expect(violations.map((v) => v.id), `tray ${name}\n${describeViolations(violations)}`).toEqual([]);
}

async function consoleTicket(server: RunningServer, cookie: string, id: string): Promise<TicketDetail> {
  const res = await server.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${id}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body) as TicketDetail;
}

async function ticketsWithSubject(server: RunningServer, subject: string): Promise<number> {
  const rows = await server.store.handle.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute();
  return rows.length;
}

/** Drops files on the drop zone the way a file manager does (a real DragEvent with a DataTransfer). */
async function dropFiles(page: Page, files: readonly { name: string; type: string; text: string }[]): Promise<void> {
  await page.getByTestId('file-drop').evaluate((zone, list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Black pixel check done by Chromium's own PNG decoder. */
async function pixel(page: Page, png: Buffer, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    async ([b64, px, py]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(px as number, py as number, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    },
    [png.toString('base64'), x, y] as const,
  );
}

describe.skipIf(!haveChromium)('tray app end to end (built renderer + preload in Chromium, real agent, real server)', () => {
  let dataDir: string;
  let server: RunningServer;
  let tray: TrayUnderTest;
  let browser: Browser;
  let renderer: { url: string; close(): Promise<void> };
  let page: Page;
  let tech: { cookie: string };
  let filedTicketId = '';

  beforeAll(async () => {
    await buildDesktop();
    dataDir = await tempDir('tray-e2e');
    server = await startServer(join(dataDir, 'server'));
    const secret = (await server.store.secrets.create({ label: 'e2e', createdBy: null })).value;
    tech = await technicianSession(server, 'bob');
    browser = await launchChromium();
    const screenshot = await fakeDesktopCapture(browser);
    tray = await startTray({ dataDir: join(dataDir, 'tray'), serverUrl: server.url, enrollSecret: secret, screenshot });
    await tray.agent.enroll();
    await tray.core.start();
    // As the app's schedule does at start: the first check-in sets the ticket cursor.
    expect((await tray.core.syncNow()).ok).toBe(true);
    renderer = await serveRenderer();
    page = await openTrayPage(browser, tray, renderer.url);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await renderer?.close();
    await tray?.agent.stop();
    await server?.stop().catch(() => undefined);
    if (dataDir) await removeDir(dataDir);
  });

  it('files a ticket with a blacked-out screenshot; unticked items never reach the server', async () => {
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    await page.getByLabel('Subject').fill('Outlook cannot open attachments');
    await page.getByLabel('What happened?').fill('每次打开附件 Outlook 都报错 0x80070005。Since this morning.');
    await page.getByLabel('Category').selectOption('email');
    await page.getByLabel('How urgent is it?').selectOption('high');
    await page.getByLabel('My team').check();
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe('');

    // Black out the sticky note with the password (image px 900..1160 × 120..260).
    const frame = page.getByTestId('shot-display-1');
    await frame.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await frame.scrollIntoViewIfNeeded();
    const box = (await frame.boundingBox())!;
    expect(box.height).toBeGreaterThan(100);
    const at = (x: number, y: number) => ({ x: box.x + (x / 1280) * box.width, y: box.y + (y / 800) * box.height });
    const from = at(885, 105);
    const to = at(1205, 305);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await page.getByText('1 area blacked out').waitFor();

    await dropFiles(page, [
      { name: 'outlook-error.txt', type: 'text/plain', text: 'Outlook 0x80070005 at 08:12\n' },
      { name: 'personal-notes.txt', type: 'text/plain', text: 'my private notes\n' },
      { name: 'setup.exe', type: 'application/x-msdownload', text: 'MZ' },
    ]);
    await page.getByText('"setup.exe" is not a type IT accepts').waitFor();
    // The form is longer than the window: scrolled to its end, the side menu is still in view.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const menu = await page.getByRole('navigation').first().boundingBox();
    expect(menu !== null && menu.y >= 0 && menu.y < 760).toBe(true);
    await shot(page, 'report-form');

    await page.getByRole('button', { name: 'Review before sending' }).click();
    await page.getByRole('heading', { name: 'Review what is sent' }).waitFor({ timeout: 90_000 });
    await page.getByRole('checkbox', { name: 'Send Running programs' }).uncheck();
    await page.getByRole('checkbox', { name: 'Send Recent errors' }).uncheck();
    await page.getByRole('checkbox', { name: 'Send personal-notes.txt' }).uncheck();
    await page.getByText('Exactly what will be sent').click();
    const preview = page.getByTestId('exact-preview');
    await expect.poll(async () => (await preview.count()) > 0 && (await preview.textContent())?.includes('"omitted"')).toBe(true);
    const exact = JSON.parse((await preview.textContent()) ?? '{}') as { diagnostics: { omitted: string[]; items: { id: string }[] }; attachments: { name: string }[] };
    expect(exact.diagnostics.omitted).toEqual(expect.arrayContaining(['processes', 'recent-errors']));
    expect(exact.attachments.map((a) => a.name)).toEqual(['screenshot.png', 'outlook-error.txt']);
    await shot(page, 'report-review');

    await page.getByRole('button', { name: 'Send to IT' }).click();
    const result = page.getByTestId('report-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Sent\. Your ticket number is #\d+\./);
    await shot(page, 'report-sent');

    const submitted = tray.submitted[0] as { outcome: string; ticketId: string };
    expect(submitted.outcome).toBe('sent');
    filedTicketId = submitted.ticketId;
    const onServer = await consoleTicket(server, tech.cookie, filedTicketId);
    expect(onServer.ticket.subject).toBe('Outlook cannot open attachments');
    expect(onServer.description).toContain('每次打开附件');
    expect(onServer.ticket).toMatchObject({ urgency: 'high', impact: 'team', category: 'email' });
    const ids = onServer.diagnostics?.items.map((i) => i.id) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('processes');
    expect(ids).not.toContain('recent-errors');
    expect(onServer.diagnostics?.omitted).toEqual(expect.arrayContaining(['processes', 'recent-errors']));
    expect(JSON.stringify(onServer)).not.toContain('personal-notes');
    expect(onServer.attachments.map((a) => a.name).sort()).toEqual(['outlook-error.txt', 'screenshot.png']);

    // The password under the black box is gone from the pixels that reached the server.
    const shotMeta = onServer.attachments.find((a) => a.name === 'screenshot.png')!;
    const bytes = await server.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${filedTicketId}/attachments/${shotMeta.id}`, headers: { cookie: tech.cookie } });
    expect(bytes.statusCode).toBe(200);
    const png = bytes.rawPayload;
    expect(await pixel(page, png, 1030, 190)).toEqual([0, 0, 0]);
    expect(await pixel(page, png, 300, 300)).toEqual([255, 255, 255]);
    expect(pageErrors(page), pageErrors(page).join('\n')).toEqual([]);
  });

  it('shows a technician reply in My tickets, notifies, and sends the user reply back', async () => {
    const reply = await server.app.inject({
      method: 'POST',
      url: `${CONSOLE_API_BASE}/tickets/${filedTicketId}/messages`,
      headers: { cookie: tech.cookie },
      payload: { visibility: 'public', body: 'Please restart Outlook in safe mode (outlook.exe /safe) and try again.', status: 'waiting-on-user' },
    });
    expect(reply.statusCode).toBe(200);
    await server.app.inject({
      method: 'POST',
      url: `${CONSOLE_API_BASE}/tickets/${filedTicketId}/messages`,
      headers: { cookie: tech.cookie },
      payload: { visibility: 'internal', body: 'INTERNAL: probably the Defender ASR rule', status: 'waiting-on-user' },
    });

    await page.getByRole('link', { name: 'My device' }).click();
    await page.getByRole('heading', { level: 1, name: 'My device' }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Synchronised with IT.').waitFor({ timeout: 90_000 });
    await page.locator('.health-list').waitFor({ timeout: 90_000 });
    await shot(page, 'device');

    await expect.poll(() => tray.notifications.length).toBeGreaterThan(0);
    expect(tray.notifications[0]).toMatchObject({ title: expect.stringMatching(/^IT replied to ticket #\d+$/), route: { view: 'tickets', ticketId: filedTicketId } });

    await page.getByRole('link', { name: /My tickets.*1 new reply/ }).waitFor();
    // Clicking the notification opens the ticket (the notifier's click calls windows.open(route)).
    await tray.core.handlers['window:open']({ webContentsId: 1 }, tray.notifications[0]!.route as never);
    await page.getByText('Please restart Outlook in safe mode').waitFor();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/tickets/${filedTicketId}`);

    await page.getByRole('link', { name: /My tickets/ }).click();
    await page.getByRole('heading', { level: 1, name: 'My tickets' }).waitFor();
    const row = page.locator('.ticket-row', { hasText: 'Outlook cannot open attachments' });
    await row.getByText('Waiting for your answer').waitFor();
    await shot(page, 'tickets');

    await row.getByRole('link').click();
    await page.getByText('Please restart Outlook in safe mode').waitFor();
    expect(await page.getByText('INTERNAL: probably').count()).toBe(0);
    await page.getByLabel('Your reply').fill('Safe mode works. 安全模式可以打开。');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await shot(page, 'ticket-detail');

    const onServer = await consoleTicket(server, tech.cookie, filedTicketId);
    expect(onServer.messages.some((m) => m.body === 'Safe mode works. 安全模式可以打开。')).toBe(true);
    expect((await tray.core.handlers['status:get']({ webContentsId: 1 })).unreadTickets).toBe(0);
  });

  it('with the server down the ticket is saved, and arrives exactly once after restart', async () => {
    const port = server.port;
    await server.stop();

    await page.goto(`${renderer.url}#/report`);
    await page.reload();
    await page.getByLabel('Subject').fill('VPN drops every 10 minutes');
    await page.getByLabel('What happened?').fill('The VPN disconnects at home.');
    await page.getByRole('checkbox', { name: 'Include screenshot of Built-in display' }).uncheck();
    await page.getByRole('button', { name: 'Review before sending' }).click();
    await page.getByRole('heading', { name: 'Review what is sent' }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Send to IT' }).click();
    await page.getByText('Saved. It will be sent when the connection is back.').waitFor({ timeout: 60_000 });
    await shot(page, 'report-queued');

    await page.getByRole('link', { name: /My tickets/ }).click();
    await page.getByText('Waiting to be sent').waitFor();
    await page.locator('.ticket-row', { hasText: 'VPN drops every 10 minutes' }).waitFor();
    await shot(page, 'tickets-pending');

    server = await startServer(join(dataDir, 'server'), port);
    expect(await ticketsWithSubject(server, 'VPN drops every 10 minutes')).toBe(0);
    await page.getByRole('link', { name: 'My device' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText('Synchronised with IT.').waitFor({ timeout: 30_000 });
    expect(await ticketsWithSubject(server, 'VPN drops every 10 minutes')).toBe(1);

    // Further syncs never send it again.
    await tray.core.syncNow();
    expect(await ticketsWithSubject(server, 'VPN drops every 10 minutes')).toBe(1);
    expect((await tray.agent.status()).outbox.filter((o) => o.kind === 'ticket')).toEqual([]);
  });

  it('settings, about with the transparency page, and Simplified Chinese', async () => {
    await page.getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { name: 'What Deskside collects and why' }).waitFor();
    await page.getByText(server.url).waitFor();
    await shot(page, 'about');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await shot(page, 'settings');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '设置' }).waitFor();
    await page.getByRole('link', { name: '报告问题' }).click();
    await page.getByRole('heading', { level: 1, name: '报告问题' }).waitFor();
    await shot(page, 'report-zh-CN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('the whole window works from the keyboard alone', async () => {
    await page.goto(`${renderer.url}#/about`);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Tab from the top of the page to the navigation and open My tickets with Enter.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 6; i++) {
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text.startsWith('我的工单') || text.startsWith('My tickets')) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/tickets');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });
});
