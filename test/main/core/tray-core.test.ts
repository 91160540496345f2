import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SectionsSchema, type TicketDraft, type TrayStatus } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { electronExternalLinks } from '../../../main/platform/external-links.js';
import { diagnosticsFixture, fakeAgent, ticketFixture } from './fake-agent.js';
import { trayCoreFixture } from './tray-core-fixture.js';

const CTX = { webContentsId: 3 };
// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function draft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  return {
    id: '5b0c9a3e-2d4f-4b8a-9c1e-7f6a5d4c3b2a',
    subject: '  Outlook keeps crashing  ',
    description: 'Outlook 每次打开附件就崩溃。',
    category: 'email',
    urgency: 'high',
    impact: 'me',
    contact: { name: 'Alice Martin', email: 'alice@example.org', phone: '+33 1 23 45 67 89' },
    attachments: [
      { name: 'screenshot-display-1.png', type: 'image/png', role: 'screenshot', dataBase64: PNG.toString('base64') },
      { name: 'outlook.log', type: 'text/plain', role: 'file', dataBase64: Buffer.from('2026-11-29 crash\n').toString('base64') },
    ],
    diagnostics: null,
    locale: 'zh-CN',
    ...overrides,
  };
}

async function error(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  return e;
}

describe('report a problem', () => {
  it('sends only the diagnostic items the user kept and names the others as omitted', async () => {
    const f = await trayCoreFixture();
    const run = await f.core.handlers['report:gather-diagnostics'](CTX);
    expect(run.items.map((i) => i.id)).toEqual(['network', 'disks', 'processes', 'recent-errors']);
    expect(f.events.filter((e) => e.event === 'diagnostics:progress').length).toBeGreaterThanOrEqual(2);

    const d = draft({ diagnostics: { runId: run.runId, keep: ['network', 'disks'] } });
    const preview = await f.core.handlers['report:preview'](CTX, d);
    expect(preview.submission.diagnostics?.items.map((i) => i.id)).toEqual(['network', 'disks']);
    expect(preview.submission.diagnostics?.omitted).toEqual(['processes', 'recent-errors']);
    expect(JSON.stringify(preview.submission)).not.toContain('Teams.exe');
    expect(preview.submission.subject).toBe('Outlook keeps crashing');

    const result = await f.core.handlers['report:submit'](CTX, d);
    expect(result).toMatchObject({ outcome: 'sent', number: 42 });
    const sent = f.agent.submitTicket.mock.calls[0]![0];
    expect(sent.diagnostics && sent.diagnostics.items.map((i) => i.id)).toEqual(['network', 'disks']);
    expect(sent.diagnostics && sent.diagnostics.omitted).toEqual(['processes', 'recent-errors']);
    expect(sent.description).toBe('Outlook 每次打开附件就崩溃。');
    expect(sent.locale).toBe('zh-CN');
  });

  it('previews with the agent\'s own composer: each attachment exactly (field, sha256, size, role)', async () => {
    const f = await trayCoreFixture();
    const preview = await f.core.handlers['report:preview'](CTX, draft());
    expect(preview.submission).toMatchObject({ id: draft().id, contact: draft().contact, category: 'email', locale: 'zh-CN' });
    expect(await readdir(f.attachmentsDir)).toEqual([]);
    expect(preview.attachments).toEqual([
      { field: 'screenshot-0', name: 'screenshot.png', type: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex'), role: 'screenshot' },
      { field: 'file-0', name: 'outlook.log', type: 'text/plain', size: 17, sha256: createHash('sha256').update('2026-11-29 crash\n').digest('hex'), role: 'file' },
    ]);
    expect(preview.totalBytes).toBe(PNG.length + 17);
  });

  it('hands the screenshot bytes and the files to the agent, and keeps no copy once the agent has them', async () => {
    const f = await trayCoreFixture();
    await f.core.handlers['report:submit'](CTX, draft());
    const sent = f.agent.submitTicket.mock.calls[0]![0];
    expect(Buffer.from(sent.screenshot!.bytes).equals(PNG)).toBe(true);
    expect(sent.attachments).toEqual([expect.objectContaining({ name: 'outlook.log' })]);
    expect(sent.diagnostics).toBe(false);
    expect(await readdir(f.attachmentsDir)).toEqual([]);
  });

  it('says "queued" when the agent could not deliver yet', async () => {
    const f = await trayCoreFixture();
    f.state.deliver = false;
    const result = await f.core.handlers['report:submit'](CTX, draft());
    expect(result.outcome).toBe('queued');
    expect(await readdir(f.attachmentsDir)).toEqual([]);
  });

  it('says "refused" (not "queued") when the server turned the ticket down for good', async () => {
    const f = await trayCoreFixture();
    const id = '1f3e2d1c-4b5a-4968-8776-a5b4c3d2e1f0';
    f.agent.submitTicket.mockResolvedValueOnce({ id, delivered: false, number: null, error: 'HTTP 400' });
    f.state.outbox = [{ id, kind: 'ticket', label: 'ticket "x"', createdAt: '2026-11-29T08:00:00.000Z', attempts: 1, nextAttemptAt: null, bytes: 1, failed: { status: 400, message: 'the ticket is not valid' }, lastError: 'HTTP 400' }];
    expect(await f.core.handlers['report:submit'](CTX, draft())).toEqual({ outcome: 'refused', ticketId: id, message: 'the ticket is not valid' });
    f.agent.addComment.mockResolvedValueOnce({ id, delivered: false, number: null, error: 'HTTP 400' });
    expect(await f.core.handlers['tickets:reply'](CTX, ticketFixture().id, 'hello')).toEqual({ outcome: 'refused', message: 'the ticket is not valid' });
  });

  it('finds the ticket number from the refreshed list when the agent delivered without one', async () => {
    const f = await trayCoreFixture();
    const id = '0f3e2d1c-4b5a-4968-8776-a5b4c3d2e1f0';
    f.agent.submitTicket.mockResolvedValueOnce({ id, delivered: true, number: null, error: null });
    f.state.tickets = [ticketFixture({ id, number: 108 })];
    expect(await f.core.handlers['report:submit'](CTX, draft())).toEqual({ outcome: 'sent', ticketId: id, number: 108 });
  });

  it('files a ticket once even when Send is pressed twice', async () => {
    const f = await trayCoreFixture();
    const [a, b] = await Promise.all([f.core.handlers['report:submit'](CTX, draft()), f.core.handlers['report:submit'](CTX, draft())]);
    expect(a).toEqual(b);
    expect(f.agent.submitTicket).toHaveBeenCalledTimes(1);
  });

  it('refuses files whose bytes are not what their type says, oversize files and forbidden screenshots', async () => {
    const f = await trayCoreFixture();
    const exe = Buffer.from('MZ\x90\x00 this is a program');
    const fake = await error(f.core.handlers['report:preview'](CTX, draft({ attachments: [{ name: 'invoice.pdf', type: 'application/pdf', role: 'file', dataBase64: exe.toString('base64') }] })));
    expect((fake as { code?: string }).code).toBe('invalid-request');

    const big = Buffer.alloc(8 * 1024 * 1024 + 1);
    PNG.copy(big);
    const tooBig = await error(f.core.handlers['report:preview'](CTX, draft({ attachments: [{ name: 's.png', type: 'image/png', role: 'screenshot', dataBase64: big.toString('base64') }] })));
    expect((tooBig as { code?: string }).code).toBe('too-large');

    const off = fakeAgent({ settings: { screenshotsAllowed: false } });
    const g = await trayCoreFixture({ agent: off });
    const prep = await g.core.handlers['report:prepare'](CTX);
    expect(prep.screenshotsAllowed).toBe(false);
    expect(prep.screenshots).toEqual([]);
    const forbidden = await error(g.core.handlers['report:submit'](CTX, draft()));
    expect((forbidden as { code?: string }).code).toBe('forbidden');
    expect(off.agent.submitTicket).not.toHaveBeenCalled();
  });

  it('refuses diagnostics from a run it does not know', async () => {
    const f = await trayCoreFixture();
    const e = await error(f.core.handlers['report:submit'](CTX, draft({ diagnostics: { runId: 'forged', keep: ['network'] } })));
    expect((e as { code?: string }).code).toBe('not-found');
  });

  it('prefills the contact and offers the screenshots taken before the window appeared', async () => {
    const f = await trayCoreFixture();
    const prep = await f.core.handlers['report:prepare'](CTX);
    expect(prep.contact).toEqual({ name: 'Alice Martin', email: 'alice@example.org', phone: null });
    expect(prep.screenshots.map((s) => s.id)).toEqual(['display-1']);
    expect(prep.rules.maxFiles).toBe(10);
  });
});

describe('my tickets', () => {
  it('counts unread technician replies until the ticket is opened', async () => {
    const f = await trayCoreFixture();
    const t = ticketFixture();
    f.state.tickets = [t];
    const list = await f.core.handlers['tickets:list'](CTX);
    expect(list.tickets[0]).toMatchObject({ unread: 1 });
    expect((await f.core.handlers['status:get'](CTX)).unreadTickets).toBe(1);
    const after = await f.core.handlers['tickets:mark-read'](CTX, t.id);
    expect(after.tickets[0]).toMatchObject({ unread: 0 });
    expect((await f.core.handlers['status:get'](CTX)).unreadTickets).toBe(0);
  });

  it('lists tickets still waiting in the outbox as pending', async () => {
    const f = await trayCoreFixture();
    f.state.outbox = [{ id: 'b4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d', kind: 'ticket', label: 'VPN drops', createdAt: '2026-11-29T08:20:00.000Z', attempts: 2, nextAttemptAt: null, bytes: 100, failed: null, lastError: 'offline' }];
    const list = await f.core.handlers['tickets:list'](CTX);
    expect(list.pending).toEqual([{ id: 'b4c1b0a2-8a9f-4f0e-9d7c-1e2f3a4b5c6d', subject: 'VPN drops', createdAt: '2026-11-29T08:20:00.000Z', refused: null }]);
    f.state.outbox = [{ ...f.state.outbox[0]!, failed: { status: 400, message: 'invalid ticket' } }];
    expect((await f.core.handlers['tickets:list'](CTX)).pending[0]?.refused).toBe('invalid ticket');
    f.state.outbox = [];
    expect((await f.core.handlers['tickets:retry'](CTX)).pending).toEqual([]);
    expect(f.agent.retryFailed).toHaveBeenCalledTimes(1);
  });

  it('sends a reply through the agent and reports queued when offline', async () => {
    const f = await trayCoreFixture();
    const t = ticketFixture();
    f.state.tickets = [t];
    expect(await f.core.handlers['tickets:reply'](CTX, t.id, 'Tried it, still blank')).toEqual({ outcome: 'sent' });
    f.state.deliver = false;
    expect(await f.core.handlers['tickets:reply'](CTX, t.id, 'Still there')).toEqual({ outcome: 'queued' });
    expect(f.agent.addComment).toHaveBeenCalledWith(t.id, 'Tried it, still blank');
    const blank = await error(f.core.handlers['tickets:reply'](CTX, t.id, '   '));
    expect((blank as { code?: string }).code).toBe('invalid-request');
  });

  it('sends "fixed", "still broken" and a rating through the agent, only on the user\'s own tickets', async () => {
    const f = await trayCoreFixture();
    const t = ticketFixture({ status: 'resolved' });
    f.state.tickets = [t];
    await f.core.handlers['tickets:list'](CTX);
    expect(await f.core.handlers['tickets:feedback'](CTX, t.id, { kind: 'confirm' })).toEqual({ outcome: 'sent' });
    f.state.deliver = false;
    expect(await f.core.handlers['tickets:feedback'](CTX, t.id, { kind: 'rating', rating: 4, body: null })).toEqual({ outcome: 'queued' });
    expect(f.agent.sendFeedback).toHaveBeenCalledWith(t.id, { kind: 'confirm' });
    expect(f.agent.sendFeedback).toHaveBeenCalledWith(t.id, { kind: 'rating', rating: 4, body: null });
    const unknown = await error(f.core.handlers['tickets:feedback'](CTX, '00000000-0000-4000-8000-000000000000', { kind: 'confirm' }));
    expect((unknown as { code?: string }).code).toBe('not-found');
  });

  it('saves a ticket file into Downloads under a safe, unused name and shows it; offline says so and writes nothing', async () => {
    const f = await trayCoreFixture();
    const t = ticketFixture({ status: 'resolved' });
    f.state.tickets = [t];
    await f.core.handlers['tickets:list'](CTX);
    const id = '30000000-0000-4000-8000-0000000000f1';
    f.state.files.set(id, { name: '../../步骤:1.txt', type: 'text/plain', bytes: Buffer.from('忘记网络后重新连接') });
    await writeFile(join(f.downloadsDir, '步骤_1.txt'), 'an older file the user kept');
    const first = await f.core.handlers['tickets:save-file'](CTX, t.id, id);
    expect(first).toEqual({ outcome: 'saved', fileName: '步骤_1 (2).txt' });
    expect(await readFile(join(f.downloadsDir, '步骤_1 (2).txt'), 'utf8')).toBe('忘记网络后重新连接');
    expect(await readFile(join(f.downloadsDir, '步骤_1.txt'), 'utf8')).toBe('an older file the user kept');
    expect(f.revealed).toEqual([join(f.downloadsDir, '步骤_1 (2).txt')]);
    const offline = await f.core.handlers['tickets:save-file'](CTX, t.id, '30000000-0000-4000-8000-0000000000f2');
    expect(offline).toEqual({ outcome: 'unavailable', message: 'the server could not be reached' });
    expect((await readdir(f.downloadsDir)).length).toBe(2);
    const unknown = await error(f.core.handlers['tickets:save-file'](CTX, '00000000-0000-4000-8000-000000000000', id));
    expect((unknown as { code?: string }).code).toBe('not-found');
  });

  it('notifies on a technician reply in the user language; the click opens that ticket', async () => {
    const f = await trayCoreFixture({ osLanguages: ['zh-Hans-CN'] });
    await f.core.start();
    const t = ticketFixture({ number: 23 });
    f.emit({ type: 'ticket-updated', ticket: t, statusChanged: false, newTechnicianMessages: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(f.notifications).toEqual([{ title: 'IT 回复了工单 #23', body: 'Can you try the other tray?', route: { view: 'tickets', ticketId: t.id } }]);
    expect(f.events.some((e) => e.event === 'tickets:changed')).toBe(true);

    f.emit({ type: 'ticket-updated', ticket: { ...t, status: 'resolved' }, statusChanged: true, newTechnicianMessages: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(f.notifications[1]).toMatchObject({ title: '工单 #23 已更新', body: 'Printer prints blank pages: 已解决' });
  });

  it('stays quiet when the user turned notifications off', async () => {
    const f = await trayCoreFixture();
    await f.core.handlers['settings:update'](CTX, { notifications: false });
    await f.core.start();
    f.emit({ type: 'ticket-updated', ticket: ticketFixture(), statusChanged: true, newTechnicianMessages: 2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(f.notifications).toEqual([]);
  });
});

describe('status, settings and windows', () => {
  it('colours the tray: ok, attention when something failed for good, offline when the server is unreachable', async () => {
    const f = await trayCoreFixture();
    expect((await f.core.handlers['status:get'](CTX)).health).toBe('ok');
    f.state.outbox = [{ id: 'x', kind: 'inventory', label: 'inventory', createdAt: '2026-11-29T08:00:00.000Z', attempts: 9, nextAttemptAt: null, bytes: 1, failed: { status: 413, message: 'too large' }, lastError: null }];
    expect((await f.core.handlers['status:get'](CTX)).health).toBe('attention');
    f.agent.syncNow.mockRejectedValueOnce(new Error('cannot reach https://deskside.example.org'));
    const sync = await f.core.handlers['sync:now'](CTX);
    expect(sync.ok).toBe(false);
    expect(sync.status.health).toBe('offline');
    expect(sync.error).toContain('cannot reach');
    const notEnrolled = await trayCoreFixture({ enrolled: false });
    const s: TrayStatus = await notEnrolled.core.handlers['status:get'](CTX);
    expect(s).toMatchObject({ health: 'offline', enrolled: false, computerName: 'PC-ACCT-017', userName: 'alice', ipAddresses: ['10.20.30.40'] });
  });

  it('turns amber when My device finds something to fix, naming the topics', async () => {
    const sections = SectionsSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/tray/health/macos-neglected.json', import.meta.url), 'utf8')));
    const f = await trayCoreFixture({ sections });
    expect((await f.core.handlers['status:get'](CTX)).health).toBe('ok');
    const health = await f.core.handlers['device:get-health'](CTX);
    expect(health.overall).toBe('problem');
    const status = await f.core.handlers['status:get'](CTX);
    expect(status.health).toBe('attention');
    expect(status.attention).toEqual(['antivirus', 'firewall', 'backup', 'disk', 'updates', 'encryption']);
  });

  it('lets the user change what policy leaves open, and refuses what it locks', async () => {
    const f = await trayCoreFixture({ policy: { startAtLogin: true } });
    const view = await f.core.handlers['settings:get'](CTX);
    expect(view.locked).toEqual(['startAtLogin']);
    const e = await error(f.core.handlers['settings:update'](CTX, { startAtLogin: false }));
    expect((e as { code?: string }).code).toBe('forbidden');
    expect(f.loginItems).toEqual([]);

    const g = await trayCoreFixture();
    const after = await g.core.handlers['settings:update'](CTX, { startAtLogin: false, language: 'zh-CN' });
    expect(after.values).toMatchObject({ startAtLogin: false, language: 'zh-CN' });
    expect(g.loginItems).toEqual([false]);
    expect((await g.core.handlers['app:get-info'](CTX)).language).toBe('zh-CN');
  });

  it('follows the OS language unless the user or policy chose one', async () => {
    expect((await (await trayCoreFixture({ osLanguages: ['zh-TW', 'en-US'] })).core.handlers['app:get-info'](CTX)).language).toBe('zh-CN');
    expect((await (await trayCoreFixture({ osLanguages: ['fr-FR', 'en-US'] })).core.handlers['app:get-info'](CTX)).language).toBe('en');
    const locked = await trayCoreFixture({ agent: fakeAgent({ locked: ['language'], settings: { language: 'en-US' } }), osLanguages: ['zh-CN'] });
    expect((await locked.core.handlers['app:get-info'](CTX)).language).toBe('en');
    expect((await locked.core.handlers['settings:get'](CTX)).locked).toContain('language');
  });

  it('opens the window at a route and closes only the asking window', async () => {
    const f = await trayCoreFixture();
    await f.core.handlers['window:open'](CTX, { view: 'device' });
    await f.core.handlers['window:close'](CTX);
    expect(f.opened).toEqual([{ view: 'device' }]);
    expect(f.closed).toEqual([3]);
  });

  it('reports about facts: versions, server and device id', async () => {
    const f = await trayCoreFixture();
    expect(await f.core.handlers['app:get-info'](CTX)).toMatchObject({
      version: '0.1.0',
      serverUrl: 'https://deskside.example.org',
      deviceId: '7d1c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11',
      computerName: 'PC-ACCT-017',
    });
  });

  it("passes the agent's support ID to About; none from a service that predates it", async () => {
    const f = await trayCoreFixture();
    expect((await f.core.handlers['app:get-info'](CTX)).supportId).toBeNull();
    f.state.supportId = { tool: 'rustdesk', id: '123456789' };
    expect((await f.core.handlers['app:get-info'](CTX)).supportId).toEqual({ tool: 'rustdesk', id: '123456789' });
    f.state.supportId = undefined;
    expect((await f.core.handlers['app:get-info'](CTX)).supportId).toBeNull();
  });

  it('asks the agent for help articles in the window\'s language and reports "This solved it"', async () => {
    const f = await trayCoreFixture({ osLanguages: ['zh-CN'] });
    await f.core.handlers['help:search'](CTX, '打印机连不上', { record: false });
    expect(f.agent.articles).toHaveBeenLastCalledWith({ query: '打印机连不上', record: false, limit: 5, locale: 'zh-CN' });
    const list = await f.core.handlers['help:list'](CTX, { refresh: true });
    expect(list).toEqual({ articles: [], source: 'offline', fetchedAt: null, offline: false });
    expect(f.agent.articles).toHaveBeenLastCalledWith({ refresh: true, locale: 'zh-CN' });
    const articleId = '9e7c1f0e-4c5a-4b8e-9a57-5d6a0d8d2b11';
    expect(await f.core.handlers['help:solved'](CTX, articleId, 'printer')).toEqual({ outcome: 'sent' });
    f.state.deliver = false;
    expect(await f.core.handlers['help:solved'](CTX, articleId, 'printer')).toEqual({ outcome: 'queued' });
    expect(f.agent.articleSolved).toHaveBeenCalledWith(articleId, 'printer');
  });

  it('keeps the diagnostics fixture honest', () => {
    expect(diagnosticsFixture().items).toHaveLength(4);
  });
});

describe('links in help articles', () => {
  it('opens http, https and mailto links outside the tray', async () => {
    const f = await trayCoreFixture();
    await f.core.handlers['links:open-external'](CTX, 'https://support.example.org/vpn?lang=en#setup');
    await f.core.handlers['links:open-external'](CTX, 'http://intranet.example.org/printers');
    await f.core.handlers['links:open-external'](CTX, 'mailto:helpdesk@example.org?subject=VPN');
    expect(f.openedLinks).toEqual(['https://support.example.org/vpn?lang=en#setup', 'http://intranet.example.org/printers', 'mailto:helpdesk@example.org?subject=VPN']);
  });

  it('refuses every other scheme, links without a host and links hiding a user name', async () => {
    const f = await trayCoreFixture();
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-settings:network',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://intranet.example.org@evil.test/',
      'http://',
      '/relative/path',
      'not a link',
    ]) {
      const e = await error(f.core.handlers['links:open-external'](CTX, url));
      expect(e, url).toMatchObject({ code: 'forbidden' });
    }
    expect(f.openedLinks).toEqual([]);
    // The log names the scheme only: a link's path or query may carry personal data.
    expect(f.log.warn).toHaveBeenCalledWith('refused to open a link', { scheme: 'file' });
    expect(JSON.stringify(f.log.warn.mock.calls)).not.toContain('calc.exe');
  });

  it('hands the shell only checked links, whoever calls it', async () => {
    const opened: string[] = [];
    const links = electronExternalLinks({ openExternal: async (url: string) => void opened.push(url) });
    await links.open('https://support.example.org/vpn');
    await expect(links.open('file:///etc/passwd')).rejects.toThrow('not http, https or mailto');
    expect(opened).toEqual(['https://support.example.org/vpn']);
  });
});
