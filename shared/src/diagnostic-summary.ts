import type { DiagnosticItem } from './diagnostics.js';

/**
 * Each diagnostic item's one-line summary as codes with parameters, read from the item's data, so the
 * console, the tray's review step and the CLI word it in the reader's language. The agent's English
 * `summary` stays in the message for readers that predate these codes; it is the fallback, not the source.
 */

export const SUMMARY_CODES = [
  'net-interfaces-up',
  'net-no-interface',
  'net-gateway-reachable',
  'net-gateway-not-probed',
  'net-gateway-unreachable',
  'net-no-gateway',
  'net-dns-servers',
  'net-dns-failed',
  'net-server-unreachable',
  'net-server-reachable',
  'net-server-tls-failed',
  'net-server-certificate-untrusted',
  'net-no-server',
  'net-proxy',
  'net-server-via',
  'net-server-route',
  'net-vpn-connected',
  'net-vpn-disconnected',
  'disks-none',
  'disks-low',
  'disks-all-ok',
  'memory-available',
  'memory-pressure-normal',
  'memory-pressure-elevated',
  'memory-pressure-high',
  'processes-count',
  'processes-busiest',
  'processes-largest',
  'uptime-days',
  'uptime-hours',
  'uptime-minutes',
  'reboot-pending',
  'reboot-pending-for',
  'reboot-not-pending',
  'errors-none',
  'errors-count',
  'errors-top-sources',
  'protection-counts',
  'protection-all-ok',
] as const;
export type SummaryCode = (typeof SUMMARY_CODES)[number];

export interface SummaryPart {
  readonly code: SummaryCode;
  readonly params: Readonly<Record<string, string | number>>;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Json): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: Json): string | null => (typeof v === 'string' && v !== '' ? v : null);
const GiB = 1024 ** 3;
const gib = (bytes: number): number => Math.round((bytes / GiB) * 10) / 10;
const part = (code: SummaryCode, params: Record<string, string | number> = {}): SummaryPart => ({ code, params });

function networkParts(d: Record<string, Json>): SummaryPart[] {
  const parts: SummaryPart[] = [];
  const interfaces = Array.isArray(d.interfaces) ? d.interfaces.length : 0;
  parts.push(interfaces > 0 ? part('net-interfaces-up', { count: interfaces }) : part('net-no-interface'));
  const gw = d.gateway;
  if (isObject(gw)) {
    const address = str(gw.gateway) ?? '?';
    const reach = isObject(gw.reach) ? gw.reach : null;
    const error = str(reach?.error) ?? '';
    if (reach?.ok === true) parts.push(part('net-gateway-reachable', { gateway: address, ms: num(reach.ms) ?? '?' }));
    else if (reach === null || reach.probed === false || error.startsWith('not probed')) parts.push(part('net-gateway-not-probed', { gateway: address }));
    else parts.push(part('net-gateway-unreachable', { gateway: address, error: error || '?' }));
  } else parts.push(part('net-no-gateway'));
  const dnsServers = Array.isArray(d.dnsServers) ? d.dnsServers.filter((s): s is string => typeof s === 'string') : [];
  if (dnsServers.length > 0) parts.push(part('net-dns-servers', { servers: dnsServers.join(', ') }));
  const server = d.server;
  if (isObject(server)) {
    const host = str(server.host) ?? '?';
    const dns = isObject(server.dns) ? server.dns : null;
    const tcp = isObject(server.tcp) ? server.tcp : null;
    const tls = isObject(server.tls) ? server.tls : null;
    // Through a proxy the machine resolves the proxy's name, so a failure names the host it tried.
    if (dns?.ok === false) parts.push(part('net-dns-failed', { host: str(dns.host) ?? host, error: str(dns.error) ?? '?' }));
    else if (tcp?.ok !== true) parts.push(part('net-server-unreachable', { host, error: str(tcp?.error) ?? '?' }));
    else {
      const ms = num(tls?.ms) ?? num(tcp.ms) ?? '?';
      if (tls?.ok === false) parts.push(part('net-server-tls-failed', { host, ms, error: str(tls.error) ?? '?' }));
      else if (tls?.certificateTrusted === false) parts.push(part('net-server-certificate-untrusted', { host, ms, error: str(tls.certificateError) ?? '?' }));
      else parts.push(part('net-server-reachable', { host, ms }));
    }
    const via = str(server.via);
    const route = str(server.route);
    // The route says the proxy and why it was chosen (setting, PAC, WPAD…); older agents sent only `via`.
    if (route !== null) parts.push(part('net-server-route', { route }));
    else if (via !== null) parts.push(part('net-server-via', { proxy: via }));
  } else parts.push(part('net-no-server'));
  const proxy = str(d.proxy);
  if (proxy !== null && !(isObject(server) && str(server.via) !== null)) parts.push(part('net-proxy', { proxy }));
  const vpn = Array.isArray(d.vpn) ? d.vpn.filter(isObject) : [];
  const connected = vpn.filter((v) => v.connected === true).map((v) => str(v.profile) ?? str(v.name) ?? '?');
  const disconnected = vpn.filter((v) => v.connected === false).map((v) => str(v.profile) ?? str(v.name) ?? '?');
  if (connected.length > 0) parts.push(part('net-vpn-connected', { names: connected.join(', ') }));
  else if (disconnected.length > 0) parts.push(part('net-vpn-disconnected', { names: disconnected.join(', ') }));
  return parts;
}

