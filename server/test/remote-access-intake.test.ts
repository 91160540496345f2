import { AGENT_API_BASE, CONSOLE_API_BASE, DeviceDetailSchema, TicketDetailSchema, type InventoryDocument, type RemoteAccessData, type TicketCreated } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, technician, ticketSubmission, type EnrolledDevice, type Harness } from './helpers/harness.js';
import { fullInventory, partialInventory, upload } from './helpers/inventory.js';

const remote: RemoteAccessData = {
  handles: [
    { tool: 'anydesk', id: '512345678', server: null, group: null, label: null, problem: null, source: '/etc/anydesk/system.conf' },
    { tool: 'meshcentral', id: null, server: 'wss://mesh.example.com:443/agent.ashx', group: '0xA1B2', label: 'Laptops', problem: null, source: '/usr/local/mesh_services/meshagent/meshagent.msh' },
  ],
  services: [{ service: 'vnc', enabled: false, product: null, source: 'systemctl list-unit-files' }],
};
const section = (data: RemoteAccessData) => ({ status: 'ok' as const, durationMs: 4, data });

describe.each(DATABASES)('remote-access handles on %s', (kind) => {
  let h: Harness;
  let d: EnrolledDevice;
  let headers: { cookie: string };
  beforeAll(async () => {
    h = await createHarness(kind);
    d = await enroll(h);
    headers = (await technician(h, 'tech1')).headers;
  }, 30_000);
  afterAll(async () => {
    await h.close();
  }, 30_000);

  const put = (document: InventoryDocument) => h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: d.auth, payload: upload(document) });
  const device = async () => DeviceDetailSchema.parse(json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices/${d.deviceId}`, headers })));

  it('a ticket filed before any inventory has no remote-access block', async () => {
    const created = json(await fileTicket(h, d, ticketSubmission())) as TicketCreated;
    const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${created.id}`, headers });
    expect(res.statusCode).toBe(200);
    expect(TicketDetailSchema.parse(json(res)).remoteAccess).toBeNull();
  });

  it('stores the section with the inventory and shows it on the device and on its tickets; a partial replaces it', async () => {
    const full = fullInventory();
    expect((await put({ ...full, sections: { ...full.sections, remoteAccess: section(remote) } })).statusCode).toBe(200);
    expect((await device()).inventory?.sections.remoteAccess?.data).toEqual(remote);
    // The ID a user reads out on the phone finds the machine in the device list.
    const found = json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices?q=512345678`, headers })) as { items: { id: string }[] };
    expect(found.items.map((i) => i.id)).toEqual([d.deviceId]);

    const created = json(await fileTicket(h, d, ticketSubmission())) as TicketCreated;
    const ticket = async () => TicketDetailSchema.parse(json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/tickets/${created.id}`, headers })));
    expect((await ticket()).remoteAccess?.data).toEqual(remote);

    h.advance(60_000);
    const none: RemoteAccessData = { handles: [], services: remote.services };
    expect((await put(partialInventory({ remoteAccess: section(none) }))).statusCode).toBe(200);
    const view = await device();
    expect(view.inventory?.sections.remoteAccess?.data).toEqual(none);
    // One upload's entries share their time; their order among themselves is not part of the contract.
    expect(view.recentHistory.filter((e) => e.kind === 'remote-access-changed').map((e) => [e.subject, e.before, e.after]).sort()).toEqual([
      ['AnyDesk', '512345678', null],
      ['MeshCentral', 'installed, no ID', null],
    ]);
    expect((json(await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices?q=512345678`, headers })) as { items: unknown[] }).items).toEqual([]);
    const after = await ticket();
    expect(after.remoteAccess?.data).toEqual(none);
    expect(Date.parse(after.remoteAccess?.collectedAt ?? '')).toBeGreaterThan(Date.parse(full.collectedAt));
  });

  it('refuses a section whose handle carries an unknown field (a password would be one)', async () => {
    const full = fullInventory();
    const leaky = { ...remote, handles: [{ ...remote.handles[0], password: 'hunter2' }] } as unknown as RemoteAccessData;
    const res = await put({ ...full, sections: { ...full.sections, remoteAccess: section(leaky) } });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('hunter2');
  });
});
