import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DeviceApi } from '../../agent/transport/device-api.js';
import { UndiciTransport } from '../../agent/transport/undici-transport.js';
import { DATABASES, createHarness, newSecret, sha256, ticketSubmission, type Harness } from './helpers/harness.js';
import { fullInventory, upload } from './helpers/inventory.js';

/**
 * The agent's own HTTP client against the real server over a loopback socket: proves the two sides
 * agree on the wire (gzip, multipart framing, the JSON-typed ticket part, idempotent retries).
 */
describe.each(DATABASES)('the agent talking to the server on %s', (kind) => {
  let h: Harness;
  let base: string;
  let transport: UndiciTransport;
  let dir: string;
  beforeAll(async () => {
    h = await createHarness(kind);
    base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    transport = new UndiciTransport({});
    dir = await mkdtemp(join(tmpdir(), 'deskside-interop-'));
  });
  afterAll(async () => {
    await transport.close();
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('enrolls, checks in, uploads, files a ticket with a screenshot and comments', async () => {
    const anonymous = new DeviceApi({ transport, serverUrl: base, allowInsecureHttp: false, agentVersion: '0.1.0' });
    const enrolled = await anonymous.enroll({
      enrollSecret: await newSecret(h),
      device: { hostname: 'interop-pc', hardwareUuid: randomUUID(), serial: 'INTEROP-1', macs: [] },
      platform: 'linux',
      osName: 'Debian GNU/Linux 12',
      agentVersion: '0.1.0',
    });
    const api = new DeviceApi({ transport, serverUrl: base, allowInsecureHttp: false, agentVersion: '0.1.0', credential: enrolled.credential });

    const first = await api.checkin({ agentVersion: '0.1.0', hostname: 'interop-pc', ticketCursor: null, outboxItems: 0 });
    expect(first.sendFullInventory).toBe(true);

    const inventory = upload(fullInventory({ hostname: 'interop-pc', platform: 'linux' }));
    const body = gzipSync(JSON.stringify(inventory));
    const stored = await api.putInventory(body, inventory.uploadId);
    expect(stored.ack?.duplicate).toBe(false);
    const retried = await api.putInventory(body, inventory.uploadId);
    expect(retried.duplicate || retried.ack?.duplicate).toBe(true);

    const shot = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200 * 1024 - 8, 3)]);
    const path = join(dir, 'screen.png');
    await writeFile(path, shot);
    const ticket = ticketSubmission({
      attachments: [{ field: 'screenshot', name: 'écran.png', type: 'image/png', size: shot.length, sha256: sha256(shot), role: 'screenshot' }],
    });
    const filed = await api.postTicket(JSON.stringify(ticket), [{ field: 'screenshot', filename: 'écran.png', contentType: 'image/png', path, size: shot.length }], ticket.id);
    expect(filed.ack).toMatchObject({ id: ticket.id, status: 'new', duplicate: false });

    const comment = await api.postComment(ticket.id, { id: randomUUID(), body: 'Still broken', createdAt: new Date().toISOString() });
    expect(comment.ack?.duplicate).toBe(false);
    const list = await api.listTickets();
    expect(list.tickets.map((t) => [t.id, t.messages.length])).toEqual([[ticket.id, 1]]);

    const next = await api.checkin({ agentVersion: '0.1.0', hostname: 'interop-pc', ticketCursor: first.ticketCursor, outboxItems: 0 });
    expect(next.sendFullInventory).toBe(false);
  });
});
