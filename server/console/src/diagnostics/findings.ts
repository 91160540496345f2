import type { DiagnosticItem, DiagnosticItemId, Diagnostics } from '@deskside/shared';

export type FindingSeverity = 'problem' | 'warning';

/** Something a technician should look at first. `code` selects the translated sentence; params fill it. */
export interface Finding {
  readonly item: DiagnosticItemId;
  readonly severity: FindingSeverity;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The agent's own English sentence, when it wrote one (protection summary). */
  readonly text?: string;
}

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
    case 'processes':
    case 'uptime':
    case 'recent-errors':
    case 'inventory-summary':
    case 'user-scope':
      return base;
  }
}

/** Problems first, then warnings, in the order the items were collected. */
export function diagnosticFindings(diagnostics: Diagnostics): readonly Finding[] {
  const all = diagnostics.items.flatMap(itemFindings);
  return [...all.filter((f) => f.severity === 'problem'), ...all.filter((f) => f.severity === 'warning')];
}
