import { AGENT_API_BASE, CONSOLE_API_BASE, type Connector, type RemoteTicketLink, type WebhookDelivery } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildOutboundHandlers } from '../src/outbound/handlers.js';
import { DEFAULT_BACKOFF, OutboundWorker, retryDelay } from '../src/outbound/index.js';
import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { glpiStandIn, jiraStandIn, zammadStandIn, type GlpiState, type JiraState, type StandIn, type ZammadState } from './helpers/helpdesk-stand-ins.js';

const CONNECTORS = `${CONSOLE_API_BASE}/connectors`;

describe.each(DATABASES)('connectors to GLPI, Zammad and Jira Service Management on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  let device: EnrolledDevice;
  let worker: OutboundWorker;
  let glpi: StandIn<GlpiState>;
  let zammad: StandIn<ZammadState>;
  let jira: StandIn<JiraState>;
  const ids: Record<'glpi' | 'zammad' | 'jira', string> = { glpi: '', zammad: '', jira: '' };

  const send = (method: 'POST' | 'PATCH', url: string, payload: object, s: Session = admin) => h.app.inject({ method, url, headers: s.headers, payload });
  const links = async (ticketId: string) => (json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${ticketId}/remote-links`, headers: tech.headers })) as { items: RemoteTicketLink[] }).items;
  const byKind = (items: RemoteTicketLink[]) => Object.fromEntries(items.map((l) => [l.kind, l]));

  beforeAll(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    device = await enroll(h, { hostname: 'PC-ACCT-07' });
    [glpi, zammad, jira] = await Promise.all([
      glpiStandIn('app-token-1', 'user-token-1'),
      zammadStandIn('zammad-token-1', ['Users', '2nd Level']),
      jiraStandIn('it@example.com', 'jira-token-1', '4', '25'),
    ]);
    worker = new OutboundWorker(h.store.outbound, buildOutboundHandlers({ store: h.store }), { concurrency: 32, random: () => 1 });
  }, 30_000);
  afterAll(async () => {
    await worker.stop();
    await Promise.all([glpi.close(), zammad.close(), jira.close()]);
    await h.close();
  }, 30_000);

  it('configures a connector per product, keeps the credentials out of every answer, and refuses a bad configuration', async () => {
    const configs = {
      glpi: { kind: 'glpi', baseUrl: `${glpi.url}/`, appToken: 'app-token-1', userToken: 'user-token-1' },
      zammad: { kind: 'zammad', baseUrl: zammad.url, token: 'zammad-token-1', group: 'Users', fallbackCustomer: 'helpdesk@example.com' },
      jira: { kind: 'jira', baseUrl: jira.url, email: 'it@example.com', apiToken: 'jira-token-1', serviceDeskId: '4', requestTypeId: '25' },
    } as const;
    for (const k of ['glpi', 'zammad', 'jira'] as const) {
      const res = await send('POST', CONNECTORS, { name: k.toUpperCase(), config: configs[k] });
      expect(res.statusCode, res.body).toBe(201);
      const c = json(res) as Connector;
      expect(c.settings.kind).toBe(k);
      ids[k] = c.id;
    }
    const list = await h.app.inject({ method: 'GET', url: CONNECTORS, headers: admin.headers });
    for (const secret of ['app-token-1', 'user-token-1', 'zammad-token-1', 'jira-token-1']) {
      expect(list.body).not.toContain(secret);
      expect(JSON.stringify(await h.store.audit.forTarget('connector', ids.glpi))).not.toContain(secret);
    }
    const bad = await send('POST', CONNECTORS, { name: 'x', config: { kind: 'jira', baseUrl: 'ftp://x', email: 'nope', apiToken: '', serviceDeskId: 'abc', requestTypeId: '1' } });
    expect(bad.statusCode).toBe(400);
    for (const text of ['http:// or https://', 'email', 'the API token is required', 'the service desk id is a number']) expect(bad.body).toContain(text);
    expect((await send('POST', CONNECTORS, { name: 'x', config: { kind: 'servicenow' } })).statusCode).toBe(400);
  });

  it('creates the ticket in each helpdesk with requester, device and priority, and shows its number and link', async () => {
    const ticket = ticketSubmission({ subject: 'Printer jams on floor 3' });
    expect((await fileTicket(h, device, ticket)).statusCode).toBe(200);
    // Pending at once, in the ticket's own transaction.
    expect((await links(ticket.id)).map((l) => l.state)).toEqual(['pending', 'pending', 'pending']);
    await worker.tick();
    const l = byKind(await links(ticket.id));

    const [glpiId, glpiTicket] = [...glpi.state.tickets.entries()][0]!;
    expect(glpiTicket.input).toMatchObject({ name: 'Printer jams on floor 3', type: 1, urgency: 4, impact: 4, priority: 4 });
    for (const line of ['Deskside ticket #', 'Requester: Alice Martin <alice@example.com>', 'Device: PC-ACCT-07', 'Priority: high']) expect(String(glpiTicket.input.content)).toContain(line);
    expect(glpi.state.sessions.size).toBe(0);
    expect(l.glpi).toMatchObject({ state: 'linked', remoteNumber: String(glpiId), remoteUrl: `${glpi.url}/front/ticket.form.php?id=${glpiId}`, lastError: null });

    const [zId, z] = [...zammad.state.tickets.entries()][0]!;
    expect(z.body).toMatchObject({ title: 'Printer jams on floor 3', group: 'Users', customer_id: 'guess:alice@example.com', priority: '3 high' });
    expect(l.zammad).toMatchObject({ state: 'linked', remoteNumber: z.number, remoteUrl: `${zammad.url}/#ticket/zoom/${zId}` });

    const [key, request] = [...jira.state.requests.entries()][0]!;
    expect(request.body).toMatchObject({ serviceDeskId: '4', requestTypeId: '25', requestFieldValues: { summary: 'Printer jams on floor 3' } });
    expect(String((request.body.requestFieldValues as Record<string, unknown>).description)).toContain('Device: PC-ACCT-07');
    expect(l.jira).toMatchObject({ state: 'linked', remoteNumber: key, remoteUrl: `${jira.url}/servicedesk/customer/portal/1/${key}` });
  });

  it('adds comments (internal notes kept private) and follows status where the product allows', async () => {
    const ticket = ticketSubmission();
    await fileTicket(h, device, ticket);
    await worker.tick();
    const url = `${CONSOLE_API_BASE}/tickets/${ticket.id}`;
    expect((await send('POST', `${url}/messages`, { visibility: 'internal', body: 'Checked the fuser.' })).statusCode).toBe(200);
    expect((await send('POST', `${url}/messages`, { visibility: 'public', body: 'Fixed, please try again.' })).statusCode).toBe(200);
    expect((await send('PATCH', url, { status: 'resolved' })).statusCode).toBe(200);
    await worker.tick();
    const l = byKind(await links(ticket.id));
    const g = glpi.state.tickets.get(Number(l.glpi!.remoteId))!;
    // Deliveries run side by side, so the two comments may arrive in either order.
    expect(g.followups.map((f) => [f.is_private, String(f.content).split('\n').at(-1)]).sort()).toEqual([
      [0, 'Fixed, please try again.'],
      [1, 'Checked the fuser.'],
    ]);
    expect(g.input.status).toBe(5);
    const z = zammad.state.tickets.get(Number(l.zammad!.remoteId))!;
    expect(z.articles.slice(1).map((a) => a.internal).sort()).toEqual([false, true]);
    expect(z.state).toBe('closed');
    const j = jira.state.requests.get(l.jira!.remoteNumber!)!;
    expect(j.comments.map((c) => c.public).sort()).toEqual([false, true]);
  });

  it('logs a refusal, retries, and marks the link failed after the last attempt', async () => {
    const patch = await send('PATCH', `${CONNECTORS}/${ids.jira}`, { config: { kind: 'jira', baseUrl: jira.url, email: 'it@example.com', apiToken: 'revoked', serviceDeskId: '4', requestTypeId: '25' } });
    expect(patch.statusCode).toBe(200);
    const ticket = ticketSubmission();
    await fileTicket(h, device, ticket);
    await worker.tick();
    const log = (json(await h.app.inject({ method: 'GET', url: `${CONNECTORS}/${ids.jira}/deliveries`, headers: admin.headers })) as { items: WebhookDelivery[] }).items;
    expect(log[0]).toMatchObject({ event: 'ticket.created', state: 'pending', attempts: 1, responseStatus: 401, error: expect.stringContaining('HTTP 401') });
    expect(log[0]!.responseExcerpt).toContain('must be authenticated');
    expect(byKind(await links(ticket.id)).jira).toMatchObject({ state: 'pending', lastError: expect.stringContaining('401') });
    for (let failed = 1; failed < 8; failed++) {
      h.advance(retryDelay(failed, DEFAULT_BACKOFF, () => 1));
      await worker.tick();
    }
    expect(byKind(await links(ticket.id)).jira).toMatchObject({ state: 'failed' });
    expect(byKind(await links(ticket.id)).glpi).toMatchObject({ state: 'linked' });
  });

  it('waits for the remote ticket before commenting on it', async () => {
    const ticket = ticketSubmission();
    await fileTicket(h, device, ticket);
    // A reply lands before the worker has created the remote tickets: both are queued, the comment waits.
    const reply = await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${ticket.id}/comments`, headers: device.auth, payload: { id: crypto.randomUUID(), body: 'Also the scanner.', createdAt: '2026-11-01T10:00:00.000Z' } });
    expect(reply.statusCode).toBeLessThan(300);
    await worker.tick();
    h.advance(retryDelay(1, DEFAULT_BACKOFF, () => 1));
    await worker.tick();
    const l = byKind(await links(ticket.id));
    const g = glpi.state.tickets.get(Number(l.glpi!.remoteId))!;
    expect(g.followups.map((f) => String(f.content).split('\n').at(-1))).toEqual(['Also the scanner.']);
  });
});
