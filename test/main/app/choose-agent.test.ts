import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createAgent } from '../../../agent/agent.js';
import type { AgentInstance } from '../../../agent/agent.js';
import { AccountRecords } from '../../../agent/endpoint/account-records.js';
import { createCallHandler } from '../../../agent/endpoint/call-handler.js';
import { CallerProof } from '../../../agent/endpoint/caller-proof.js';
import { EndpointIdentity, endpointKeyPath } from '../../../agent/endpoint/endpoint-identity.js';
import { EndpointServer, uploadsDirOf } from '../../../agent/endpoint/endpoint-server.js';
import { wasHandedOver } from '../../../agent/endpoint/handover.js';
import type { StoredCredential } from '../../../agent/host.js';
import { chooseAgent } from '../../../main/app/choose-agent.js';
import { FakeDeviceServer } from '../../agent/helpers/fake-device-server.js';
import { fakeInventorySource } from '../../agent/helpers/sample-inventory.js';
import { withTempDir } from '../../agent/helpers/temp-dir.js';
import { createFakeSystem } from '../../collectors/fake-system.js';

const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const noPolicy = { description: 'none', read: async () => ({}) };

function memoryCredentials() {
  let stored: StoredCredential | null = { serverUrl: 'http://127.0.0.1:1', deviceId: 'tray-device', credential: 'tray-secret-credential', enrolledAt: '2026-12-01T00:00:00.000Z' };
  return { description: 'memory', load: async () => stored, save: async (c: StoredCredential) => void (stored = c), clear: async () => void (stored = null), get current() { return stored; } };
}

describe.runIf(process.platform !== 'win32')('which agent the tray uses', { timeout: 60_000 }, () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let deviceServer: FakeDeviceServer;
  let service: AgentInstance;
  let endpoint: EndpointServer;
  let socket: string;

  beforeEach(async () => {
    tmp = await withTempDir();
    deviceServer = await new FakeDeviceServer().start();
    service = await createAgent({ dataDir: join(tmp.dir, 'service'), inventory: fakeInventorySource(), policy: noPolicy });
    await service.enroll({ serverUrl: deviceServer.url, enrollSecret: deviceServer.enrollSecret });
    const records = new AccountRecords(service.dataDir);
    await records.load();
    socket = join(tmp.dir, 'run', 'agent.sock');
    endpoint = new EndpointServer({
      path: socket,
      platform: 'linux',
      publishIdentity: () => EndpointIdentity.publish(endpointKeyPath(socket, 'linux'), 'linux', createFakeSystem({})),
      proof: new CallerProof({ claimsDir: join(tmp.dir, 'run', 'claims'), platform: 'linux', system: createFakeSystem({}) }),
      backend: { call: createCallHandler({ agent: service, records, uploadsDir: uploadsDirOf(service.dataDir) }) },
      uploadsDir: uploadsDirOf(service.dataDir),
      agentVersion: 'test',
      log: () => undefined,
    });
  }, 30_000);
  afterEach(async () => {
    await endpoint.close();
    await service.stop();
    await deviceServer.close();
    await tmp.cleanup();
  }, 30_000);

  it('runs its own agent when no service answers', async () => {
    const createEmbedded = vi.fn(async () => ({ dataDir: 'x' }) as never);
    const chosen = await chooseAgent({ endpoint: socket, platform: 'linux', embeddedDataDir: join(tmp.dir, 'tray'), embeddedCredentials: memoryCredentials(), createEmbedded, embeddedOptions: {}, log });
    expect(chosen.mode).toBe('embedded');
    expect(createEmbedded).toHaveBeenCalledTimes(1);
  });

  it("becomes the service's client, hands its queue over and forgets its own credential", async () => {
    const trayDir = join(tmp.dir, 'tray');
    const credentials = memoryCredentials();
    // The tray's own agent before the service: not enrolled, the ticket waits (with an attachment).
    const own = await createAgent({ dataDir: trayDir, policy: noPolicy });
    const queued = await own.submitTicket({ subject: '打印机连不上', description: 'offline', diagnostics: false, files: [{ name: 'printer.log', bytes: Buffer.from('jam') }] });
    await own.stop();
    expect(queued.delivered).toBe(false);

    await endpoint.listen();
    const createEmbedded = vi.fn();
    const chosen = await chooseAgent({ endpoint: socket, platform: 'linux', embeddedDataDir: trayDir, embeddedCredentials: credentials, createEmbedded, embeddedOptions: {}, log });
    expect(chosen.mode).toBe('service');
    expect(createEmbedded).not.toHaveBeenCalled();
    expect(credentials.current).toBeNull();
    expect(await wasHandedOver(trayDir)).toBe(true);
    await vi.waitFor(() => expect(deviceServer.stored.has(queued.id)).toBe(true), { timeout: 10_000 });
    const stored = deviceServer.stored.get(queued.id)?.body as { subject: string; attachments: { name: string }[] };
    expect(stored.subject).toBe('打印机连不上');
    expect(stored.attachments.map((a) => a.name)).toEqual(['printer.log']);
    expect(deviceServer.enrollments).toBe(1);
    expect((await chosen.agent.listTickets({ refresh: true })).map((t) => t.id)).toContain(queued.id);
    await chosen.agent.stop();
  });
});
