import { AGENT_API_BASE, CONSOLE_API_BASE, type MailOutbox, type MailSettingsView } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseSmtpConfig } from '../src/mail/smtp-config.js';
import { SmtpSender } from '../src/mail/smtp-sender.js';
import { buildOutboundHandlers } from '../src/outbound/handlers.js';
import { OutboundWorker } from '../src/outbound/worker.js';
import { DATABASES, PASSWORD, createHarness, enroll, fileTicket, json, login, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { SMTP_PASSWORD, SMTP_USER, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const PUBLIC_URL = 'https://deskside.example.org';
const write = { 'x-deskside-console': '1' };

describe.each(DATABASES)('mail sent by the server on %s', (kind) => {
  let sink: SmtpSink;
  let h: Harness;
  let device: EnrolledDevice;
  let admin: Session;
  let tina: Session;
  let tom: Session;
  const senders: SmtpSender[] = [];
  const worker = (owner: string) => {
    const smtp = new SmtpSender();
    senders.push(smtp);
    return { worker: new OutboundWorker(h.store.outbound, buildOutboundHandlers({ store: h.store, smtp }), { owner, leaseMs: 60_000, random: () => 0.5 }), smtp };
  };
  let main: OutboundWorker;
  /** Sends what is queued and answers the mails the sink received meanwhile. */
  const deliver = async (expected: number) => {
    const before = sink.received.length;
    await main.tick();
    await sink.waitFor(before + expected);
    return sink.received.slice(before);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await createHarness(kind, { publicUrl: PUBLIC_URL, smtp: parseSmtpConfig(`smtp://${SMTP_USER}@127.0.0.1:${sink.port}`, 'Deskside Helpdesk <helpdesk@example.org>', SMTP_PASSWORD) });
    main = worker('main').worker;
    device = await enroll(h);
    admin = await technician(h, 'root', 'admin');
    tina = await technician(h, 'tina');
    tom = await technician(h, 'tom');
    const team = await h.store.teams.create({ name: 'Printing' });
    await h.store.teams.setMembers(team.id, [tina.id, tom.id]);
    await h.store.teams.setRouting({ defaultTeamId: team.id, rules: [] });
    for (const [s, email, language] of [
      [tina, 'tina@example.org', 'en'],
      [tom, 'tom@example.org', 'zh-CN'],
    ] as const) {
      const res = await h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/me/mail-notifications`, headers: { ...s.headers, ...write }, payload: { email, language, topics: { 'team-new-ticket': true, 'assigned-to-me': true, 'requester-replied': true, 'sla-due-soon': true, 'sla-breached': true } } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await main.stop();
    for (const s of senders) s.close();
    await h.close();
    await sink.close();
  }, 60_000);

  it('tells the requester their ticket number and the team of a new ticket, each in their language, the user’s words as text', async () => {
    const ticket = ticketSubmission({ subject: 'Printer <b>jammed</b>', description: 'It says <script>alert(1)</script> & stops.', locale: 'zh-CN', contact: { name: '王芳', email: 'wang.fang@example.com', phone: null } });
    expect((await fileTicket(h, device, ticket)).statusCode).toBe(200);
    const number = (await h.store.tickets.row(ticket.id))!.number;
    const mails = await deliver(3);
    const to = (address: string) => mails.find((m) => m.to !== undefined && !Array.isArray(m.to) && m.to.value[0]?.address === address)!;
    const requester = to('wang.fang@example.com');
    expect(requester.subject).toBe(`[#${number}] 我们已收到您的请求: Printer <b>jammed</b>`);
    expect(requester.text).toContain(`工单 #${number}`);
    expect(requester.text).toContain('> It says <script>alert(1)</script> & stops.');
    expect(requester.html).toContain('It says &lt;script&gt;alert(1)&lt;/script&gt; &amp; stops.');
    expect(requester.html).not.toContain('<script>');
    expect(requester.headers.get('auto-submitted')).toBe('auto-generated');
    expect(requester.from?.value[0]?.address).toBe('helpdesk@example.org');
    expect(to('tina@example.org').subject).toBe(`[#${number}] New ticket for Printing: Printer <b>jammed</b>`);
    expect(to('tina@example.org').text).toContain(`${PUBLIC_URL}/tickets/${ticket.id}`);
    expect(to('tom@example.org').subject).toBe(`[#${number}] Printing有新工单: Printer <b>jammed</b>`);
    // Replaying the event queues nothing new.
    await h.store.db.transaction().execute((trx) => h.store.workflow.changed(trx, ticket.id, [{ kind: 'created', ticketId: ticket.id }]));
    expect((await h.store.outbound.counts('mail')).queued).toBe(0);
  });

  it('tells an assignee, the assignee of a requester’s reply, and the requester of a public answer; a switched-off topic stays quiet', async () => {
    const ticket = ticketSubmission({ locale: 'en-US' });
    await fileTicket(h, device, ticket);
    await deliver(3);
    // Tom switches the requester's replies off.
    await h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/me/mail-notifications`, headers: { ...tom.headers, ...write }, payload: { email: 'tom@example.org', language: 'zh-CN', topics: { 'team-new-ticket': true, 'assigned-to-me': true, 'requester-replied': false, 'sla-due-soon': true, 'sla-breached': true } } });
    const assign = await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}`, headers: { ...tina.headers, ...write }, payload: { assigneeId: tom.id } });
    expect(assign.statusCode, assign.body).toBe(200);
    const [assigned] = await deliver(1);
    expect(assigned!.subject).toMatch(/工单已分配给您/);
    expect(assigned!.text).toContain('TINA');
    const reply = await h.app.inject({
      method: 'POST',
      url: `${AGENT_API_BASE}/tickets/${ticket.id}/comments`,
      headers: device.auth,
      payload: { id: crypto.randomUUID(), body: 'Still nothing <i>at all</i>', createdAt: '2026-11-01T09:30:00.000Z' },
    });
    expect(reply.statusCode, reply.body).toBeLessThan(300);
    await main.tick();
    expect((await h.store.outbound.list({ kind: 'mail', limit: 5 })).filter((j) => (j.payload as { topic: string }).topic === 'requester-replied')).toHaveLength(0);
    const answer = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}/messages`, headers: { ...tom.headers, ...write }, payload: { body: 'Please restart the printer.', visibility: 'public' } });
    expect(answer.statusCode, answer.body).toBeLessThan(300);
    const note = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}/messages`, headers: { ...tom.headers, ...write }, payload: { body: 'internal: toner?', visibility: 'internal' } });
    expect(note.statusCode).toBeLessThan(300);
    const [answered] = await deliver(1);
    expect(answered!.subject).toMatch(/New reply/);
    expect(answered!.text).toContain('> Please restart the printer.');
    expect(answered!.text).not.toContain('toner');
  });

  it('sends the resolved mail with single-use links that answer without signing in', async () => {
    const ticket = ticketSubmission({ locale: 'en' });
    await fileTicket(h, device, ticket);
    await deliver(3);
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}`, headers: { ...tina.headers, ...write }, payload: { status: 'resolved' } });
    const [resolved] = await deliver(1);
    expect(resolved!.subject).toMatch(/Your ticket is resolved/);
    const links = [...(resolved!.text ?? '').matchAll(new RegExp(`${PUBLIC_URL}(/mail-links/[A-Za-z0-9_-]{43})`, 'g'))].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const [confirm, stillBroken] = links as [string, string];
    expect(resolved!.html).toContain(`href="${PUBLIC_URL}${confirm}"`);
    // Opening the link only asks (mail scanners open links too).
    const page = await h.app.inject({ method: 'GET', url: confirm });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm that the problem in ticket');
    expect(page.body).toContain('<form method="post">');
    expect((await h.store.tickets.row(ticket.id))!.status).toBe('resolved');
    const done = await h.app.inject({ method: 'POST', url: confirm, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('is closed');
    expect((await h.store.tickets.row(ticket.id))!.status).toBe('closed');
    for (const link of [confirm, stillBroken]) {
      const used = await h.app.inject({ method: 'GET', url: link });
      expect(used.statusCode).toBe(410);
      expect(used.body).toContain('already been used');
      expect(used.body).toContain('此链接已被使用');
    }
    const bogus = await h.app.inject({ method: 'GET', url: `/mail-links/${'A'.repeat(43)}` });
    expect(bogus.statusCode).toBe(404);
    expect(bogus.body).toContain('not valid');
  });

  it('reopens with the requester’s words from the still-broken link, and refuses an expired one', async () => {
    const ticket = ticketSubmission({ locale: 'zh-CN' });
    await fileTicket(h, device, ticket);
    await deliver(3);
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}`, headers: { ...tina.headers, ...write }, payload: { status: 'resolved' } });
    const [resolved] = await deliver(1);
    const stillBroken = [...(resolved!.text ?? '').matchAll(/\/mail-links\/[A-Za-z0-9_-]{43}/g)].map((m) => m[0])[1]!;
    const res = await h.app.inject({ method: 'POST', url: stillBroken, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ details: 'Paper <jam> again' }).toString() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('已重新打开');
    expect((await h.store.tickets.row(ticket.id))!.status).toBe('open');
    expect((await h.store.tickets.messages(ticket.id)).some((m) => m.body === 'Paper <jam> again' && m.author === 'user')).toBe(true);
    // The reopening reaches the assignee-less team as a requester reply.
    await main.tick();
    // A later resolution's links expire after their days.
    await h.app.inject({ method: 'PATCH', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}`, headers: { ...tina.headers, ...write }, payload: { status: 'resolved' } });
    await main.tick();
    const again = sink.received.at(-1)!;
    const confirm = (again.text ?? '').match(/\/mail-links\/[A-Za-z0-9_-]{43}/)![0];
    h.advance(15 * 86_400_000);
    const expired = await h.app.inject({ method: 'GET', url: confirm });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('此链接已过期');
    // Sessions end over such a wait: sign in again for what follows.
    for (const s of [admin, tina, tom]) Object.assign(s, await login(h, s === admin ? 'root' : s === tina ? 'tina' : 'tom', PASSWORD));
  });

  it('shows a refused recipient to admins as dead with the server’s answer, and lets them retry it', async () => {
    sink.refuse.set('gone@example.com', 550);
    const ticket = ticketSubmission({ contact: { name: null, email: 'gone@example.com', phone: null } });
    await fileTicket(h, device, ticket);
    await deliver(2);
    const outbox = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/settings/mail/outbox?status=dead`, headers: admin.headers })) as MailOutbox;
    const dead = outbox.items.find((i) => i.to === 'gone@example.com')!;
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, topic: 'ticket-received' });
    expect(dead.lastResponse).toMatch(/^550/);
    const view = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/settings/mail`, headers: admin.headers })) as MailSettingsView;
    expect(view).toMatchObject({ source: 'environment', from: 'Deskside Helpdesk <helpdesk@example.org>', passwordSet: true });
    expect(JSON.stringify(view)).not.toContain(SMTP_PASSWORD);
    expect(view.counts.dead).toBeGreaterThanOrEqual(1);
    sink.refuse.delete('gone@example.com');
    const retried = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/settings/mail/outbox/${dead.id}/retry`, headers: { ...admin.headers, ...write } });
    expect(retried.statusCode, retried.body).toBe(200);
    const [arrived] = await deliver(1);
    expect(arrived!.subject).toMatch(/We received your request/);
    expect((await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/settings/mail/outbox/${dead.id}/retry`, headers: { ...admin.headers, ...write } })).statusCode).toBe(409);
    // Technicians do not see the outbox.
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/settings/mail/outbox`, headers: tina.headers })).statusCode).toBe(403);
  });

  it('retries a temporary refusal later', async () => {
    sink.refuse.set('busy@example.com', 451);
    const ticket = ticketSubmission({ contact: { name: null, email: 'busy@example.com', phone: null } });
    await fileTicket(h, device, ticket);
    await deliver(2);
    const job = (await h.store.outbound.list({ kind: 'mail', statuses: ['failed'], limit: 1 }))[0]!;
    expect(job.lastResponse).toMatch(/^451/);
    sink.refuse.delete('busy@example.com');
    h.advance(60_000);
    const [arrived] = await deliver(1);
    expect(arrived!.to).toMatchObject({ value: [{ address: 'busy@example.com' }] });
  });

  it('sends a mail once when its sender is killed mid-send and another instance takes over', { timeout: 20_000 }, async () => {
    const ticket = ticketSubmission({ contact: { name: null, email: 'once@example.com', phone: null } });
    await fileTicket(h, device, ticket);
    await deliver(2);
    // A fresh requester mail, held by the SMTP server while its first sender is "killed".
    const msg = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/tickets/${ticket.id}/messages`, headers: { ...tina.headers, ...write }, payload: { body: 'Sent once', visibility: 'public' } });
    expect(msg.statusCode).toBeLessThan(300);
    const dying = worker('dying');
    const heir = worker('heir');
    sink.holdNext = true;
    const before = sink.received.length;
    // The process dies: its connection drops before the server accepted the message, and nothing is recorded.
    void dying.worker.tick();
    await sink.held();
    dying.smtp.close();
    const job = (await h.store.outbound.list({ kind: 'mail', limit: 1 }))[0]!;
    expect(job).toMatchObject({ status: 'sending', leaseOwner: 'dying', attempts: 1 });
    h.advance(60_000);
    // Two instances race for it: one sends it.
    await Promise.all([heir.worker.tick(), main.tick()]);
    await sink.waitFor(before + 1);
    expect(sink.received.slice(before).map((m) => m.text?.includes('Sent once'))).toEqual([true]);
    expect(await h.store.outbound.get(job.id)).toMatchObject({ status: 'sent' });
  });

  it('lets an admin send a test mail and keeps a console password write-only', async () => {
    const test = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/settings/mail/test`, headers: { ...admin.headers, ...write }, payload: { to: 'admin@example.org' } });
    expect(json(test)).toMatchObject({ ok: true, error: null });
    const [arrived] = await sink.waitFor(sink.received.length);
    expect(sink.received.at(-1)!.subject).toBe('Deskside test mail / Deskside 测试邮件');
    expect(arrived).toBeDefined();
    // The environment's settings win: the console's cannot be changed.
    const put = await h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/settings/mail`, headers: { ...admin.headers, ...write }, payload: { smtpUrl: 'smtp://x@127.0.0.1:1', from: 'a@b.c' } });
    expect(put.statusCode).toBe(409);
    const bad = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/settings/mail/test`, headers: { ...admin.headers, ...write }, payload: { to: 'not an address' } });
    expect(bad.statusCode).toBe(400);
  });
});
