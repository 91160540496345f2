import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { rootCertificates, connect as tlsConnect, TLSSocket } from 'node:tls';

import type { Platform } from '@deskside/shared';

import { collectVpn } from '../../../collectors/network/vpn/collect-vpn.js';
import { scrubText } from '../../support/scrub.js';
import { machineProxyResolver } from '../../transport/proxy/machine-proxy.js';
import { describeRoute, type ProxyRoute } from '../../transport/proxy/proxy-route.js';
import { loadSystemCertificates } from '../../transport/trust/system-certificates.js';
import { trustedRoots } from '../../transport/trust/trusted-roots.js';
import { pacFetcher } from '../../transport/undici-transport.js';
import { isLocalAddress, parseNetRouteJson, parseProcNetRoute, parseRouteGetDefault } from '../parse/parse-gateway.js';
import type { DiagnosticContext, DiagnosticProbe } from '../probe.js';
import { dnsServers } from './dns-servers.js';
import { openTunnel } from './proxy-route.js';

const STEP_TIMEOUT_MS = 1500;

interface Reach {
  readonly ok: boolean;
  /** False when the check was deliberately not made (a public gateway is never pinged). */
  readonly probed?: boolean;
  readonly ms: number | null;
  readonly error: string | null;
  /** TLS only: whether the certificate chain is trusted (built-in roots plus the configured extra CA). */
  readonly certificateTrusted?: boolean;
  readonly certificateError?: string | null;
}

