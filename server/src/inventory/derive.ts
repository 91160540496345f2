import { summarizeProtection, type AvState, type BackupState, type DeviceBackupState, type Sections, type UserScopeEntry } from '@deskside/shared';

/** The denormalized columns the device list filters on, derived from the merged inventory. */
export interface DeviceFacts {
  readonly osName: string | null;
  readonly osVersion: string | null;
  readonly loggedInUser: string | null;
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly serial: string | null;
  readonly av: AvState;
  readonly backup: DeviceBackupState;
  readonly minFreeDiskPercent: number | null;
  readonly addresses: readonly string[];
}

/**
 * The device list's antivirus column, read from the same finding the device's protection panel shows
 * (`summarizeProtection`), so the header badge, the "Antivirus: Off" filter and the Fleet health chart
 * can never disagree with the panel: an enabled product with real-time protection off, a passive-only
 * product or no product at all is off; old signatures are outdated; a section we could not read, or a
 * product whose state we could not read, is unknown — never off.
 */
export function antivirusState(sections: Sections): AvState {
  // Signature age only changes the wording, never the severity, so any instant will do.
  const [finding] = summarizeProtection({ antivirus: sections.antivirus }, new Date(0)).filter((f) => f.section === 'antivirus');
  switch (finding?.code) {
    case 'av-ok':
    case 'av-gatekeeper-off':
      return 'ok';
    case 'av-signatures-old':
      return 'outdated';
    case 'av-none':
    case 'av-off':
    case 'av-passive-only':
    case 'av-realtime-off':
      return 'off';
    default:
      return 'unknown';
  }
}

const RANK: Readonly<Record<BackupState, number>> = { 'not-configured': 0, ok: 1, unknown: 2, stale: 3, failing: 4 };

/** The backups each user's own session reported (OneDrive, File History, Déjà Dup) that are or may be set up. */
function userBackupStates(users: readonly UserScopeEntry[]): BackupState[] {
  return users.flatMap((u) =>
    [u.sections.oneDrive, u.sections.fileHistory, u.sections.dejaDup].flatMap((s) => (s?.data == null || s.data.configured === false ? [] : [s.data.state])),
  );
}

/**
 * The device's backup state: the machine section's overall, made worse by any signed-in user's own
 * backup (the service no longer sees OneDrive or File History itself, so a laptop protected only by
 * Known Folder Move would otherwise read "none"). A machine section we could not read stays unknown.
 */
export function backupState(sections: Sections, users: readonly UserScopeEntry[] = []): DeviceBackupState {
  const backup = sections.backup;
  if (backup === undefined || backup.data === null) return 'unknown';
  let overall: BackupState = backup.data.overall;
  for (const state of userBackupStates(users)) if (state !== 'not-configured' && (overall === 'not-configured' || RANK[state] > RANK[overall])) overall = state;
  switch (overall) {
    case 'ok':
    case 'stale':
    case 'failing':
    case 'unknown':
      return overall;
    case 'not-configured':
      return 'none';
    default: {
      const unreachable: never = overall;
      return unreachable;
    }
  }
}

/** Lowest free-space percentage over fixed volumes; removable sticks and empty volumes do not count. */
export function minFreeDiskPercent(sections: Sections): number | null {
  const volumes = sections.storage?.data?.volumes ?? [];
  let min: number | null = null;
  for (const v of volumes) {
    if (v.removable === true) continue;
    let pct = v.freePercent;
    if (pct === null && v.sizeBytes !== null && v.sizeBytes > 0 && v.freeBytes !== null) pct = (v.freeBytes / v.sizeBytes) * 100;
    if (pct === null || !Number.isFinite(pct)) continue;
    const rounded = Math.round(pct * 10) / 10;
    if (min === null || rounded < min) min = rounded;
  }
  return min;
}

