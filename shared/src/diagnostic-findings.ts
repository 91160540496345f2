import type { DiagnosticItem, DiagnosticItemId, Diagnostics } from './diagnostics.js';

/**
 * What stands out in a ticket's diagnostics, as codes with parameters: the console, the tray's review
 * step and the CLI word them in the reader's language (`diagnostic-wording.ts`). Pure functions of the
 * items' data, so every edge finds the same things, for new tickets and old ones alike.
 */

export type FindingSeverity = 'problem' | 'warning';

/** The user's complaint a finding most likely explains: "At a glance" groups findings under these. */
export const FINDING_CAUSES = ['slow', 'offline', 'full', 'unprotected', 'other'] as const;
export type FindingCause = (typeof FINDING_CAUSES)[number];

/** Something a technician should look at first. `code` selects the translated sentence; params fill it. */
export interface Finding {
  readonly item: DiagnosticItemId;
  readonly severity: FindingSeverity;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The agent's own English sentence, when it wrote one (protection summary). */
  readonly text?: string;
}

/**
 * Thresholds for "my PC is slow". Memory pressure is the agent's own reading (available memory and
 * swap, see the memory probe): `high`/`critical` means applications are being paged out now.
 * One process at 80 % of a core or more is the usual "fan loud, everything lags" culprit. Two weeks
 * without a restart is when leaks and half-applied updates start to show (and what most helpdesks ask
 * first). Twenty errors a day in the system logs is well above a healthy machine's handful.
 */
export const CPU_HOG_PERCENT = 80;
export const UPTIME_WARNING_DAYS = 14;
export const RECENT_ERRORS_WARNING_COUNT = 20;

/** A volume at or below this much free space is "nearly full"; below the second figure it is urgent. */
export const DISK_WARNING_FREE_PERCENT = 15;
export const DISK_PROBLEM_FREE_PERCENT = 10;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object in a JSON tree (depth-capped), with the key it hangs under, so readers tolerate nesting. */
function* walk(value: Json, key = '', depth = 0): Generator<{ key: string; obj: Record<string, Json> }> {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const v of value) yield* walk(v, key, depth + 1);
  } else if (isObject(value)) {
    yield { key, obj: value };
    for (const [k, v] of Object.entries(value)) yield* walk(v, k, depth + 1);
  }
}

const num = (v: Json): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: Json): string | null => (typeof v === 'string' && v !== '' ? v : null);

function diskFindings(item: DiagnosticItem): Finding[] {
  const out: Finding[] = [];
  for (const { obj } of walk(item.data)) {
    let free = num(obj.freePercent);
    if (free === null && num(obj.usedPercent) !== null) free = 100 - (num(obj.usedPercent) ?? 0);
    if (free === null && num(obj.freeBytes) !== null && num(obj.sizeBytes)) free = ((num(obj.freeBytes) ?? 0) / (num(obj.sizeBytes) ?? 1)) * 100;
    if (free === null) continue;
    if (obj.removable === true) continue;
    const mount = str(obj.mount) ?? str(obj.mountpoint) ?? str(obj.name) ?? str(obj.device) ?? '?';
    if (free <= DISK_PROBLEM_FREE_PERCENT) out.push({ item: item.id, severity: 'problem', code: 'disk-nearly-full', params: { mount, free: Math.round(free) } });
    else if (free <= DISK_WARNING_FREE_PERCENT) out.push({ item: item.id, severity: 'warning', code: 'disk-low', params: { mount, free: Math.round(free) } });
  }
  return out;
}

/** A check object says it failed: `{ ok: false }`, `{ reachable: false }`, `{ resolved: false }`, … */
function failed(v: Json): boolean {
  if (v === false) return true;
  if (!isObject(v)) return false;
  return ['ok', 'reachable', 'resolved', 'success', 'resolves'].some((k) => v[k] === false) || v.status === 'failed' || v.status === 'error';
}

