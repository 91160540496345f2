import type { PROTECTION_CATEGORIES, Sections } from './inventory/document.js';
import type {
  AntivirusData,
  AntivirusProduct,
  BackupData,
  BackupMechanism,
  EncryptionData,
  FirewallData,
  UpdatesData,
} from './inventory/protection.js';

/**
 * The technician's one-line answer per protection section ("Antivirus: Microsoft Defender Antivirus
 * on, signatures 2 days old"), computed from the inventory alone so the console, the tray and the CLI
 * say the same thing. Each line carries a stable `code` and `params` so a UI can translate it; `text`
 * is the English rendering. Unknown is its own severity and is never worded as "off".
 */

export type ProtectionSection = (typeof PROTECTION_CATEGORIES)[number];
export const PROTECTION_SEVERITIES = ['ok', 'warning', 'problem', 'unknown'] as const;
export type ProtectionSeverity = (typeof PROTECTION_SEVERITIES)[number];

export const PROTECTION_FINDING_CODES = [
  'section-missing',
  'section-unavailable',
  'section-permission-denied',
  'av-ok',
  'av-none',
  'av-off',
  'av-passive-only',
  'av-realtime-off',
  'av-signatures-old',
  'av-gatekeeper-off',
  'av-unknown',
  'fw-on',
  'fw-off',
  'fw-unknown',
  'enc-system-protected',
  'enc-other-volumes-unprotected',
  'enc-system-unprotected',
  'enc-system-suspended',
  'enc-in-progress',
  'enc-unknown',
  'upd-ok',
  'upd-last-old',
  'upd-auto-off',
  'upd-security-pending',
  'upd-reboot-pending',
  'upd-unknown',
  'backup-ok',
  'backup-none',
  'backup-stale',
  'backup-failing',
  'backup-unknown',
  'backup-permission',
] as const;
export type ProtectionFindingCode = (typeof PROTECTION_FINDING_CODES)[number];

export interface ProtectionFinding {
  readonly section: ProtectionSection;
  readonly severity: ProtectionSeverity;
  readonly code: ProtectionFindingCode;
  readonly params: Readonly<Record<string, string | number>>;
  /** English, "<Section>: <what>". */
  readonly text: string;
}

export type ProtectionSections = Partial<Pick<Sections, ProtectionSection>>;

const ORDER: readonly ProtectionSection[] = ['antivirus', 'firewall', 'encryption', 'updates', 'backup'];
const LABEL: Readonly<Record<ProtectionSection, string>> = {
  antivirus: 'Antivirus',
  firewall: 'Firewall',
  encryption: 'Disk encryption',
  updates: 'Updates',
  backup: 'Backup',
};
const RANK: Readonly<Record<ProtectionSeverity, number>> = { ok: 0, unknown: 1, warning: 2, problem: 3 };

/** Updates older than this are worth a technician's look even when nothing else is wrong. */
export const UPDATES_OLD_AFTER_DAYS = 45;

const MS_PER_DAY = 86_400_000;

function daysSince(iso: string | null, now: Date): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.max(0, Math.floor((now.getTime() - ms) / MS_PER_DAY));
}

const ago = (days: number): string => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);
const old = (days: number): string => (days === 0 ? 'from today' : days === 1 ? '1 day old' : `${days} days old`);
const clip = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function finding(
  section: ProtectionSection,
  severity: ProtectionSeverity,
  code: ProtectionFindingCode,
  what: string,
  params: Record<string, string | number> = {},
): ProtectionFinding {
  return { section, severity, code, params, text: `${LABEL[section]}: ${what}` };
}

// ---------------------------------------------------------------- antivirus

const isBuiltInApple = (p: AntivirusProduct): boolean => p.vendor === 'Apple';

function antivirusLine(data: AntivirusData, now: Date): ProtectionFinding {
  const gatekeeper = data.products.find((p) => p.name === 'Gatekeeper' && p.vendor === 'Apple');
  const products = data.products.filter((p) => p !== gatekeeper);
  const gatekeeperNote = gatekeeper?.enabled === false ? '; Gatekeeper off' : '';
  if (products.length === 0) return finding('antivirus', 'problem', 'av-none', `none detected${gatekeeperNote}`);

  const active = products.filter((p) => p.enabled === true).sort((a, b) => Number(isBuiltInApple(a)) - Number(isBuiltInApple(b)));
  const primary = active[0];
  if (primary) {
    const name = primary.name;
    const age = daysSince(primary.signaturesUpdatedAt, now);
    const signatures = age == null ? '' : `, signatures ${old(age)}`;
    if (primary.realtimeProtection === false) {
      return finding('antivirus', 'problem', 'av-realtime-off', `${name} on but real-time protection is off${gatekeeperNote}`, { product: name });
    }
    if (primary.signaturesUpToDate === false) {
      const params: Record<string, string | number> = { product: name };
      if (age != null) params['days'] = age;
      return finding('antivirus', 'warning', 'av-signatures-old', `${name} on, signatures ${age == null ? 'out of date' : `${old(age)} (out of date)`}${gatekeeperNote}`, params);
    }
    if (gatekeeper?.enabled === false) return finding('antivirus', 'warning', 'av-gatekeeper-off', `${name} on${signatures}; Gatekeeper off`, { product: name });
    const params: Record<string, string | number> = { product: name };
    if (age != null) params['days'] = age;
    return finding('antivirus', 'ok', 'av-ok', `${name} on${signatures}`, params);
  }

  const names = products.map((p) => p.name).join(', ');
  if (products.some((p) => p.enabled === null)) {
    const unknown = products.filter((p) => p.enabled === null).map((p) => p.name).join(', ');
    return finding('antivirus', 'unknown', 'av-unknown', `${unknown} installed, state unknown${gatekeeperNote}`, { products: unknown });
  }
  const passive = products.filter((p) => p.mode === 'passive' || p.mode === 'edr-block');
  if (passive.length > 0) {
    const which = passive.map((p) => `${p.name} ${p.mode === 'edr-block' ? 'in EDR block mode' : 'passive'}`).join(', ');
    return finding('antivirus', 'problem', 'av-passive-only', `${which}, no active antivirus${gatekeeperNote}`, { products: names });
  }
  return finding('antivirus', 'problem', 'av-off', `${names} off${gatekeeperNote}`, { products: names });
}

