import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { CONSOLE_API_BASE, type TicketDetail, type TicketPage, type VolumeReport } from '@deskside/shared';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FsBlobStore } from '../src/attachments/fs-blob-store.js';
import { parseImapUrl, type ImapSettings } from '../src/mail-in/imap-url.js';
import { IMPORTED_KEYWORD, readMailboxOnce } from '../src/mail-in/mailbox-reader.js';
import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type Harness, type Session } from './helpers/harness.js';

/**
 * Mail in through a real Dovecot on loopback (scripts/ci/start-dovecot.sh; .ci/run exports its URL as
 * DESKSIDE_TEST_IMAP_URL). Each suite reads its own folder, so suites and databases never share mail.
 */
const IMAP_URL = process.env.DESKSIDE_TEST_IMAP_URL;
if (IMAP_URL === undefined && process.env.CI) throw new Error('DESKSIDE_TEST_IMAP_URL is not set: .ci/run starts Dovecot with scripts/ci/start-dovecot.sh');
if (IMAP_URL === undefined) console.log('note: DESKSIDE_TEST_IMAP_URL is not set; the mail-in suite is skipped (run scripts/ci/start-dovecot.sh)');

const FIXTURES = join(import.meta.dirname, 'fixtures', 'mail');
const fixture = (name: string) => readFile(join(FIXTURES, name));

function mail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ To: 'helpdesk@example.org', Date: 'Mon, 07 Dec 2026 09:00:00 +0000', 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
}

