import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ApiRequestError } from '../../../agent/transport/api-error.js';
import { DeviceApi } from '../../../agent/transport/device-api.js';
import { TransportError } from '../../../agent/transport/transport-error.js';
import { UndiciTransport } from '../../../agent/transport/undici-transport.js';
import { checkServerUrl, isLoopbackHost } from '../../../agent/transport/url-policy.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { LoopbackProxy } from '../helpers/loopback-proxy.js';
import { withTempDir } from '../helpers/temp-dir.js';
import type { TestCert } from '../helpers/test-cert.js';
import { makeTestCert } from '../helpers/test-cert.js';

const api = (transport: UndiciTransport, serverUrl: string, credential: string | null = null) =>
  new DeviceApi({ transport, serverUrl, allowInsecureHttp: false, agentVersion: '0.1.0', credential, timeoutMs: 3000 });

describe('server URL rules', () => {
  it('allows HTTPS anywhere and HTTP only to loopback unless configured', () => {
    expect(checkServerUrl('https://deskside.example', false).host).toBe('deskside.example');
    expect(checkServerUrl('http://127.0.0.1:8080', false).port).toBe('8080');
    expect(checkServerUrl('http://[::1]:8080', false).hostname).toBe('[::1]');
    expect(() => checkServerUrl('http://deskside.example', false)).toThrow(/refusing plain HTTP/);
    expect(checkServerUrl('http://deskside.lab', true).protocol).toBe('http:');
    expect(() => checkServerUrl('https://user:pw@deskside.example', false)).toThrow(/must not contain a user name or password/);
    expect(() => checkServerUrl('ftp://x', true)).toThrow(/unsupported/);
  });
  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'a.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('proxy handling (loopback CONNECT/HTTP proxy)', () => {
  let server: FakeDeviceServer;
  let proxy: LoopbackProxy;
  const saved = { ...process.env };
  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
    proxy = await new LoopbackProxy().start();
  });
  afterEach(async () => {
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await proxy.close();
    await server.close();
  });

  it('sends through the configured proxy', async () => {
    const transport = new UndiciTransport({ proxyUrl: proxy.url });
    const list = await api(transport, server.url, server.issueCredential()).listTickets();
    await transport.close();
    expect(list.tickets).toEqual([]);
    expect(proxy.seen.map((s) => s.method)).toContain('CONNECT');
    expect(proxy.seen[0]?.target).toBe(new URL(server.url).host);
  });

  it('uses HTTP_PROXY from the environment and bypasses it for NO_PROXY hosts', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'deskside.example';
    const viaProxy = new UndiciTransport();
    await api(viaProxy, server.url, server.issueCredential()).listTickets();
    await viaProxy.close();
    expect(proxy.seen).toHaveLength(1);

    process.env.NO_PROXY = '127.0.0.1';
    const direct = new UndiciTransport();
    await api(direct, server.url, server.issueCredential()).listTickets();
    await direct.close();
    expect(proxy.seen).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('authenticates to a proxy with credentials from its URL and reports a refused proxy clearly', async () => {
    const authProxy = await new LoopbackProxy('alice:s3cret').start();
    try {
      const good = new UndiciTransport({ proxyUrl: authProxy.url.replace('://', '://alice:s3cret@') });
      await api(good, server.url, server.issueCredential()).listTickets();
      await good.close();
      expect(authProxy.seen[0]?.auth).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);

      const bad = new UndiciTransport({ proxyUrl: authProxy.url });
      const error = await api(bad, server.url, server.issueCredential()).listTickets().catch((e: unknown) => e);
      await bad.close();
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).failure).toBe('proxy');
      expect((error as TransportError).message).not.toContain('s3cret');
    } finally {
      await authProxy.close();
    }
  });
});

describe('HTTPS: extra CA and public-key pin', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let cert: TestCert | null;
  let https: Server;
  let url = '';
  beforeAll(async () => {
    tmp = await withTempDir();
    cert = makeTestCert(tmp.dir);
    if (!cert) return;
    https = createServer({ cert: cert.cert, key: cert.key }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ tickets: [] }));
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    https?.closeAllConnections();
    await new Promise<void>((resolve) => (https ? https.close(() => resolve()) : resolve()));
    await tmp.cleanup();
  });

  it('refuses an unknown CA, accepts it as extra CA, and enforces the pin', async (ctx) => {
    if (!cert) ctx.skip();
    const plain = new UndiciTransport();
    const untrusted = await api(plain, url, 'c').listTickets().catch((e: unknown) => e);
    await plain.close();
    expect((untrusted as TransportError).failure).toBe('tls');

    const trusted = new UndiciTransport({ extraCaPem: cert!.cert });
    expect((await api(trusted, url, 'c').listTickets()).tickets).toEqual([]);
    await trusted.close();

    const pinned = new UndiciTransport({ extraCaPem: cert!.cert, serverKeyPins: [cert!.pin] });
    expect((await api(pinned, url, 'c').listTickets()).tickets).toEqual([]);
    await pinned.close();

    const wrongPin = new UndiciTransport({ extraCaPem: cert!.cert, serverKeyPins: ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='] });
    const mismatch = await api(wrongPin, url, 'c').listTickets().catch((e: unknown) => e);
    await wrongPin.close();
    expect((mismatch as TransportError).failure).toBe('pin-mismatch');
  });

  it('tunnels HTTPS through the proxy with the extra CA', async (ctx) => {
    if (!cert) ctx.skip();
    const proxy = await new LoopbackProxy().start();
    const t = new UndiciTransport({ proxyUrl: proxy.url, extraCaPem: cert!.cert, serverKeyPins: [cert!.pin] });
    expect((await api(t, url, 'c').listTickets()).tickets).toEqual([]);
    await t.close();
    await proxy.close();
    expect(proxy.seen[0]?.method).toBe('CONNECT');
  });
});

describe('DeviceApi errors', () => {
  let server: FakeDeviceServer;
  beforeEach(async () => {
    server = await new FakeDeviceServer().start();
  });
  afterEach(() => server.close());

  it('classifies statuses and carries the server message, never the credential', async () => {
    const transport = new UndiciTransport();
    const credential = server.issueCredential();
    server.fail('GET', '/tickets', { kind: 'status', status: 429, headers: { 'retry-after': '30' } });
    const limited = (await api(transport, server.url, credential).listTickets().catch((e: unknown) => e)) as ApiRequestError;
    expect(limited.kind).toBe('retryable');
    expect(limited.retryAfterMs).toBe(30_000);
    server.fail('GET', '/tickets', { kind: 'status', status: 403, body: { error: { code: 'forbidden', message: 'device disabled' } } });
    const forbidden = (await api(transport, server.url, credential).listTickets().catch((e: unknown) => e)) as ApiRequestError;
    expect(forbidden.kind).toBe('permanent');
    expect(forbidden.message).toBe('device disabled (HTTP 403)');
    server.revokeAll();
    const revoked = (await api(transport, server.url, credential).listTickets().catch((e: unknown) => e)) as ApiRequestError;
    expect(revoked.kind).toBe('unauthorized');
    expect(`${revoked.message}${revoked.stack}`).not.toContain(credential);
    server.fail('GET', '/tickets', { kind: 'status', status: 502, body: '<html>bad gateway</html>' });
    const html = (await api(transport, server.url, credential).listTickets().catch((e: unknown) => e)) as ApiRequestError;
    expect(html.message).toBe('server answered HTTP 502');
    await transport.close();
  });

  it('refuses plain HTTP to a remote host before sending anything', () => {
    expect(() => api(new UndiciTransport(), 'http://deskside.example', 'c')).toThrow(TransportError);
  });
});