function networkFindings(item: DiagnosticItem): Finding[] {
  const data = item.data;
  let gatewayFailed = false;
  let noGateway = false;
  let dnsFailed = false;
  let serverFailed = false;
  let tlsFailed = false;
  // The agent's own shape: { gateway: { gateway, iface, reach: { ok } } | null, server: { dns, tcp, tls } | null }.
  if (isObject(data) && 'gateway' in data && 'server' in data) {
    const gw = data.gateway;
    if (gw === null && Array.isArray(data.interfaces) && data.interfaces.length > 0) noGateway = true;
    if (isObject(gw) && isObject(gw.reach) && gw.reach.ok === false && !String(gw.reach.error ?? '').startsWith('not probed')) gatewayFailed = true;
    const server = data.server;
    if (isObject(server)) {
      if (isObject(server.dns) && server.dns.ok === false) dnsFailed = true;
      else if (isObject(server.tcp) && server.tcp.ok === false) serverFailed = true;
      else if (isObject(server.tls) && server.tls.ok === false) tlsFailed = true;
    }
  }
  // Any other shape: look for gateway/DNS checks that say they failed, wherever they sit.
  for (const { key, obj } of walk(data)) {
    for (const [k, v] of Object.entries(obj)) {
      const lk = k.toLowerCase();
      if (lk.includes('gateway') && (lk.endsWith('reachable') || lk.endsWith('ok')) && v === false) gatewayFailed = true;
      if (lk.includes('dns') && (lk.endsWith('ok') || lk.endsWith('resolves')) && v === false) dnsFailed = true;
    }
    const lkey = key.toLowerCase();
    if (lkey.includes('gateway') && failed(obj)) gatewayFailed = true;
    if (lkey === 'dns' && failed(obj)) dnsFailed = true;
  }
  const out: Finding[] = [];
  if (noGateway) out.push({ item: item.id, severity: 'problem', code: 'no-gateway', params: {} });
  if (gatewayFailed) out.push({ item: item.id, severity: 'problem', code: 'gateway-failing', params: {} });
  if (dnsFailed) out.push({ item: item.id, severity: 'problem', code: 'dns-failing', params: {} });
  if (serverFailed) out.push({ item: item.id, severity: 'warning', code: 'server-unreachable', params: {} });
  if (tlsFailed) out.push({ item: item.id, severity: 'warning', code: 'tls-failing', params: {} });
  // "Cannot reach anything from home": a VPN client is there, none is connected, and the server (or the
  // network path to it) fails. That is the first thing to tell, before DNS or the server itself.
  const vpn = isObject(data) && Array.isArray(data.vpn) ? data.vpn.filter(isObject) : [];
  const unreachable = dnsFailed || serverFailed || noGateway || gatewayFailed;
  if (unreachable && vpn.length > 0 && !vpn.some((v) => v.connected === true) && vpn.some((v) => v.connected === false)) {
    const names = vpn.filter((v) => v.connected === false).map((v) => str(v.profile) ?? str(v.name) ?? '?');
    out.unshift({ item: item.id, severity: 'problem', code: 'vpn-disconnected', params: { names: [...new Set(names)].join(', ') } });
  }
  return out;
}

function rebootFindings(item: DiagnosticItem): Finding[] {
  const data = item.data;
  let pending = data === true;
  const reasons: string[] = [];
  for (const { obj } of walk(data)) {
    if (obj.pendingReboot === true || obj.pending === true || obj.rebootRequired === true) pending = true;
    const list = obj.reasons ?? obj.pendingRebootReasons;
    if (Array.isArray(list)) for (const r of list) if (typeof r === 'string') reasons.push(r);
  }
  return pending ? [{ item: item.id, severity: 'warning', code: 'pending-reboot', params: { reasons: reasons.join(', ') } }] : [];
}

