import { AGENT_API_BASE, CONSOLE_API_BASE, type GlpiForwardingView } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { glpiSchemaPresent, glpiValidator } from '../../test/shared/glpi-schema.js';
import { glpiInventoryHandler } from '../src/glpi/glpi-forwarder.js';
import { OutboundHandlers } from '../src/outbound/registry.js';
import { OutboundWorker } from '../src/outbound/worker.js';
import { GlpiStandIn } from './helpers/glpi-stand-in.js';
import { DATABASES, createHarness, enroll, json, technician, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';

const PATH = '/front/inventory.php';
const SECRET = 'glpi-inventory-s3cret';

describe.skipIf(!glpiSchemaPresent).each(DATABASES)('forwarding inventories to GLPI on %s', (kind) => {
  let h: Harness;
  let glpi: GlpiStandIn;
  let admin: Session;
  let tech: Session;
  // The queue's own worker with only GLPI's handler; the full backoff (random = 1) so waits are exact.
  let worker: OutboundWorker;
  const write = { 'x-deskside-console': '1' };

  beforeAll(async () => {
    h = await createHarness(kind);
    glpi = await new GlpiStandIn({ path: PATH, validate: glpiValidator(), basicAuth: `deskside:${SECRET}` }).start();
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    worker = new OutboundWorker(h.store.outbound, new OutboundHandlers([glpiInventoryHandler(h.store)]), { random: () => 1, concurrency: 8 });
  }, 60_000);
  afterAll(async () => {
    await glpi.close();
    await h.close();
  }, 30_000);

  const settings = (payload: object, session: Session = admin) =>
    h.app.inject({ method: 'PUT', url: `${CONSOLE_API_BASE}/settings/glpi`, headers: { ...session.headers, ...write }, payload });
  const view = async () => json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/settings/glpi`, headers: admin.headers })) as GlpiForwardingView;
  const putInventory = async (d: EnrolledDevice, body: ReturnType<typeof upload>) => {
    const res = await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const on = () => ({ enabled: true, url: glpi.url, username: 'deskside', compress: false, tag: 'paris' });

  it('starts switched off and refuses settings GLPI could not use, saying why', async () => {
    expect(await view()).toMatchObject({ enabled: false, url: null, passwordSet: false, status: { lastSuccessAt: null, lastError: null, pending: 0, dead: 0 } });
    const cases: [object, RegExp][] = [
      [{ ...on(), url: 'ftp://glpi.example/front/inventory.php' }, /http:\/\/ or https:\/\/ URL/],
      [{ ...on(), url: `https://deskside:${SECRET}@glpi.example${PATH}` }, /not in the URL/],
      [{ ...on(), url: null }, /needs the URL/],
      [{ ...on(), username: null, password: 'x' }, /a password needs a user name/],
    ];
    for (const [payload, message] of cases) {
      const res = await settings(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toMatch(message);
    }
    expect((await settings({ ...on(), password: SECRET }, tech)).statusCode).toBe(403);
  });

  it('keeps the password write-only: never shown back, never in the audit log', async () => {
    const res = await settings({ ...on(), password: SECRET });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(SECRET);
    expect(json(res)).toMatchObject({ enabled: true, url: glpi.url, username: 'deskside', passwordSet: true, tag: 'paris', updatedBy: 'ROOT' });
    // Saved again without a password: the stored one stays.
    expect(json(await settings(on()))).toMatchObject({ passwordSet: true });
    const audit = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/audit`, headers: admin.headers });
    expect(audit.body).toContain('"id":"glpi"');
    expect(audit.body).toContain('"password":"changed"');
    expect(audit.body).not.toContain(SECRET);
  });

  it('forwards each stored inventory once, as GLPI’s agent protocol asks, and never the same version twice', async () => {
    const a = await enroll(h, { hostname: 'pc-glpi-a' });
    const first = upload(fullInventory({ hostname: 'pc-glpi-a' }));
    await putInventory(a, first);
    expect((await view()).status.pending).toBe(1);
    expect(await worker.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(glpi.refused).toEqual([]);
    expect(glpi.received[0]).toMatchObject({ agentId: a.deviceId, userAgent: 'Deskside-Agent_v0.1.0', compressed: false });
    expect(glpi.received[0]?.document).toMatchObject({ deviceid: `deskside-${a.deviceId}`, tag: 'paris', content: { hardware: { name: 'pc-glpi-a' } } });
    // Nothing new, or the same upload replayed: nothing sent.
    await putInventory(a, first);
    expect(await worker.tick()).toMatchObject({ sent: 0 });
    expect(glpi.received).toHaveLength(1);
    const status = (await view()).status;
    expect(status).toMatchObject({ pending: 0, failing: 0, dead: 0, lastError: null });
    expect(status.lastSuccessAt).not.toBeNull();
    // Two uploads before the next round: only the newest goes to GLPI.
    await putInventory(a, upload(fullInventory({ hostname: 'pc-glpi-a2' })));
    await putInventory(a, upload(fullInventory({ hostname: 'pc-glpi-a3' })));
    expect(await worker.tick()).toMatchObject({ sent: 2, failed: 0 });
    expect(glpi.received.map((r) => r.document.content.hardware?.name)).toEqual(['pc-glpi-a', 'pc-glpi-a3']);
  });

  it('loses nothing while GLPI is down: retries after the queue’s backoff, then catches up', async () => {
    const before = glpi.received.length;
    const b = await enroll(h, { hostname: 'pc-glpi-b' });
    await putInventory(b, upload(fullInventory({ hostname: 'pc-glpi-b' })));
    glpi.down = true;
    expect(await worker.tick()).toMatchObject({ sent: 0, failed: 1 });
    const down = (await view()).status;
    expect(down).toMatchObject({ pending: 1, failing: 1, lastError: 'GLPI answered HTTP 503: GLPI is in maintenance' });
    expect(down.lastErrorAt).not.toBeNull();
    // Waiting out its delay: not asked again yet.
    expect(await worker.tick()).toMatchObject({ sent: 0, failed: 0 });
    glpi.down = false;
    h.advance(31_000);
    expect(await worker.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(glpi.received.slice(before).map((r) => r.agentId)).toEqual([b.deviceId]);
    expect((await view()).status).toMatchObject({ pending: 0, failing: 0 });
  });

  it('reports a wrong password and an unreachable GLPI without leaking the secret; new settings retry at once', async () => {
    const d = await enroll(h, { hostname: 'pc-glpi-d' });
    await settings({ ...on(), password: 'wrong' });
    await putInventory(d, upload(fullInventory({ hostname: 'pc-glpi-d' })));
    expect(await worker.tick()).toMatchObject({ failed: 1 });
    expect((await view()).status.lastError).toBe('GLPI answered HTTP 401: Authorization header required');
    // Changed settings clear the delay: no waiting for the next retry.
    await settings({ ...on(), url: 'http://127.0.0.1:9/front/inventory.php', password: SECRET });
    expect(await worker.tick()).toMatchObject({ failed: 1 });
    const unreachable = await view();
    expect(unreachable.status.lastError).toMatch(/^could not reach GLPI: /);
    expect(JSON.stringify(unreachable)).not.toContain(SECRET);
    // Compressed, as GLPI agents may send it.
    await settings({ ...on(), compress: true });
    expect(await worker.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(glpi.received.at(-1)).toMatchObject({ agentId: d.deviceId, compressed: true });
    expect(glpi.refused.filter((r) => !r.startsWith('503') && !r.startsWith('401'))).toEqual([]);
  });

  it('queues nothing once switched off', async () => {
    await settings({ ...on(), enabled: false });
    const e = await enroll(h, { hostname: 'pc-glpi-e' });
    await putInventory(e, upload(fullInventory({ hostname: 'pc-glpi-e' })));
    const before = glpi.received.length;
    expect(await worker.tick()).toMatchObject({ sent: 0 });
    expect(glpi.received).toHaveLength(before);
    expect((await view()).status.pending).toBe(0);
  });
});
