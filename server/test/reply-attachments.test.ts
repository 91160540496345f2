import { AGENT_API_BASE, CONSOLE_API_BASE, type AttachmentUploadResult, type DeviceTicketList, type TicketDetail } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { purgeExpired } from '../src/storage/maintenance.js';
import { UNSENT_ATTACHMENT_TTL_MS } from '../src/storage/reply-attachments-repo.js';
import { DATABASES, createHarness, enroll, fileTicket, json, multipart, sha256, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const GUIDE = Buffer.from('1. Open Settings\n2. 打开设置\n', 'utf8');
const writeHeaders = { 'x-deskside-console': '1' };

describe.each(DATABASES)('files on technicians’ replies on %s', (kind) => {
  let h: Harness;
  let device: EnrolledDevice;
  let other: EnrolledDevice;
  let tina: Session;
  let tom: Session;
  let ticketId: string;

  const upload = (s: Session, files: { filename: string; value: Buffer; contentType?: string }[], id = ticketId) => {
    const { body, contentType } = multipart(files.map((f) => ({ name: 'file', ...f })));
    return h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${id}/attachments`, headers: { ...s.headers, ...writeHeaders, 'content-type': contentType }, payload: body });
  };
  const send = (s: Session, payload: object) =>
    h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticketId}/messages`, headers: { ...s.headers, ...writeHeaders }, payload });
  const detail = async () => json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${ticketId}`, headers: tina.headers })) as TicketDetail;
  const deviceTickets = async (d: EnrolledDevice) => json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: d.auth })) as DeviceTicketList;
  const deviceDownload = (d: EnrolledDevice, attachmentId: string) => h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets/${ticketId}/attachments/${attachmentId}`, headers: d.auth });

  beforeAll(async () => {
    h = await createHarness(kind);
    device = await enroll(h, { hostname: 'pc-alice' });
    other = await enroll(h, { hostname: 'pc-bob' });
    tina = await technician(h, 'tina');
    tom = await technician(h, 'tom');
    const t = ticketSubmission();
    expect((await fileTicket(h, device, t)).statusCode).toBe(200);
    ticketId = t.id;
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('a public reply carries its files to the console and to the requester’s device, byte for byte', async () => {
    const res = await upload(tina, [
      { filename: 'screen.png', value: PNG, contentType: 'image/png' },
      { filename: '步骤.txt', value: GUIDE },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const files = (json(res) as AttachmentUploadResult).attachments;
    expect(files.map((f) => [f.name, f.type, f.size, f.messageId])).toEqual([
      ['screen.png', 'image/png', PNG.length, null],
      ['步骤.txt', 'text/plain', GUIDE.length, null],
    ]);
    // Uploaded but not sent: not yet part of the ticket.
    expect((await detail()).attachments).toEqual([]);

    const sent = await send(tina, { body: 'Here is how to fix it.', visibility: 'public', attachmentIds: files.map((f) => f.id) });
    expect(sent.statusCode, sent.body).toBe(200);
    const d = json(sent) as TicketDetail;
    const reply = d.messages.find((m) => m.body === 'Here is how to fix it.')!;
    expect(d.attachments.map((a) => [a.name, a.messageId])).toEqual([
      ['screen.png', reply.id],
      ['步骤.txt', reply.id],
    ]);
    expect(d.ticket.attachmentCount).toBe(2);
    expect(d.activity.find((e) => e.action === 'ticket.reply')?.details).toMatchObject({ attachments: 2 });

    const seen = (await deviceTickets(device)).tickets.find((t) => t.id === ticketId)!;
    const message = seen.messages.find((m) => m.id === reply.id)!;
    expect(message.attachments?.map((a) => a.name)).toEqual(['screen.png', '步骤.txt']);
    const got = await deviceDownload(device, files[1]!.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(GUIDE)).toBe(true);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''%E6%AD%A5%E9%AA%A4.txt");
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the device sees what its user first wrote and the files filed with the ticket, and may read them', async () => {
    const t = ticketSubmission({ description: '打印机没有反应 — the printer does nothing', attachments: [] });
    const filed = await fileTicket(h, device, { ...t, attachments: [{ field: 'log', name: 'spool.log', type: 'text/plain', size: GUIDE.length, sha256: sha256(GUIDE), role: 'file' }] }, [
      { field: 'log', bytes: GUIDE },
    ]);
    expect(filed.statusCode, filed.body).toBe(200);
    const seen = (await deviceTickets(device)).tickets.find((x) => x.id === t.id)!;
    expect(seen.description).toBe('打印机没有反应 — the printer does nothing');
    expect(seen.attachments?.map((a) => [a.name, a.role])).toEqual([['spool.log', 'file']]);
    const got = await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets/${t.id}/attachments/${seen.attachments![0]!.id}`, headers: device.auth });
    expect(got.rawPayload.equals(GUIDE)).toBe(true);
    const theirs = await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets/${t.id}/attachments/${seen.attachments![0]!.id}`, headers: other.auth });
    expect(theirs.statusCode).toBe(404);
  });

  it('an internal note’s files stay with technicians', async () => {
    const up = json(await upload(tina, [{ filename: 'notes.txt', value: Buffer.from('server room code 1234') }])) as AttachmentUploadResult;
    const res = await send(tina, { body: 'Checked the switch.', visibility: 'internal', attachmentIds: [up.attachments[0]!.id] });
    expect(res.statusCode, res.body).toBe(200);
    const seen = (await deviceTickets(device)).tickets.find((t) => t.id === ticketId)!;
    expect(JSON.stringify(seen)).not.toContain('notes.txt');
    expect((await deviceDownload(device, up.attachments[0]!.id)).statusCode).toBe(404);
    const console = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${ticketId}/attachments/${up.attachments[0]!.id}`, headers: tom.headers });
    expect(console.statusCode).toBe(200);
  });

  it('another device cannot read the files of this device’s ticket', async () => {
    const file = (await detail()).attachments.find((a) => a.name === 'screen.png')!;
    expect((await deviceDownload(other, file.id)).statusCode).toBe(404);
  });

  it('refuses programs, disguised files and empty uploads with a 400 that names the file', async () => {
    const exe = await upload(tina, [{ filename: 'fix.exe', value: Buffer.from('MZ......') }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('fix.exe');
    const fake = await upload(tina, [{ filename: 'photo.png', value: Buffer.from('MZ this is a program') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('program');
    const notPng = await upload(tina, [{ filename: 'photo.png', value: Buffer.from('plain words'), contentType: 'image/png' }]);
    expect(notPng.statusCode).toBe(400);
    expect(notPng.body).toContain('image/png');
    const empty = multipart([{ name: 'note', value: 'hello' }]);
    const field = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticketId}/attachments`, headers: { ...tina.headers, ...writeHeaders, 'content-type': empty.contentType }, payload: empty.body });
    expect(field.statusCode).toBe(400);
    const missing = await upload(tina, [{ filename: 'a.txt', value: GUIDE }], '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });

  it('a message naming files someone else uploaded, or already sent, is refused and not stored', async () => {
    const before = (await detail()).messages.length;
    const mine = json(await upload(tom, [{ filename: 'tom.txt', value: GUIDE }])) as AttachmentUploadResult;
    const refused = await send(tina, { body: 'Using Tom’s file', visibility: 'public', attachmentIds: [mine.attachments[0]!.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(mine.attachments[0]!.id);
    const alreadySent = (await detail()).attachments[0]!.id;
    const twice = await send(tina, { body: 'Again', visibility: 'public', attachmentIds: [alreadySent] });
    expect(twice.statusCode).toBe(400);
    expect((await detail()).messages.length).toBe(before);
  });

  it('files uploaded and never sent are removed after a day, and their blobs handed to the cleanup', async () => {
    const left = json(await upload(tina, [{ filename: 'draft.png', value: Buffer.concat([PNG, Buffer.from('draft')]) }])) as AttachmentUploadResult;
    const first = await purgeExpired(h.store);
    expect(first.unsentAttachments).toBe(0);
    h.advance(UNSENT_ATTACHMENT_TTL_MS + 60_000);
    const later = await purgeExpired(h.store);
    // Tom's unsent file from the test above goes too.
    expect(later.unsentAttachments).toBe(2);
    expect(await h.store.db.selectFrom('attachments').select('id').where('id', '=', left.attachments[0]!.id).executeTakeFirst()).toBeUndefined();
    const candidate = await h.store.db.selectFrom('blob_candidates').select('sha256').where('sha256', '=', left.attachments[0]!.sha256).executeTakeFirst();
    expect(candidate).toBeDefined();
    // Sent files stay (the technicians' sessions have expired by now: read the store).
    const sent = await h.store.db.selectFrom('attachments').select('id').where('ticket_id', '=', ticketId).where('message_id', 'is not', null).execute();
    expect(sent.length).toBe(3);
  });
});
