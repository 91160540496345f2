import { randomUUID } from 'node:crypto';

import { AGENT_API_BASE, CONSOLE_API_BASE, type DeviceTicketList, type SavedViewList, type TicketBulkResult, type TicketDetail, type TicketRelations } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const api = (path: string) => `${CONSOLE_API_BASE}${path}`;
const HOOKS_MS = 30_000;

describe.each(DATABASES)('bulk changes, merge and link, saved views on %s', (kind) => {
  let h: Harness;
  let tech: Session;
  let other: Session;
  let alice: EnrolledDevice;
  let bob: EnrolledDevice;
  beforeEach(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'tina');
    other = await technician(h, 'omar');
    alice = await enroll(h, { hostname: 'alice-pc' });
    bob = await enroll(h, { hostname: 'bob-pc' });
  }, HOOKS_MS);
  afterEach(async () => {
    await h.close();
  }, HOOKS_MS);

  const file = async (d: EnrolledDevice, subject: string) => {
    const t = ticketSubmission({ subject });
    await fileTicket(h, d, t);
    return t.id;
  };
  const call = (method: 'POST' | 'PUT' | 'DELETE' | 'GET', path: string, payload?: object, s: Session = tech) =>
    h.app.inject({ method, url: api(path), headers: { ...s.headers, 'x-deskside-console': '1' }, ...(payload === undefined ? {} : { payload }) });
  const detail = async (id: string) => json(await call('GET', `/tickets/${id}`)) as TicketDetail;

  it('assigns and moves many tickets at once, auditing each change', { timeout: 30_000 }, async () => {
    const a = await file(alice, 'Printer A');
    const b = await file(bob, 'Printer B');
    const missing = randomUUID();
    const res = await call('POST', '/tickets/bulk', { ids: [a, b, missing, a], assigneeId: 'me', status: 'open' });
    expect(res.statusCode).toBe(200);
    expect(json(res) as TicketBulkResult).toEqual({ updated: 2, missing: [missing] });
    const d = await detail(b);
    expect(d.ticket).toMatchObject({ status: 'open', assignee: { id: tech.id } });
    expect(d.activity.filter((x) => x.action === 'ticket.status' || x.action === 'ticket.assignee').map((x) => x.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ bulk: true, after: 'open' }), expect.objectContaining({ bulk: true, after: tech.id })]),
    );
    // Again: nothing changes, nothing more is audited.
    expect(json(await call('POST', '/tickets/bulk', { ids: [a, b], status: 'open' }))).toMatchObject({ updated: 0 });
    expect((await call('POST', '/tickets/bulk', { ids: [a] })).statusCode).toBe(400);
    expect((await call('POST', '/tickets/bulk', { ids: [], status: 'open' })).statusCode).toBe(400);
    expect((await call('POST', '/tickets/bulk', { ids: [a], assigneeId: randomUUID() })).statusCode).toBe(400);
  });

  it('merges a duplicate: closed and pointing to the survivor, whose view keeps both conversations', { timeout: 30_000 }, async () => {
    const survivor = await file(alice, 'Cannot print');
    const duplicate = await file(bob, 'Printer broken');
    await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/tickets/${duplicate}/comments`, headers: bob.auth, payload: { id: randomUUID(), body: 'Also the scanner', createdAt: '2026-11-01T10:00:00.000Z' } });
    const res = await call('POST', `/tickets/${duplicate}/merge`, { into: survivor });
    expect(res.statusCode).toBe(200);
    expect((json(res) as TicketRelations).mergedInto).toMatchObject({ id: survivor });

    const dup = await detail(duplicate);
    expect(dup.ticket.status).toBe('closed');
    expect(dup.activity.map((a) => a.action)).toContain('ticket.merged');
    const surv = await detail(survivor);
    expect(surv.messages.map((m) => m.body)).toContain('Also the scanner');
    expect(surv.ticket.messageCount).toBe(1);
    expect((json(await call('GET', `/tickets/${survivor}/relations`)) as TicketRelations).merged.map((r) => r.id)).toEqual([duplicate]);
    // Bob's tray still shows his own conversation on the closed duplicate.
    const bobs = json(await h.app.inject({ method: 'GET', url: `${AGENT_API_BASE}/tickets`, headers: bob.auth })) as DeviceTicketList;
    expect(bobs.tickets[0]).toMatchObject({ id: duplicate, status: 'closed' });
    expect(bobs.tickets[0]?.messages.map((m) => m.body)).toEqual(['Also the scanner']);

    expect(json(await call('POST', `/tickets/${duplicate}/merge`, { into: survivor }))).toMatchObject({ error: { code: 'conflict' } });
    expect((await call('POST', `/tickets/${survivor}/merge`, { into: survivor })).statusCode).toBe(409);
    expect((await call('POST', `/tickets/${survivor}/merge`, { into: randomUUID() })).statusCode).toBe(400);
  });

  it('links related tickets under one parent, one level deep', { timeout: 30_000 }, async () => {
    const parent = await file(alice, 'The whole floor cannot print');
    const child = await file(bob, 'Printer on 3rd floor');
    const third = await file(bob, 'Printer again');
    const res = await call('PUT', `/tickets/${child}/parent`, { parentId: parent });
    expect((json(res) as TicketRelations).parent).toMatchObject({ id: parent, number: expect.any(Number) });
    expect((json(await call('GET', `/tickets/${parent}/relations`)) as TicketRelations).children.map((c) => c.id)).toEqual([child]);
    // A child cannot be a parent, a parent cannot get a parent.
    expect((await call('PUT', `/tickets/${third}/parent`, { parentId: child })).statusCode).toBe(409);
    expect((await call('PUT', `/tickets/${parent}/parent`, { parentId: third })).statusCode).toBe(409);
    expect((await call('PUT', `/tickets/${parent}/parent`, { parentId: parent })).statusCode).toBe(409);
    expect((json(await call('PUT', `/tickets/${child}/parent`, { parentId: null })) as TicketRelations).parent).toBeNull();
    expect((await detail(child)).activity.filter((a) => a.action === 'ticket.parent')).toHaveLength(2);
  });

  it('keeps each technician\'s own saved views, checked against the queue filters', { timeout: 30_000 }, async () => {
    const created = await call('POST', '/saved-views', { name: 'Phone, mine', query: '?channel=phone&assignee=me&sort=updated' });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ name: 'Phone, mine', query: 'channel=phone&assignee=me&sort=updated' });
    expect((await call('POST', '/saved-views', { name: 'Phone, mine', query: '' })).statusCode).toBe(409);
    const bad = await call('POST', '/saved-views', { name: 'Broken', query: 'status=nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ error: { message: 'the view is not a valid queue filter' } });
    expect((json(await call('GET', '/saved-views')) as SavedViewList).items.map((v) => v.name)).toEqual(['Phone, mine']);
    // Another technician neither sees nor deletes it.
    expect((json(await call('GET', '/saved-views', undefined, other)) as SavedViewList).items).toEqual([]);
    const id = (json(created) as { id: string }).id;
    expect((await call('DELETE', `/saved-views/${id}`, undefined, other)).statusCode).toBe(404);
    expect((await call('DELETE', `/saved-views/${id}`)).statusCode).toBe(200);
    expect((json(await call('GET', '/saved-views')) as SavedViewList).items).toEqual([]);
  });
});
