import { AGENT_API_BASE, CONSOLE_API_BASE, type TicketPage } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, sha256, technician, ticketSubmission, type Harness } from './helpers/harness.js';

/** Bad input gets a 4xx in the shared error shape, never a 500. */
describe.each(DATABASES)('malformed and hostile input on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  const errorOf = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, code: (JSON.parse(res.body) as { error: { code: string } }).error.code });

  it('refuses diagnostics nested 1,500 levels deep with 400, as a ticket field and as a JSON comment', async () => {
    const d = await enroll(h);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1500; i += 1) deep = { a: deep };
    const diagnostics = {
      collectedAt: '2026-11-01T08:59:00.000Z',
      items: [{ id: 'network', status: 'ok', durationMs: 1, summary: null, data: deep, truncated: null }],
      redactions: 0,
      omitted: [],
      agentVersion: '0.1.0',
    };
    const ticket = { ...ticketSubmission(), diagnostics };
    expect(errorOf(await fileTicket(h, d, ticket as never))).toEqual({ status: 400, code: 'validation_failed' });
    const res = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/checkin`, headers: d.auth, payload: { agentVersion: '0.1.0', hostname: 'pc', ticketCursor: null, deep } });
    expect(errorOf(res)).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('refuses a multipart part without a name with 400', async () => {
    const d = await enroll(h);
    const boundary = '----deskside-noname';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ticket"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(ticketSubmission())}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
    );
    const res = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: { ...d.auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(errorOf(res)).toEqual({ status: 400, code: 'validation_failed' });
    const first = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\n{}\r\n--${boundary}--\r\n`);
    const res2 = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets`, headers: { ...d.auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: first });
    expect(errorOf(res2).status).toBe(400);
  });

  it('applies the attachment policy on the server: no program by name, none declared as a PDF', async () => {
    const d = await enroll(h);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n');
    const byName = ticketSubmission({ attachments: [{ field: 'f1', name: 'invoice.pdf.exe', type: 'application/pdf', size: pdf.length, sha256: sha256(pdf), role: 'file' }] });
    expect(errorOf(await fileTicket(h, d, byName, [{ field: 'f1', bytes: pdf }]))).toEqual({ status: 400, code: 'validation_failed' });

    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')]);
    const disguised = ticketSubmission({ attachments: [{ field: 'f1', name: 'invoice.pdf', type: 'application/pdf', size: program.length, sha256: sha256(program), role: 'file' }] });
    const res = await fileTicket(h, d, disguised, [{ field: 'f1', bytes: program }]);
    expect(errorOf(res)).toEqual({ status: 400, code: 'validation_failed' });
    expect(JSON.parse(res.body).error.message).toMatch(/program/);
    expect(await h.store.tickets.row(disguised.id)).toBeNull();

    const fine = ticketSubmission({ attachments: [{ field: 'f1', name: 'invoice.pdf', type: 'application/pdf', size: pdf.length, sha256: sha256(pdf), role: 'file' }] });
    expect((await fileTicket(h, d, fine, [{ field: 'f1', bytes: pdf }])).statusCode).toBe(200);
  });

  it('finds tickets by text holding _, % and \\ literally', async () => {
    const d = await enroll(h);
    for (const subject of ['Share \\\\srv\\data gone', 'Disk 100% full', 'error in my_app', 'error in myxapp']) {
      expect((await fileTicket(h, d, ticketSubmission({ subject }))).statusCode).toBe(200);
    }
    const tech = await technician(h, 'tina');
    const search = async (q: string) =>
      (json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets?q=${encodeURIComponent(q)}`, headers: tech.headers })) as TicketPage).items.map((t) => t.subject);
    expect(await search('my_app')).toEqual(['error in my_app']);
    expect(await search('100%')).toEqual(['Disk 100% full']);
    expect(await search('\\srv\\')).toEqual(['Share \\\\srv\\data gone']);
  });
});

