import { chmod, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CallerProof } from '../../../agent/endpoint/caller-proof.js';
import { EndpointCallError, EndpointClient } from '../../../agent/endpoint/endpoint-client.js';
import { EndpointIdentity, endpointKeyPath, verifyEndpoint, windowsKeyFileAcl } from '../../../agent/endpoint/endpoint-identity.js';
import { WINDOWS_PIPE } from '../../../agent/endpoint/endpoint-location.js';
import type { EndpointBackend } from '../../../agent/endpoint/endpoint-server.js';
import { EndpointServer } from '../../../agent/endpoint/endpoint-server.js';
import { createFakeSystem } from '../../collectors/fake-system.js';
import { withTempDir } from '../helpers/temp-dir.js';

function raw(socketPath: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.runIf(process.platform !== 'win32')('the local endpoint over its Unix socket', { timeout: 60_000 }, () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let server: EndpointServer;
  let socket: string;
  const calls: { op: string; caller: string; input: unknown }[] = [];
  const backend: EndpointBackend = {
    call: async (op, caller, input) => {
      calls.push({ op, caller: caller.id, input });
      if (op === 'diagnose') return { ok: false, error: { status: 409, code: 'not-enrolled', name: 'NotEnrolledError', message: 'enroll first' } };
      return { ok: true, value: { op } };
    },
  };

  const make = (path: string) =>
    new EndpointServer({
      path,
      platform: 'linux',
      publishIdentity: () => EndpointIdentity.publish(endpointKeyPath(path, 'linux'), 'linux', createFakeSystem({})),
      proof: new CallerProof({ claimsDir: join(tmp.dir, 'run', 'claims'), platform: 'linux', system: createFakeSystem({ commands: { 'getent *': { stdout: 'root:x:0:0::/root:/bin/sh\n' } } }) }),
      backend,
      uploadsDir: join(tmp.dir, 'incoming'),
      agentVersion: '9.9.9',
      log: () => undefined,
    });

  beforeEach(async () => {
    tmp = await withTempDir();
    calls.length = 0;
    socket = join(tmp.dir, 'run', 'agent.sock');
    server = make(socket);
    await server.listen();
  }, 30_000);
  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  }, 30_000);

  it('proves the caller, then forwards calls with the proven account and raises the core error by name', async () => {
    const client = new EndpointClient(socket, 'linux');
    expect(await client.answers()).toBe(true);
    expect(await client.call('status')).toEqual({ op: 'status' });
    expect(calls).toEqual([{ op: 'status', caller: String(process.getuid?.()), input: {} }]);
    const error = await client.call('diagnose').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointCallError);
    expect(error).toMatchObject({ name: 'NotEnrolledError', status: 409, message: 'enroll first' });
  });

  it('answers bad requests with a 4xx that says what is wrong, and nothing reaches the core', async () => {
    expect(await raw(socket, 'POST', '/v1/call/status', '{}')).toMatchObject({ status: 401 });
    expect(await raw(socket, 'POST', '/v1/call/status', '{}', { authorization: 'Bearer forged-token-forged-token' })).toMatchObject({ status: 401 });
    expect(await raw(socket, 'POST', '/v1/auth/session', '{"nonce":"zz"}', { 'content-type': 'application/json' })).toMatchObject({ status: 400 });
    const unproven = await raw(socket, 'POST', '/v1/auth/session', JSON.stringify({ nonce: 'a'.repeat(48) }));
    expect(unproven.status).toBe(401);
    expect(JSON.parse(unproven.body).error.message).toMatch(/challenge/);

    const client = new EndpointClient(socket, 'linux');
    await client.call('status');
    const token = await (async () => {
      // A second client's session, to send hand-made requests with.
      const challenge = JSON.parse((await raw(socket, 'POST', '/v1/auth/challenge', '{}')).body) as { nonce: string };
      await writeFile(join(tmp.dir, 'run', 'claims', challenge.nonce), '');
      return (JSON.parse((await raw(socket, 'POST', '/v1/auth/session', JSON.stringify({ nonce: challenge.nonce }))).body) as { token: string }).token;
    })();
    const auth = { authorization: `Bearer ${token}` };
    calls.length = 0;
    expect(await raw(socket, 'POST', '/v1/call/status', '{not json', auth)).toMatchObject({ status: 400 });
    expect(await raw(socket, 'POST', '/v1/call/format-disk', '{}', auth)).toMatchObject({ status: 404 });
    expect(await raw(socket, 'GET', '/v1/nothing', undefined, auth)).toMatchObject({ status: 404 });
    expect(await raw(socket, 'GET', '/v1/ping')).toMatchObject({ status: 400 });
    expect(await raw(socket, 'POST', '/v1/call/status', 'x'.repeat(5 * 1024 * 1024), auth)).toMatchObject({ status: 413 });

    expect(await raw(socket, 'PUT', '/v1/uploads', undefined, { ...auth, 'content-length': String(11 * 1024 * 1024) })).toMatchObject({ status: 413 });
    expect(calls).toEqual([]);
    const uploaded = await client.upload(Buffer.from('日志 log'));
    expect(uploaded).toMatch(/^[0-9a-f-]{36}$/);
    // Files waiting for a ticket are bounded per account.
    for (let i = 1; i < 24; i += 1) await client.upload(Buffer.from(`file ${i}`));
    await expect(client.upload(Buffer.from('one too many'))).rejects.toMatchObject({ status: 429, code: 'too-many-uploads' });
  });

  it("streams each event to the clients it concerns", async () => {
    const client = new EndpointClient(socket, 'linux');
    const seen: unknown[] = [];
    const stop = client.subscribe((e) => seen.push(e));
    await client.call('status');
    for (let i = 0; i < 100 && seen.length === 0; i += 1) {
      server.publish({ audience: { account: 'someone-else' }, event: { type: 'not-mine' } });
      server.publish({ audience: 'all', event: { type: 'checked-in', at: 'now' } });
      await new Promise((r) => setTimeout(r, 50));
    }
    stop();
    // The caller is root here, an administrator: it sees everything; a user's filter is tested in call-handler.
    expect(seen).toContainEqual({ type: 'checked-in', at: 'now' });
  });

  it('never takes over a socket another live service answers on', async () => {
    const second = make(socket);
    await expect(second.listen()).rejects.toThrow(/already answers/);
    expect(await new EndpointClient(socket, 'linux').answers()).toBe(true);
  });
});