describe.skipIf(IMAP_URL === undefined).each(DATABASES)('mail in (%s)', (kind) => {
  let h: Harness;
  let imap: ImapSettings;
  let client: ImapFlow;
  let tech: Session;
  const dir = () => h.dataDir;

  const deliver = async (source: string | Buffer) => {
    const appended = await client.append(imap.mailbox, source);
    if (appended === false) throw new Error('APPEND failed');
    return appended.uid;
  };
  const read = (afterCommit?: (uid: number) => Promise<void>) => readMailboxOnce(imap, { store: h.store, blobs: new FsBlobStore(join(dir(), 'attachments')), afterCommit });
  const ticketByNumber = async (number: number) => (await h.store.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow());
  const ticketBySubject = async (subject: string) => (await h.store.db.selectFrom('tickets').selectAll().where('subject', '=', subject).executeTakeFirstOrThrow());
  const ticketCount = async () => Number((await h.store.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'mia');
    imap = { ...parseImapUrl(IMAP_URL ?? ''), mailbox: `deskside-${kind}-${randomBytes(4).toString('hex')}` };
    client = new ImapFlow({ host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    await client.mailboxCreate(imap.mailbox);
  }, 60_000);

  afterAll(async () => {
    await client?.mailboxDelete(imap.mailbox).catch(() => undefined);
    await client?.logout().catch(() => undefined);
    await h?.close();
  }, 60_000);

  it('turns the corpus into tickets: Chinese charsets, HTML-only, attachments; machines and lists open none', { timeout: 60_000 }, async () => {
    const people = ['plain-english.eml', 'gb2312-base64.eml', 'gbk-quoted-printable.eml', 'gb18030-base64.eml', 'utf8-8bit.eml', 'html-only.eml', 'attachments.eml', 'auto-submitted-no.eml'];
    const machines = ['auto-submitted.eml', 'precedence-bulk.eml', 'precedence-list.eml', 'precedence-junk.eml', 'x-autoreply.eml', 'x-autorespond.eml', 'list-id.eml'];
    for (const name of [...people, ...machines]) await deliver(await fixture(name));

    expect(await read()).toEqual({ tickets: people.length, comments: 0, skipped: machines.length, recovered: 0 });
    // Everything read is flagged; a second round finds nothing to do.
    await client.mailboxOpen(imap.mailbox);
    expect(await client.search({ unKeyword: IMPORTED_KEYWORD }, { uid: true })).toEqual([]);
    expect(await read()).toEqual({ tickets: 0, comments: 0, skipped: 0, recovered: 0 });

    const gbk = await ticketBySubject('邮箱无法同步（朱镕）');
    expect(gbk).toMatchObject({ channel: 'mail', device_id: null, status: 'new', requester: 'zhu@example.cn', requester_email: 'zhu@example.cn', description: 'Outlook 一直提示密码错误，朱镕基同名的账号也不行。' });
    expect((await ticketBySubject('打印机无法连接')).requester).toBe('王伟');
    expect((await ticketBySubject('VPN 断开 𠀀')).description).toBe('VPN 每隔十分钟断开一次。𠀀');
    expect((await ticketBySubject('Screen flickers')).description).not.toMatch(/[<>]|alert/);

    const withFiles = await ticketBySubject('App crashes on start');
    expect(withFiles.attachment_count).toBe(2);
    expect(withFiles.description).toMatch(/Attachments not kept: fix\.exe/);
    const files = await h.store.db.selectFrom('attachments').select(['name', 'type', 'size']).where('ticket_id', '=', withFiles.id).orderBy('name').execute();
    expect(files).toEqual([
      { name: 'events.csv', type: 'text/csv', size: 23 },
      { name: 'screen.png', type: 'image/png', size: 70 },
    ]);
    // The console serves the kept file like a tray upload.
    const detail = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${withFiles.id}`, headers: tech.headers })) as TicketDetail;
    expect(detail.ticket.device).toBeNull();
    const csv = detail.attachments.find((a) => a.name === 'events.csv');
    const download = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${withFiles.id}/attachments/${csv?.id ?? ''}`, headers: tech.headers });
    expect(download.body).toBe('time,event\n09:00,crash\n');

    const imports = await h.store.db.selectFrom('mail_imports').select(['outcome']).where('mailbox', 'like', `%/${imap.mailbox}`).execute();
    expect(imports.filter((i) => i.outcome === 'automatic')).toHaveLength(machines.length);
  });

  it('shows device-less tickets in the queue, on the ticket page, in the export and the volume report', { timeout: 30_000 }, async () => {
    const page = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets?channel=mail&pageSize=50`, headers: tech.headers })) as TicketPage;
    expect(page.items.length).toBeGreaterThanOrEqual(8);
    expect(page.items.every((t) => t.device === null && t.channel === 'mail')).toBe(true);
    const searched = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets?q=${encodeURIComponent('打印机')}`, headers: tech.headers })) as TicketPage;
    expect(searched.items.map((t) => t.subject)).toContain('打印机无法连接');
    const csv = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets.csv?channel=mail`, headers: tech.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('邮箱无法同步（朱镕）');
    const volume = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/reports/volume?from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z`, headers: tech.headers });
    expect(volume.statusCode).toBe(200);
    // No device: no operating system, counted under "none" rather than dropped.
    const report = json(volume) as VolumeReport;
    expect(report.byChannel).toContainEqual({ key: 'mail', count: report.total });
    expect(report.byOs).toContainEqual({ key: null, count: report.total });
    // Diagnostics can only be asked of a device.
    const ticket = await ticketBySubject('Printer on floor 3 jams');
    const ask = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}/diagnostics-requests`, headers: { ...tech.headers, 'x-deskside-console': '1' } });
    expect(ask.statusCode).toBe(409);
    expect(json(ask)).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/no device/) } });
  });

  it('threads replies by Message-ID and by [#number] from the requester, trims the quote, and reopens a resolved ticket', { timeout: 30_000 }, async () => {
    const original = await ticketBySubject('Printer on floor 3 jams');
    await h.store.db.updateTable('tickets').set({ status: 'resolved', resolved_at: 5 }).where('id', '=', original.id).execute();
    await deliver(mail(
      { From: 'Alice Example <alice@example.org>', Subject: 'Re: Printer on floor 3 jams', 'Message-ID': '<reply-1@example.org>', 'In-Reply-To': '<plain-1@example.org>', References: '<plain-1@example.org>' },
      'It jams again since this morning.\n\nOn Mon, 7 Dec 2026 at 09:00, Alice Example <alice@example.org> wrote:\n> The printer on floor 3 jams.',
    ));
    await deliver(mail({ From: 'alice@example.org', Subject: `RE: [#${original.number}] Printer on floor 3 jams`, 'Message-ID': '<reply-2@example.org>' }, 'Paper tray 2 is the culprit.'));
    // Someone else naming the number opens a ticket of their own instead of writing into Alice's.
    await deliver(mail({ From: 'mallory@example.org', Subject: `Re: [#${original.number}] hello`, 'Message-ID': '<mallory@example.org>' }, 'Let me in.'));
    expect(await read()).toEqual({ tickets: 1, comments: 2, skipped: 0, recovered: 0 });
    const after = await ticketByNumber(original.number);
    expect(after).toMatchObject({ status: 'open', reopen_count: 1, message_count: 2 });
    expect(after.requester_replied_at).not.toBeNull();
    const messages = await h.store.db.selectFrom('ticket_messages').select(['body', 'author', 'author_name']).where('ticket_id', '=', original.id).orderBy('created_at').execute();
    expect(messages).toEqual([
      { body: 'It jams again since this morning.', author: 'user', author_name: 'Alice Example' },
      { body: 'Paper tray 2 is the culprit.', author: 'user', author_name: 'alice@example.org' },
    ]);
    expect((await ticketBySubject('Re: [#' + original.number + '] hello')).requester_email).toBe('mallory@example.org');
    // An out-of-office answering the thread is recorded and nothing more: no comment, no loop.
    await deliver(mail({ From: 'alice@example.org', Subject: `Automatic reply: [#${original.number}]`, 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<reply-2@example.org>', 'Message-ID': '<oof@example.org>' }, 'Away.'));
    expect(await read()).toEqual({ tickets: 0, comments: 0, skipped: 1, recovered: 0 });
    expect((await ticketByNumber(original.number)).message_count).toBe(2);
  });

  it('links a new mail to the device its sender last filed from', { timeout: 30_000 }, async () => {
    const device = await enroll(h, { hostname: 'pc-frank' });
    const filed = await fileTicket(h, device, ticketSubmission({ contact: { name: 'Frank', email: 'Frank@Example.org', phone: null } }));
    expect(filed.statusCode).toBe(200);
    await deliver(mail({ From: 'frank@example.org', Subject: 'Monitor dead', 'Message-ID': '<frank-1@example.org>' }, 'No picture.'));
    expect(await read()).toMatchObject({ tickets: 1 });
    expect((await ticketBySubject('Monitor dead')).device_id).toBe(device.deviceId);
    const page = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets?q=Monitor`, headers: tech.headers })) as TicketPage;
    expect(page.items[0]?.device).toEqual({ id: device.deviceId, hostname: 'pc-frank' });
  });

  it('turns each mail into work exactly once when the reader dies between commit and flag', { timeout: 30_000 }, async () => {
    const before = await ticketCount();
    const first = await deliver(mail({ From: 'gina@example.org', Subject: 'Crash test one', 'Message-ID': '<crash-1@example.org>' }, 'one'));
    await deliver(mail({ From: 'gina@example.org', Subject: 'Crash test two', 'Message-ID': '<crash-2@example.org>' }, 'two'));
    await expect(read(async (uid) => {
      if (uid === first) throw new Error('killed');
    })).rejects.toThrow('killed');
    // The first is committed but unflagged; the next round only flags it and reads the second.
    expect(await read()).toEqual({ tickets: 1, comments: 0, skipped: 0, recovered: 1 });
    expect(await ticketCount()).toBe(before + 2);
    // The same message delivered again (a copy, or a rebuilt folder) is recognised by its Message-ID.
    await deliver(mail({ From: 'gina@example.org', Subject: 'Crash test one', 'Message-ID': '<crash-1@example.org>' }, 'one'));
    expect(await read()).toEqual({ tickets: 0, comments: 0, skipped: 1, recovered: 0 });
    expect(await ticketCount()).toBe(before + 2);
  });
});