function disksParts(d: Record<string, Json>): SummaryPart[] {
  const volumes = (Array.isArray(d.volumes) ? d.volumes : []).filter(isObject);
  if (volumes.length === 0) return [part('disks-none')];
  const low = volumes.filter((v) => (num(v.freePercent) ?? 100) < 10 || (num(v.freeBytes) ?? Infinity) < 5 * GiB);
  if (low.length === 0) return [part('disks-all-ok', { count: volumes.length })];
  return low.map((v) => part('disks-low', { mount: str(v.mount) ?? '?', freeGiB: gib(num(v.freeBytes) ?? 0), freePercent: num(v.freePercent) ?? '?' }));
}

function memoryParts(d: Record<string, Json>): SummaryPart[] {
  const parts = [part('memory-available', { availableGiB: gib(num(d.availableBytes) ?? 0), totalGiB: gib(num(d.totalBytes) ?? 0), swapGiB: gib(num(d.swapUsedBytes) ?? 0) })];
  const pressure = str(d.pressure);
  if (pressure === 'normal') parts.push(part('memory-pressure-normal'));
  else if (pressure === 'elevated') parts.push(part('memory-pressure-elevated'));
  else if (pressure === 'high' || pressure === 'critical') parts.push(part('memory-pressure-high'));
  return parts;
}

function processesParts(d: Record<string, Json>): SummaryPart[] {
  const parts = [part('processes-count', { count: num(d.count) ?? 0 })];
  const busiest = Array.isArray(d.byCpu) && isObject(d.byCpu[0]) ? d.byCpu[0] : null;
  const largest = Array.isArray(d.byMemory) && isObject(d.byMemory[0]) ? d.byMemory[0] : null;
  if (busiest) parts.push(part('processes-busiest', { name: str(busiest.name) ?? '?', cpu: num(busiest.cpuPercent) ?? 0 }));
  if (largest) parts.push(part('processes-largest', { name: str(largest.name) ?? '?', mib: Math.round((num(largest.memoryBytes) ?? 0) / 1048576) }));
  return parts;
}

function uptimeParts(d: Record<string, Json>): SummaryPart[] {
  const seconds = num(d.uptimeSeconds);
  if (seconds === null) return [];
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return [part('uptime-days', { days, hours })];
  if (hours > 0) return [part('uptime-hours', { hours, minutes })];
  return [part('uptime-minutes', { minutes })];
}

function rebootParts(d: Record<string, Json>): SummaryPart[] {
  if (d.pending !== true) return [part('reboot-not-pending')];
  const packages = Array.isArray(d.packages) ? d.packages.filter((p): p is string => typeof p === 'string') : [];
  const reasons = Array.isArray(d.reasons) ? d.reasons.filter((p): p is string => typeof p === 'string') : [];
  if (packages.length > 0) return [part('reboot-pending-for', { what: packages.slice(0, 5).join(', ') })];
  return [reasons.length > 0 ? part('reboot-pending-for', { what: reasons.join(', ') }) : part('reboot-pending')];
}

function errorsParts(d: Record<string, Json>): SummaryPart[] {
  const total = num(d.total) ?? 0;
  const hours = num(d.windowHours) ?? 24;
  if (total === 0) return [part('errors-none', { hours })];
  const sources = (Array.isArray(d.topSources) ? d.topSources : [])
    .filter(isObject)
    .slice(0, 3)
    .map((s) => `${str(s.source) ?? '?'} (${num(s.count) ?? 0})`);
  return [part('errors-count', { count: total, hours }), ...(sources.length > 0 ? [part('errors-top-sources', { sources: sources.join(', ') })] : [])];
}

function protectionParts(d: Json): SummaryPart[] {
  const findings = (Array.isArray(d) ? d : []).filter(isObject);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const problems = count('problem');
  const warnings = count('warning');
  const unknown = count('unknown');
  return problems + warnings + unknown === 0 ? [part('protection-all-ok')] : [part('protection-counts', { problems, warnings, unknown })];
}

/** The item's summary as parts to word and join; empty when the data has no shape we know (use `summary`). */
export function diagnosticSummary(item: DiagnosticItem): readonly SummaryPart[] {
  if (item.status !== 'ok') return [];
  const d = item.data;
  if (item.id === 'protection-summary') return Array.isArray(d) ? protectionParts(d) : [];
  if (!isObject(d)) return [];
  switch (item.id) {
    case 'network':
      return networkParts(d);
    case 'disks':
      return disksParts(d);
    case 'memory':
      return memoryParts(d);
    case 'processes':
      return processesParts(d);
    case 'uptime':
      return uptimeParts(d);
    case 'pending-reboot':
      return rebootParts(d);
    case 'recent-errors':
      return errorsParts(d);
    case 'inventory-summary':
    case 'user-scope':
      return [];
  }
}