// ---------------------------------------------------------------- firewall

function firewallLine(data: FirewallData): ProtectionFinding {
  const stealth = data.stealthMode === true ? ', stealth mode on' : '';
  if (data.enabled === true) {
    const products = data.products.filter((p) => p.enabled === true).map((p) => p.name);
    const profiles = data.profiles.filter((p) => p.enabled === true).map((p) => p.name);
    const detail = products.length > 0 ? products.join(', ') : profiles.join(', ');
    return finding('firewall', 'ok', 'fw-on', `on${detail ? ` (${detail})` : ''}${stealth}`, detail ? { detail } : {});
  }
  if (data.enabled === false) {
    const off = data.profiles.filter((p) => p.enabled === false).map((p) => p.name);
    const detail = off.length > 0 && off.length < data.profiles.length ? ` (${off.join(', ')} ${off.length === 1 ? 'profile' : 'profiles'})` : '';
    return finding('firewall', 'problem', 'fw-off', `off${detail}`, off.length ? { profiles: off.join(', ') } : {});
  }
  const unknown = data.profiles.filter((p) => p.enabled === null).map((p) => p.source);
  const why = data.profiles.length === 0 && data.products.length === 0 ? 'no firewall tool found' : unknown.length ? unknown.join(', ') : 'not every profile could be read';
  return finding('firewall', 'unknown', 'fw-unknown', `unknown (${clip(why)})`, { reason: clip(why) });
}

// ---------------------------------------------------------------- encryption

const methodName = (method: string): string =>
  ({ bitlocker: 'BitLocker', filevault: 'FileVault', luks: 'LUKS', 'dm-crypt': 'dm-crypt', ecryptfs: 'eCryptfs' })[method] ?? method;

function encryptionLine(data: EncryptionData): ProtectionFinding {
  const system = data.volumes.find((v) => v.system);
  const inProgress = data.volumes.find((v) => /progress/i.test(v.status ?? '') || /Encrypting|Decrypting/i.test(v.status ?? ''));
  if (data.systemVolumeProtected === true && system) {
    const others = data.volumes.filter((v) => !v.system && v.encrypted === false).map((v) => v.mount);
    const how = methodName(system.method);
    if (others.length > 0) {
      return finding('encryption', 'warning', 'enc-other-volumes-unprotected', `system volume protected (${how}); not encrypted: ${clip(others.join(', '), 120)}`, { method: how, volumes: others.join(', ') });
    }
    return finding('encryption', 'ok', 'enc-system-protected', `system volume protected (${how})`, { method: how });
  }
  if (inProgress) {
    const pct = inProgress.percentEncrypted;
    return finding('encryption', 'warning', 'enc-in-progress', `${inProgress.mount}: ${(inProgress.status ?? 'in progress').toLowerCase()}${pct == null ? '' : `, ${pct}%`}`, {
      volume: inProgress.mount,
      ...(pct == null ? {} : { percent: pct }),
    });
  }
  if (data.systemVolumeProtected === false && system) {
    if (system.encrypted === true) {
      return finding('encryption', 'problem', 'enc-system-suspended', `system volume encrypted (${methodName(system.method)}) but protection is ${(system.status ?? 'off').toLowerCase()}`, { method: methodName(system.method) });
    }
    return finding('encryption', 'problem', 'enc-system-unprotected', 'system volume not encrypted', { volume: system.mount });
  }
  const why = system == null ? 'system volume not found' : (system.status ?? 'state not readable');
  return finding('encryption', 'unknown', 'enc-unknown', `unknown (${clip(why)})`, { reason: clip(why) });
}

// ---------------------------------------------------------------- updates