/** Words in the agent's per-category digest headline that mean something is wrong. */
const DIGEST_RULES: readonly { section: string; pattern: RegExp; severity: FindingSeverity; code: string }[] = [
  { section: 'antivirus', pattern: /no antivirus/i, severity: 'problem', code: 'av-none' },
  { section: 'antivirus', pattern: /\b(disabled|expired|snoozed)\b/i, severity: 'problem', code: 'av-off' },
  { section: 'antivirus', pattern: /signatures out of date/i, severity: 'warning', code: 'av-signatures-old' },
  { section: 'firewall', pattern: /^off$/i, severity: 'problem', code: 'firewall-off' },
  { section: 'encryption', pattern: /not protected/i, severity: 'warning', code: 'encryption-off' },
  { section: 'updates', pattern: /restart pending/i, severity: 'warning', code: 'reboot-pending' },
  { section: 'backup', pattern: /backup (stale)/i, severity: 'warning', code: 'backup-stale' },
  { section: 'backup', pattern: /backup (failing)/i, severity: 'problem', code: 'backup-failing' },
  { section: 'backup', pattern: /backup (not-configured)/i, severity: 'problem', code: 'backup-not-configured' },
];

/**
 * The protection item comes in two shapes: the shared summary's lines (`{ section, severity, code, params,
 * text }`, surfaced as they are) or the agent's digest (`{ antivirus: { status, headline } , … }`), read
 * with the rules above.
 */