describe.runIf(process.platform !== 'win32')('telling the service from an impostor', { timeout: 30_000 }, () => {
  it('trusts a ping only when signed with the key the service published, in a file only the service could write', async () => {
    const tmp = await withTempDir();
    try {
      const socket = join(tmp.dir, 'run', 'agent.sock');
      const identity = await EndpointIdentity.publish(endpointKeyPath(socket, 'linux'), 'linux', createFakeSystem({}));
      await writeFile(socket, '');
      const challenge = 'ab'.repeat(24);
      const check = (signature: string, c = challenge) => verifyEndpoint({ endpoint: socket, platform: 'linux', system: createFakeSystem({}), challenge: c, signature });
      expect(await check(identity.sign(challenge))).toEqual({ ok: true });
      expect((await check(identity.sign(challenge), 'cd'.repeat(24))).ok).toBe(false);
      const impostor = await EndpointIdentity.publish(join(tmp.dir, 'elsewhere', 'endpoint.pub'), 'linux', createFakeSystem({}));
      expect(await check(impostor.sign(challenge))).toMatchObject({ ok: false, reason: /did not prove/ });
      await chmod(endpointKeyPath(socket, 'linux'), 0o666);
      expect(await check(identity.sign(challenge))).toMatchObject({ ok: false, reason: /someone other than the service/ });
    } finally {
      await tmp.cleanup();
    }
  });

  it('on Windows, wants the key file owned by SYSTEM or Administrators and secures it so', async () => {
    expect(windowsKeyFileAcl('C:\\ProgramData\\Deskside\\run\\endpoint.pub')).toEqual([
      ['C:\\ProgramData\\Deskside\\run\\endpoint.pub', '/setowner', '*S-1-5-18'],
      ['C:\\ProgramData\\Deskside\\run\\endpoint.pub', '/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F', '*S-1-5-32-545:R'],
    ]);
    expect(endpointKeyPath(WINDOWS_PIPE, 'win32', { ProgramData: 'D:\\ProgramData' })).toBe(join('D:\\ProgramData', 'Deskside', 'run', 'endpoint.pub'));
  });
});