function updatesLine(data: UpdatesData, now: Date): ProtectionFinding {
  const parts: string[] = [];
  let severity: ProtectionSeverity = 'ok';
  let code: ProtectionFindingCode = 'upd-ok';
  const params: Record<string, string | number> = {};
  const raise = (to: ProtectionSeverity, c: ProtectionFindingCode) => {
    if (RANK[to] > RANK[severity]) {
      severity = to;
      code = c;
    }
  };

  const age = daysSince(data.lastInstalled?.at ?? null, now);
  if (age != null) {
    parts.push(`last installed ${ago(age)}`);
    params['days'] = age;
    if (age > UPDATES_OLD_AFTER_DAYS) raise('warning', 'upd-last-old');
  }
  if (data.automaticUpdates === true) parts.push('automatic');
  if (data.automaticUpdates === false) {
    parts.push('automatic updates off');
    raise('warning', 'upd-auto-off');
  }
  if (data.pendingUpdates != null) {
    const security = data.pendingSecurityUpdates;
    params['pending'] = data.pendingUpdates;
    if (security != null) params['security'] = security;
    parts.push(`${data.pendingUpdates} pending${security ? ` (${security} security)` : ''}`);
    if (security != null && security > 0) raise('warning', 'upd-security-pending');
  }
  if (data.pendingReboot === true) {
    const why = data.pendingRebootReasons[0];
    parts.push(`restart pending${why ? ` (${clip(why, 80)})` : ''}`);
    raise('warning', 'upd-reboot-pending');
  }
  if (parts.length === 0 || (age == null && data.automaticUpdates == null && data.pendingUpdates == null && data.pendingReboot !== true)) {
    return finding('updates', 'unknown', 'upd-unknown', parts.length ? `unknown (${parts.join(', ')})` : 'unknown', params);
  }
  return finding('updates', severity, code, parts.join(', '), params);
}

// ---------------------------------------------------------------- backup

function backupLine(data: BackupData, now: Date): ProtectionFinding {
  if (data.overall === 'not-configured') return finding('backup', 'problem', 'backup-none', 'none configured');
  const deciding: BackupMechanism | undefined =
    data.mechanisms.find((m) => m.state === data.overall && m.configured !== false) ?? data.mechanisms.find((m) => m.state === data.overall);
  const product = deciding?.product ?? 'backup';
  const age = daysSince(deciding?.lastSuccessAt ?? null, now);
  const lastSuccess = age == null ? '' : `last success ${ago(age)}`;
  const params: Record<string, string | number> = { product };
  if (age != null) params['days'] = age;
  switch (data.overall) {
    case 'ok':
      return finding('backup', 'ok', 'backup-ok', `${product} ok${lastSuccess ? ` — ${lastSuccess}` : ''}`, params);
    case 'stale':
      return finding('backup', 'warning', 'backup-stale', `${product} stale — ${lastSuccess || 'no recent success'}`, params);
    case 'failing':
      return finding('backup', 'problem', 'backup-failing', `${product} failing — ${clip(deciding?.reason ?? 'the latest run failed')}`, params);
    case 'unknown':
      if (deciding?.missingPermission) {
        return finding('backup', 'unknown', 'backup-permission', `${product} unknown — needs ${deciding.missingPermission}`, { ...params, permission: deciding.missingPermission });
      }
      return finding('backup', 'unknown', 'backup-unknown', `${product} unknown — ${clip(deciding?.reason ?? 'state not readable')}`, params);
  }
}

// ---------------------------------------------------------------- sections

function fromSection(section: ProtectionSection, sections: ProtectionSections, now: Date): ProtectionFinding {
  const envelope = sections[section];
  if (envelope === undefined) return finding(section, 'unknown', 'section-missing', 'not collected');
  const { status } = envelope;
  if (status === 'permission-denied') {
    const permission = envelope.missingPermission ?? 'a permission';
    if (section === 'backup' && envelope.data) {
      const line = backupLine(envelope.data as BackupData, now);
      if (line.severity !== 'ok') return line;
    }
    return finding(section, 'unknown', 'section-permission-denied', `unknown — needs ${permission}`, { permission });
  }
  if (status !== 'ok' || envelope.data == null) {
    const reason = clip(envelope.error ?? status);
    return finding(section, 'unknown', 'section-unavailable', `unknown (${reason})`, { status, reason });
  }
  switch (section) {
    case 'antivirus':
      return antivirusLine(envelope.data as AntivirusData, now);
    case 'firewall':
      return firewallLine(envelope.data as FirewallData);
    case 'encryption':
      return encryptionLine(envelope.data as EncryptionData);
    case 'updates':
      return updatesLine(envelope.data as UpdatesData, now);
    case 'backup':
      return backupLine(envelope.data as BackupData, now);
  }
}

/** One finding per protection section, in reading order. Pure: `now` is passed in. */
export function summarizeProtection(sections: ProtectionSections, now: Date): ProtectionFinding[] {
  return ORDER.map((section) => fromSection(section, sections, now));
}

/** The worst severity of a set of findings (for a tray icon or a device list badge). */
export function worstSeverity(findings: readonly ProtectionFinding[]): ProtectionSeverity {
  return findings.reduce<ProtectionSeverity>((worst, f) => (RANK[f.severity] > RANK[worst] ? f.severity : worst), 'ok');
}