function protectionFindings(item: DiagnosticItem): Finding[] {
  const out: Finding[] = [];
  for (const { obj } of walk(item.data)) {
    const severity = obj.severity;
    if (severity !== 'problem' && severity !== 'warning') continue;
    const code = str(obj.code) ?? 'protection-issue';
    const params: Record<string, string | number> = {};
    if (isObject(obj.params)) {
      for (const [k, v] of Object.entries(obj.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
    if (typeof obj.section === 'string') params.section = obj.section;
    const text = str(obj.text) ?? str(obj.message) ?? str(obj.line);
    out.push({ item: item.id, severity, code, params, ...(text !== null ? { text } : {}) });
  }
  if (out.length > 0 || !isObject(item.data)) return out;
  for (const [section, entry] of Object.entries(item.data)) {
    if (!isObject(entry)) continue;
    const headline = str(entry.headline);
    if (headline === null) continue;
    const rule = DIGEST_RULES.find((r) => r.section === section && r.pattern.test(headline));
    if (rule) out.push({ item: item.id, severity: rule.severity, code: `digest-${rule.code}`, params: { section, headline }, text: `${section}: ${headline}` });
  }
  return out;
}

function memoryFindings(item: DiagnosticItem): Finding[] {
  const data = item.data;
  if (!isObject(data)) return [];
  const pressure = str(data.pressure)?.toLowerCase() ?? null;
  const total = num(data.totalBytes);
  const available = num(data.availableBytes);
  const params = { availablePercent: total && available !== null ? Math.round((available / total) * 100) : '?' };
  if (pressure === 'high' || pressure === 'critical') return [{ item: item.id, severity: 'problem', code: 'memory-pressure-high', params }];
  if (pressure === 'elevated' || pressure === 'warn' || pressure === 'warning') return [{ item: item.id, severity: 'warning', code: 'memory-pressure-elevated', params }];
  return [];
}

function processFindings(item: DiagnosticItem): Finding[] {
  const data = item.data;
  const rows = isObject(data) && Array.isArray(data.byCpu) ? data.byCpu : [];
  const out: Finding[] = [];
  for (const row of rows) {
    if (!isObject(row)) continue;
    const cpu = num(row.cpuPercent);
    if (cpu === null || cpu < CPU_HOG_PERCENT) continue;
    out.push({ item: item.id, severity: 'warning', code: 'process-cpu-high', params: { name: str(row.name) ?? '?', cpu: Math.round(cpu) } });
    if (out.length === 3) break;
  }
  return out;
}

function uptimeFindings(item: DiagnosticItem): Finding[] {
  const seconds = isObject(item.data) ? num(item.data.uptimeSeconds) : null;
  if (seconds === null) return [];
  const days = Math.floor(seconds / 86_400);
  return days >= UPTIME_WARNING_DAYS ? [{ item: item.id, severity: 'warning', code: 'uptime-long', params: { days } }] : [];
}

function recentErrorFindings(item: DiagnosticItem): Finding[] {
  const data = item.data;
  if (!isObject(data)) return [];
  const total = num(data.total);
  if (total === null || total < RECENT_ERRORS_WARNING_COUNT) return [];
  const top = Array.isArray(data.topSources) && isObject(data.topSources[0]) ? str(data.topSources[0].source) : null;
  return [{ item: item.id, severity: 'warning', code: 'recent-errors-many', params: { count: total, hours: num(data.windowHours) ?? 24, source: top ?? '?' } }];
}

function itemFindings(item: DiagnosticItem): Finding[] {
  const base: Finding[] =
    item.status === 'ok' ? [] : [{ item: item.id, severity: 'warning', code: 'item-not-collected', params: { status: item.status, error: item.error ?? '' } }];
  if (item.data == null) return base;
  switch (item.id) {
    case 'disks':
      return [...base, ...diskFindings(item)];
    case 'network':
      return [...base, ...networkFindings(item)];
    case 'pending-reboot':
      return [...base, ...rebootFindings(item)];
    case 'protection-summary':
      return [...base, ...protectionFindings(item)];
    case 'memory':
      return [...base, ...memoryFindings(item)];
    case 'processes':
      return [...base, ...processFindings(item)];
    case 'uptime':
      return [...base, ...uptimeFindings(item)];
    case 'recent-errors':
      return [...base, ...recentErrorFindings(item)];
    case 'inventory-summary':
    case 'user-scope':
      return base;
  }
}

/** "VPN disconnected" first (it explains the rest), then problems, then warnings, in collection order. */
export function diagnosticFindings(diagnostics: Diagnostics): readonly Finding[] {
  const all = diagnostics.items.flatMap(itemFindings);
  const vpn = all.filter((f) => f.code === 'vpn-disconnected');
  const rest = all.filter((f) => f.code !== 'vpn-disconnected');
  return [...vpn, ...rest.filter((f) => f.severity === 'problem'), ...rest.filter((f) => f.severity === 'warning')];
}

const CAUSE_BY_CODE: Readonly<Record<string, FindingCause>> = {
  'memory-pressure-high': 'slow',
  'memory-pressure-elevated': 'slow',
  'process-cpu-high': 'slow',
  'uptime-long': 'slow',
  'recent-errors-many': 'slow',
  'pending-reboot': 'slow',
  'no-gateway': 'offline',
  'gateway-failing': 'offline',
  'dns-failing': 'offline',
  'server-unreachable': 'offline',
  'tls-failing': 'offline',
  'vpn-disconnected': 'offline',
  'disk-nearly-full': 'full',
  'disk-low': 'full',
};

/** The complaint a finding most likely explains; protection findings all mean "unprotected". */
export function findingCause(finding: Finding): FindingCause {
  if (finding.item === 'protection-summary') return 'unprotected';
  return CAUSE_BY_CODE[finding.code] ?? 'other';
}

export interface CauseGroup {
  readonly cause: FindingCause;
  readonly severity: FindingSeverity;
  readonly findings: readonly Finding[];
}

/** "At a glance": the findings grouped under the complaint they explain, worst group first. */
export function likelyCauses(findings: readonly Finding[]): readonly CauseGroup[] {
  const groups = FINDING_CAUSES.map((cause) => {
    const own = findings.filter((f) => findingCause(f) === cause);
    return { cause, severity: own.some((f) => f.severity === 'problem') ? ('problem' as const) : ('warning' as const), findings: own };
  }).filter((g) => g.findings.length > 0);
  return [...groups.filter((g) => g.severity === 'problem'), ...groups.filter((g) => g.severity === 'warning')];
}