function timed(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/**
 * Open a TCP (or TLS) connection to the configured server and close it: reachability and latency.
 * With `via` (a proxy URL) the connection is a CONNECT tunnel through that proxy, as the agent's own
 * traffic travels; TLS then runs inside the tunnel.
 */
export async function reach(host: string, port: number, useTls: boolean, signal: AbortSignal, timeoutMs = STEP_TIMEOUT_MS, ca?: string | readonly string[], via: string | null = null): Promise<Reach> {
  const start = process.hrtime.bigint();
  let tunnel: Socket | undefined;
  if (via !== null) {
    try {
      tunnel = await openTunnel(via, host, port, signal, timeoutMs);
    } catch (e) {
      return { ok: false, ms: null, error: signal.aborted ? 'cancelled' : (e as Error).message };
    }
    if (!useTls) {
      tunnel.destroy();
      return { ok: true, ms: timed(start), error: null };
    }
  }
  return new Promise((resolve) => {
    // Not rejecting here: the point is to report why TLS fails, not to fail the check silently.
    const trusted = typeof ca === 'string' ? [...rootCertificates, ca] : ca;
    const tlsOptions = { servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ...(trusted ? { ca: [...trusted] } : {}) };
    const socket = useTls ? tlsConnect(tunnel ? { socket: tunnel, ...tlsOptions } : { host, port, ...tlsOptions }) : netConnect({ host, port });
    const done = (r: Reach) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      tunnel?.destroy();
      resolve(r);
    };
    const onAbort = () => done({ ok: false, ms: null, error: 'cancelled' });
    const timer = setTimeout(() => done({ ok: false, ms: null, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once(useTls ? 'secureConnect' : 'connect', () => {
      const ms = timed(start);
      if (!(socket instanceof TLSSocket)) return done({ ok: true, ms, error: null });
      const authError = socket.authorizationError ? String(socket.authorizationError) : null;
      done({ ok: true, ms, error: null, certificateTrusted: socket.authorized, certificateError: authError });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => done({ ok: false, ms: null, error: e.code ?? e.message }));
  });
}

async function defaultGateway(ctx: DiagnosticContext): Promise<{ iface: string; gateway: string } | null> {
  switch (ctx.platform) {
    case 'linux':
      return parseProcNetRoute(await ctx.system.readFile('/proc/net/route'));
    case 'darwin': {
      const res = await ctx.system.run('/sbin/route', ['-n', 'get', 'default'], { timeoutMs: STEP_TIMEOUT_MS });
      return res.exitCode === 0 ? parseRouteGetDefault(res.stdout) : null;
    }
    case 'win32': {
      const res = await ctx.system.powershell(
        "Get-NetRoute -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue | Select-Object NextHop, InterfaceAlias, RouteMetric | ConvertTo-Json -Compress",
        { timeoutMs: 3000 },
      );
      return res.exitCode === 0 ? parseNetRouteJson(res.stdout) : null;
    }
  }
}

export function pingArgs(platform: Platform, ip: string): string[] {
  switch (platform) {
    case 'win32':
      return ['-n', '1', '-w', '1000', ip];
    case 'darwin':
      return ['-c', '1', '-t', '1', ip];
    case 'linux':
      return ['-c', '1', '-W', '1', ip];
  }
}

async function pingGateway(ctx: DiagnosticContext, ip: string): Promise<Reach> {
  // Only a private or link-local gateway is pinged: diagnostics never send packets to public addresses.
  // Not probed is not "unreachable": `probed: false` tells every reader not to count it as a failure.
  if (!isLocalAddress(ip)) return { ok: false, probed: false, ms: null, error: 'not probed: public address' };
  const start = process.hrtime.bigint();
  try {
    const res = await ctx.system.run('ping', pingArgs(ctx.platform, ip), { timeoutMs: 2500 });
    return res.exitCode === 0 ? { ok: true, ms: timed(start), error: null } : { ok: false, ms: null, error: 'no reply' };
  } catch (e) {
    return { ok: false, ms: null, error: (e as Error).message };
  }
}

export function proxyInUse(settingsProxy: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = settingsProxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || '';
  return raw === '' ? null : scrubText(raw).text;
}

/**
 * Interfaces, default gateway, the configured DNS servers, DNS for the configured server's host, TCP
 * and TLS reach of that server with latency (through the proxy its traffic uses), and the proxy in use.
 * Only the configured server (or its proxy) and a private gateway are contacted. The summary line is
 * worded from the data at each edge (`diagnosticSummary`); run-diagnostics adds the English one.
 */
export const networkProbe: DiagnosticProbe = {
  id: 'network',
  // Reading the route (a PAC file) and the VPN clients (PowerShell on Windows) takes a little longer.
  timeoutMs: 6000,
  async run(ctx) {
    const interfaces = Object.entries(networkInterfaces())
      .map(([name, list]) => ({ name, addresses: (list ?? []).filter((a) => !a.internal).map((a) => a.cidr ?? a.address) }))
      .filter((i) => i.addresses.length > 0);
    const gatewayInfo = await defaultGateway(ctx).catch(() => null);
    const gatewayReach = gatewayInfo ? await pingGateway(ctx, gatewayInfo.gateway) : null;
    const proxy = proxyInUse(ctx.settings.proxyUrl);

    let server: Record<string, unknown> | null = null;
    const serverUrl = ctx.settings.serverUrl;
    // The VPN clients are read alongside: "VPN disconnected" explains an unreachable server best.
    const vpnPromise = collectVpn({ platform: ctx.platform, system: ctx.system, signal: ctx.signal, now: ctx.now, backupStaleDays: 7 }).catch(() => []);
    if (serverUrl) {
      const url = new URL(serverUrl);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      // The same trust and the same route as the agent's own traffic: OS store + extraCaFile, and the
      // proxy the setting, the environment, the machine, its PAC or WPAD choose for this URL.
      const extraCa = ctx.settings.extraCaFile ? await ctx.system.readFile(ctx.settings.extraCaFile).catch(() => undefined) : undefined;
      const systemCa = await loadSystemCertificates({ platform: ctx.platform, system: ctx.system }).catch(() => null);
      const roots = trustedRoots(systemCa, extraCa && ctx.settings.extraCaFile ? { path: ctx.settings.extraCaFile, pem: extraCa } : null);
      const pac = pacFetcher(roots.ca);
      const route: ProxyRoute = await machineProxyResolver({ platform: ctx.platform, system: ctx.system, settingsProxy: ctx.settings.proxyUrl })(pac.fetchText)
        .resolve(url)
        .catch(() => ({ hops: [{ kind: 'direct' as const }], source: 'none' as const, detail: 'the proxy configuration could not be read' }))
        .finally(() => void pac.close());
      const first = route.hops[0] ?? { kind: 'direct' as const };
      const via = first.kind === 'proxy' ? first.url : null;
      // Through a proxy the machine resolves only the proxy's name; the proxy resolves the server's.
      const resolveHost = via === null ? host : new URL(via).hostname.replace(/^\[|\]$/g, '');
      const dnsStart = process.hrtime.bigint();
      const dns = await lookup(resolveHost, { all: true })
        .then((addrs) => ({ ok: true, host: resolveHost, ms: timed(dnsStart), addresses: addrs.map((a) => a.address).slice(0, 8), error: null }))
        .catch((e: NodeJS.ErrnoException) => ({ ok: false, host: resolveHost, ms: null, addresses: [], error: e.code ?? e.message }));
      const tcp = dns.ok ? await reach(host, port, false, ctx.signal, STEP_TIMEOUT_MS, undefined, via) : null;
      const tls = dns.ok && tcp?.ok && url.protocol === 'https:' ? await reach(host, port, true, ctx.signal, STEP_TIMEOUT_MS, roots.ca, via) : null;
      server = {
        host,
        port,
        via: via === null ? null : scrubText(via).text,
        route: scrubText(describeRoute({ ...route, hops: [first] })).text,
        trust: { bundled: roots.summary.bundled, system: roots.summary.system, systemSource: roots.summary.systemSource, extraCaFile: roots.summary.extraCaFile },
        dns,
        tcp,
        tls,
      };
    }
    const vpn = (await vpnPromise).map((v) => ({ product: v.product, name: v.name, version: v.version, connected: v.connected, profile: v.profile }));
    const dnsServerList = await dnsServers(ctx).catch(() => []);
    return { summary: null, data: { interfaces, gateway: gatewayInfo ? { ...gatewayInfo, reach: gatewayReach } : null, dnsServers: dnsServerList, server, proxy, vpn } };
  },
};
