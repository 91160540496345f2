import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAgent, type AgentInstance } from '../../../agent/agent.js';
import { DeviceApi } from '../../../agent/transport/device-api.js';
import { ProxyResolver } from '../../../agent/transport/proxy/proxy-resolver.js';
import { NO_SYSTEM_PROXY } from '../../../agent/transport/proxy/system-proxy.js';
import { UndiciTransport } from '../../../agent/transport/undici-transport.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import type { SystemAccess } from '../../../collectors/types.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { makeInternalCa, type InternalCa } from '../helpers/internal-ca.js';
import { fakeInventorySource } from '../helpers/sample-inventory.js';
import { squidAvailable, startSquid, type Squid } from '../helpers/squid.js';
import { withTempDir } from '../helpers/temp-dir.js';

// Squid is a Debian package CI installs (scripts/ci/install-debian-packages.sh): missing there is a failure.
if (process.env.CI && !squidAvailable()) throw new Error('squid is not installed: scripts/ci/install-debian-packages.sh must install it');

/**
 * The agent behind a real Squid on loopback: Basic authentication with the proxyUrl setting's
 * credentials, a refusing proxy (407, 403) as a state rather than a loop, the machine's proxy from
 * /etc/environment, and a PAC file (by URL and by WPAD) served by the test. The server is HTTPS with
 * an internal CA in the system bundle, so trust and proxy are exercised together.
 */
