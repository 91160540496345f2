import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { diagnosticSummary, wordSummary } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { networkProbe, pingArgs, proxyInUse } from '../../../agent/diagnostics/items/network.js';
import { runDiagnostics } from '../../../agent/diagnostics/run-diagnostics.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import { ProxyResolver } from '../../../agent/transport/proxy/proxy-resolver.js';
import { NO_SYSTEM_PROXY } from '../../../agent/transport/proxy/system-proxy.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import type { SystemAccess } from '../../../collectors/types.js';
import { withTempDir } from '../helpers/temp-dir.js';
import { makeTestCert } from '../helpers/test-cert.js';

interface ServerCheck {
  dns: { ok: boolean; addresses: string[] };
  tcp: { ok: boolean; ms: number };
  tls: { ok: boolean; certificateTrusted: boolean; certificateError: string | null };
}

describe('network diagnostic', () => {
  it('checks DNS, TCP and TLS of the configured server only, and whether its certificate is trusted', async (ctx) => {
    const tmp = await withTempDir();
    const cert = makeTestCert(tmp.dir);
    if (!cert) {
      await tmp.cleanup();
      ctx.skip();
      return;
    }
    const server = createServer({ cert: cert.cert, key: cert.key }, (_q, r) => r.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverUrl = `https://localhost:${(server.address() as AddressInfo).port}`;
    const caFile = join(tmp.dir, 'ca.pem');
    await writeFile(caFile, cert.cert);
    const run = (extraCaFile: string | null) =>
      networkProbe.run({
        platform: 'linux',
        system: createSystemAccess(),
        signal: new AbortController().signal,
        now: () => new Date(),
        settings: { ...DEFAULT_SETTINGS, serverUrl, extraCaFile },
        state: EMPTY_STATE,
      });
    try {
      const trusted = (await run(caFile)).data as { server: ServerCheck };
      expect(trusted.server.dns.ok).toBe(true);
      expect(trusted.server.tcp.ok).toBe(true);
      expect(trusted.server.tls).toMatchObject({ ok: true, certificateTrusted: true, certificateError: null });
      const untrusted = await run(null);
      expect((untrusted.data as { server: ServerCheck }).server.tls.certificateTrusted).toBe(false);
      const worded = wordSummary(diagnosticSummary({ id: 'network', status: 'ok', durationMs: 1, summary: null, data: untrusted.data as never, truncated: null }), 'en');
      expect(worded).toMatch(/server localhost reachable [\d.]+ ms, certificate not trusted \(/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tmp.cleanup();
    }
  });

  it('names the proxy without its password, and pings with one packet and a one-second limit', () => {
    expect(proxyInUse('', { HTTPS_PROXY: 'http://bob:s3cret@proxy.corp:3128' })).toBe('http://bob:[REDACTED]@proxy.corp:3128');
    expect(proxyInUse('', {})).toBeNull();
    expect(pingArgs('win32', '10.0.0.1')).toEqual(['-n', '1', '-w', '1000', '10.0.0.1']);
    expect(pingArgs('linux', '10.0.0.1')).toEqual(['-c', '1', '-W', '1', '10.0.0.1']);
  });

  it('checks the server through the configured proxy, as the agent traffic goes, never directly', { timeout: 20_000 }, async (ctx) => {
    const tmp = await withTempDir();
    const cert = makeTestCert(tmp.dir);
    if (!cert) {
      await tmp.cleanup();
      ctx.skip();
      return;
    }
    const server = createServer({ cert: cert.cert, key: cert.key }, (_q, r) => r.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverPort = (server.address() as AddressInfo).port;
    const tunnels: string[] = [];
    const proxy = createHttpServer((_q, r) => r.writeHead(405).end());
    proxy.on('connect', (req, client) => {
      tunnels.push(`${req.url} ${req.headers['proxy-authorization'] ?? ''}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://ann:pa55@127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const d = await runDiagnostics({
        probes: [networkProbe],
        agentVersion: '0.1.0',
        context: { platform: 'linux', system: createSystemAccess(), now: () => new Date(), settings: { ...DEFAULT_SETTINGS, serverUrl: `https://localhost:${serverPort}`, proxyUrl }, state: EMPTY_STATE },
      });
      const data = d.items[0]!.data as { server: ServerCheck & { via: string; dns: { host: string } } };
      expect(tunnels).toEqual([`localhost:${serverPort} Basic ${Buffer.from('ann:pa55').toString('base64')}`, `localhost:${serverPort} Basic ${Buffer.from('ann:pa55').toString('base64')}`]);
      expect(data.server.tcp.ok).toBe(true);
      expect(data.server.tls.ok).toBe(true);
      expect(data.server.dns.host).toBe('127.0.0.1');
      expect(data.server.via).not.toContain('pa55');
      // The route names the proxy (never its password) and why it was chosen.
      expect(d.items[0]!.summary).toMatch(/server localhost reachable [\d.]+ ms, certificate not trusted \(.*\), checked through http:\/\/127\.0\.0\.1:\d+ \(the proxyUrl setting\)/);
    } finally {
      server.closeAllConnections();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await tmp.cleanup();
    }
  });

  it('picks the proxy the transport would: configured first, then the environment unless NO_PROXY names the host', async () => {
    const url = new URL('https://deskside.corp.example:8443');
    const proxyFor = async (u: URL, settingsProxy: string, env: Record<string, string>) => {
      const route = await new ProxyResolver({ settingsProxy, env, system: async () => NO_SYSTEM_PROXY, wpadUrls: async () => [], fetchText: async () => null }).resolve(u);
      const first = route.hops[0];
      return first?.kind === 'proxy' ? first.url : null;
    };
    expect(await proxyFor(url, 'http://configured:3128', { HTTPS_PROXY: 'http://env:3128' })).toBe('http://configured:3128');
    expect(await proxyFor(url, '', { HTTPS_PROXY: 'http://env:3128' })).toBe('http://env:3128');
    expect(await proxyFor(url, '', { HTTP_PROXY: 'http://plain:3128' })).toBe('http://plain:3128');
    expect(await proxyFor(url, '', { HTTPS_PROXY: 'http://env:3128', NO_PROXY: 'localhost,.corp.example' })).toBeNull();
    expect(await proxyFor(url, '', { HTTPS_PROXY: 'http://env:3128', no_proxy: 'corp.example:443' })).toBe('http://env:3128');
    expect(await proxyFor(url, '', { HTTPS_PROXY: 'http://env:3128', NO_PROXY: '*' })).toBeNull();
    expect(await proxyFor(url, '', {})).toBeNull();
  });

  it('says a public gateway was not probed (not unreachable) and lists the DNS servers from local configuration', async () => {
    const files: Record<string, string> = {
      // Default route via 203.0.113.1 (little-endian hex), flags UG.
      '/proc/net/route': 'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth0\t00000000\t017100CB\t0003\t0\t0\t100\t00000000\n',
      '/etc/resolv.conf': '# local\nnameserver 10.0.0.53\nnameserver 2001:db8::53\nsearch corp.example\n',
    };
    const commands: string[] = [];
    const system: SystemAccess = {
      run: async (file) => {
        commands.push(file);
        return { exitCode: 1, stdout: '', stderr: 'not here', timedOut: false } as never;
      },
      powershell: async () => ({ exitCode: 1, stdout: '', stderr: '' }) as never,
      readFile: async (path) => {
        const text = files[path];
        if (text === undefined) throw new Error(`ENOENT ${path}`);
        return text;
      },
      readBinaryFile: async () => Buffer.alloc(0),
      fileExists: async (path) => path in files,
      listDirectory: async () => [],
    };
    const d = await runDiagnostics({ probes: [networkProbe], agentVersion: '0.1.0', context: { platform: 'linux', system, now: () => new Date(), settings: { ...DEFAULT_SETTINGS, serverUrl: '' }, state: EMPTY_STATE } });
    const item = d.items[0]!;
    expect(commands).not.toContain('ping');
    expect(item.data).toMatchObject({ gateway: { gateway: '203.0.113.1', reach: { probed: false } }, dnsServers: ['10.0.0.53', '2001:db8::53'] });
    expect(item.summary).toContain('gateway 203.0.113.1 not probed');
    expect(item.summary).not.toContain('not reachable');
    expect(item.summary).toContain('DNS servers 10.0.0.53, 2001:db8::53');
  });
});