export function deriveFacts(sections: Sections, users: readonly UserScopeEntry[] = []): DeviceFacts {
  const system = sections.system?.data ?? null;
  const sessionUser = sections.users?.data?.sessions.find((s) => s.kind === 'console')?.user ?? null;
  const addresses = (sections.network?.data?.interfaces ?? [])
    .filter((i) => i.kind !== 'loopback')
    .flatMap((i) => [...i.ipv4, ...i.ipv6].map((a) => a.address));
  return {
    osName: system?.os.name ?? null,
    osVersion: system?.os.version ?? null,
    loggedInUser: system?.loggedInUser ?? sessionUser,
    manufacturer: system?.manufacturer ?? null,
    model: system?.model ?? null,
    serial: system?.serial ?? null,
    av: antivirusState(sections),
    backup: backupState(sections, users),
    minFreeDiskPercent: minFreeDiskPercent(sections),
    addresses,
  };
}

/** What the console's search box matches, lower-cased once at write time. */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' ')
    .toLowerCase()
    .slice(0, 4000);
}

/** A protection at a glance for the findings: unknown (not reported, not readable) is never "off". */
export type OnOff = 'on' | 'off' | 'unknown';
const onOff = (v: boolean | null | undefined): OnOff => (v === true ? 'on' : v === false ? 'off' : 'unknown');

/** The facts the fleet findings filter on, kept in indexed device columns. */
export interface FindingFacts {
  readonly firewall: OnOff;
  /** The system volume's encryption with its protection active (BitLocker suspended counts as off). */
  readonly encryption: OnOff;
  readonly restartPending: boolean;
  readonly securityUpdatesPending: boolean;
  /** The weakest battery's full-charge capacity as a percentage of its design capacity; null without one. */
  readonly batteryHealthPercent: number | null;
}

export function findingFacts(sections: Sections): FindingFacts {
  const updates = sections.updates?.data ?? null;
  const healths = (sections.hardware?.data?.batteries ?? []).flatMap((b) => (b.healthPercent === null || !Number.isFinite(b.healthPercent) ? [] : [b.healthPercent]));
  return {
    firewall: onOff(sections.firewall?.data?.enabled),
    encryption: onOff(sections.encryption?.data?.systemVolumeProtected),
    restartPending: updates?.pendingReboot === true,
    securityUpdatesPending: (updates?.pendingSecurityUpdates ?? 0) > 0,
    batteryHealthPercent: healths.length === 0 ? null : Math.round(Math.min(...healths) * 10) / 10,
  };
}

/** One IPv4 address a device holds on a physical interface, in its network. */
export interface Ipv4Observation {
  readonly network: string;
  readonly ip: string;
  readonly mac: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Interfaces whose addresses repeat on every machine by design (Docker's 172.17.0.1, VPN pools) do not conflict. */
const PHYSICAL_KINDS = new Set(['wired', 'wireless', 'cellular', 'other']);

/** `10.1.2.3` with prefix 24 → `10.1.2.0/24`; null for what is not a usable unicast IPv4 address. */
export function ipv4Network(address: string, prefixLength: number | null): string | null {
  const m = IPV4.exec(address);
  if (m === null) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const [a, b] = octets as [number, number, number, number];
  // Loopback, "this network", link-local and multicast addresses are not assigned by anyone who could clash.
  if (a === 127 || a === 0 || a >= 224 || (a === 169 && b === 254)) return null;
  // An unknown prefix is taken as /24, the usual office subnet: the address itself still has to match.
  const prefix = prefixLength ?? 24;
  if (prefix < 8 || prefix > 32) return null;
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${prefix}`;
}

/** The IPv4 addresses of the device's physical interfaces that have a MAC address. */
export function ipv4Observations(sections: Sections): Ipv4Observation[] {
  const out: Ipv4Observation[] = [];
  for (const i of sections.network?.data?.interfaces ?? []) {
    if (i.mac === null || !PHYSICAL_KINDS.has(i.kind) || i.up === false) continue;
    for (const a of i.ipv4) {
      const network = ipv4Network(a.address, a.prefixLength);
      if (network !== null) out.push({ network, ip: a.address, mac: i.mac });
    }
  }
  return out;
}