describe.skipIf(!squidAvailable())('the agent through Squid', { timeout: 30_000 }, () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let ca: InternalCa;
  let server: FakeDeviceServer;
  let squid: Squid;
  let pacServer: Server;
  let pacBase = '';
  const pacFiles = new Map<string, string>();
  const savedCertFile = process.env.SSL_CERT_FILE;
  const agents: AgentInstance[] = [];
  const real = createSystemAccess();

  const open = async (name: string, policy: Record<string, unknown>, system: SystemAccess = real) => {
    const agent = await createAgent({
      dataDir: join(tmp.dir, name),
      inventory: fakeInventorySource(),
      policy: { description: 'test policy', read: async () => policy },
      policyRefreshMs: 0,
      random: () => 0.5,
      sleep: async () => undefined,
      system,
      platform: 'linux',
    });
    agents.push(agent);
    return agent;
  };
  const withCredentials = (url: string, user: string, password: string) => url.replace('://', `://${user}:${password}@`);
  const tunnelTo = (user: string) => (l: string) => l.includes(` CONNECT ${new URL(server.url).host} ${user} `);

  beforeAll(async () => {
    tmp = await withTempDir();
    ca = makeInternalCa(tmp.dir);
    server = await new FakeDeviceServer({ tls: { cert: ca.serverCert, key: ca.serverKey } }).start();
    const certs = join(tmp.dir, 'root', 'etc', 'ssl', 'certs');
    await mkdir(certs, { recursive: true });
    await writeFile(join(certs, 'ca-certificates.crt'), `${readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')}\n${ca.caCert}`);
    process.env.SSL_CERT_FILE = join(certs, 'ca-certificates.crt');
    squid = await startSquid([{ name: 'alice', password: 's3cret' }, { name: 'mallory', password: 'letmein', forbidden: true }]);
    pacServer = createServer((req, res) => {
      const body = pacFiles.get(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => pacServer.listen(0, '127.0.0.1', resolve));
    pacBase = `http://127.0.0.1:${(pacServer.address() as AddressInfo).port}`;
  }, 30_000);
  afterAll(async () => {
    if (savedCertFile === undefined) delete process.env.SSL_CERT_FILE;
    else process.env.SSL_CERT_FILE = savedCertFile;
    for (const agent of agents) await agent.stop();
    await squid?.stop();
    await server?.close();
    pacServer?.closeAllConnections();
    await new Promise<void>((resolve) => (pacServer ? pacServer.close(() => resolve()) : resolve()));
    await tmp?.cleanup();
  }, 30_000);

  it('Basic authentication from the proxyUrl setting: enrolls, uploads and files a ticket through the proxy', async () => {
    const agent = await open('basic', { proxyUrl: withCredentials(squid.authUrl, 'alice', 's3cret') });
    expect(await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret })).toMatchObject({ state: 'enrolled' });
    expect(await agent.syncNow()).toMatchObject({ checkedIn: true, inventory: { kind: 'full' }, errors: [] });
    const ticket = await agent.submitTicket({ subject: 'Through the proxy', description: 'Basic', diagnostics: false });
    expect(ticket).toMatchObject({ delivered: true, error: null });
    const status = await agent.status();
    expect(status.network?.route).toBe(`through ${squid.authUrl} (the proxyUrl setting)`);
    expect(status.network?.proxyRefused).toBeNull();
    expect(JSON.stringify(status.network)).not.toContain('s3cret');
    await agent.stop();
    expect(await squid.waitForLog(tunnelTo('alice'))).toMatch(/TCP_TUNNEL\/200/);
  });

  it('a proxy demanding credentials it did not get (407) is a clear state in status, its password never shown', async () => {
    const agent = await open('wrong-password', { proxyUrl: withCredentials(squid.authUrl, 'alice', 'wrong') });
    const error = await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/proxy refused .*authentication.*HTTP 407/);
    expect(String(error)).not.toContain('wrong@');
    const status = await agent.status();
    expect(status.network?.proxyRefused).toMatchObject({ status: 407, proxy: squid.authUrl });
  });

  it('a proxy that forbids the connection (403) is told apart from one that wants credentials', async () => {
    const before = server.requests.length;
    const agent = await open('forbidden', { proxyUrl: withCredentials(squid.authUrl, 'mallory', 'letmein') });
    const error = await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/proxy refused .*forbids the connection \(HTTP 403\)/);
    expect((await agent.status()).network?.proxyRefused?.status).toBe(403);
    expect(server.requests.length).toBe(before);
  });

  it("follows the machine's proxy from /etc/environment with no setting of its own", async () => {
    const system: SystemAccess = {
      ...real,
      readFile: async (path) => (path === '/etc/environment' ? `PATH="/usr/bin"\nhttps_proxy=${squid.openUrl}\n` : real.readFile(path)),
    };
    const before = squid.accessLog().length;
    const agent = await open('system-proxy', {}, system);
    expect(await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret })).toMatchObject({ state: 'enrolled' });
    const ticket = await agent.submitTicket({ subject: 'System proxy', description: '', diagnostics: false });
    expect(ticket.delivered).toBe(true);
    expect((await agent.status()).network?.route).toBe(`through ${squid.openUrl} (/etc/environment)`);
    await agent.stop();
    await squid.waitForLog(tunnelTo('-'), before);
  });

  it('a PAC file by URL and by WPAD routes through the proxy it names, skipping a dead one', async () => {
    const deadPort = new URL(squid.authUrl).port === '1' ? 2 : 1;
    const open = new URL(squid.openUrl).host;
    pacFiles.set('/proxy.pac', `function FindProxyForURL(url, host) { if (isPlainHostName(host)) return "DIRECT"; return "PROXY 127.0.0.1:${deadPort}; PROXY ${open}; DIRECT"; }`);
    pacFiles.set('/wpad.dat', `function FindProxyForURL(url, host) { return "PROXY ${open}"; }`);
    const fetchText = async (url: string) => {
      const res = await fetch(url);
      return res.ok ? res.text() : null;
    };
    const byUrl = new ProxyResolver({ settingsProxy: '', env: {}, system: async () => ({ ...NO_SYSTEM_PROXY, pacUrl: `${pacBase}/proxy.pac`, source: 'test' }), wpadUrls: async () => [], fetchText });
    // WPAD looks for wpad.<domain>; in a test the candidate list points at loopback.
    const byWpad = new ProxyResolver({ settingsProxy: '', env: {}, system: async () => ({ ...NO_SYSTEM_PROXY, autoDetect: true, source: 'test' }), wpadUrls: async () => [`${pacBase}/missing.dat`, `${pacBase}/wpad.dat`], fetchText });
    for (const [resolver, expected] of [[byUrl, `PAC ${pacBase}/proxy.pac`], [byWpad, `PAC ${pacBase}/wpad.dat`]] as const) {
      const before = squid.accessLog().length;
      const transport = new UndiciTransport({ routeFor: (url) => resolver.resolve(url), extraCaPem: ca.caCert, connectTimeoutMs: 2000 });
      const api = new DeviceApi({ transport, serverUrl: server.url, allowInsecureHttp: false, agentVersion: '0.1.0', credential: server.issueCredential(), timeoutMs: 5000 });
      expect((await api.listTickets()).tickets).toBeDefined();
      expect(transport.lastUsed?.hop).toEqual({ kind: 'proxy', url: squid.openUrl });
      expect(transport.lastUsed?.route.detail).toBe(expected);
      await transport.close();
      await squid.waitForLog(tunnelTo('-'), before);
    }
  });
});
