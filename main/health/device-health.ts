import type { DeviceHealth, HealthItem, HealthLevel, Sections } from '@deskside/shared';

/** What My device reads: the latest local inventory sections and when the last one reached the server. */
export interface HealthInput {
  readonly sections: Sections;
  readonly collectedAt: string | null;
  readonly lastInventorySentAt: string | null;
  readonly online: boolean;
  readonly now: Date;
}

const LOW_DISK_PERCENT = 10;
const LOW_DISK_BYTES = 5 * 1024 ** 3;
const INVENTORY_STALE_DAYS = 3;
const SIGNATURES_STALE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

const LEVEL_RANK: Record<HealthLevel, number> = { ok: 0, unknown: 1, attention: 2, problem: 3 };

/**
 * Health at a glance, one item per topic, each a message code the UI turns into plain words with what
 * to do. A section we could not read is "unknown", never "off": the user is told we could not check.
 */
export function deviceHealth(input: HealthInput): DeviceHealth {
  const items: HealthItem[] = [
    antivirus(input),
    firewall(input),
    backup(input),
    disk(input),
    updates(input),
    encryption(input),
    network(input),
    inventory(input),
  ];
  const overall = items.reduce<HealthLevel>((worst, i) => (LEVEL_RANK[i.level] > LEVEL_RANK[worst] ? i.level : worst), 'ok');
  return { overall, items };
}

function item(topic: HealthItem['topic'], level: HealthLevel, code: string, asOf: string | null, params: HealthItem['params'] = {}): HealthItem {
  return { topic, level, code, params, asOf };
}

function unreadable(
  topic: HealthItem['topic'],
  section: { readonly status: string; readonly missingPermission?: string | undefined } | undefined,
  asOf: string | null,
): HealthItem {
  if (section === undefined) return item(topic, 'unknown', 'not-checked', asOf);
  if (section.status === 'unsupported') return item(topic, 'unknown', 'unsupported', asOf);
  if (section.status === 'permission-denied') return item(topic, 'unknown', 'permission', asOf, { permission: section.missingPermission ?? '' });
  return item(topic, 'unknown', 'not-checked', asOf);
}

function antivirus({ sections, collectedAt, now }: HealthInput): HealthItem {
  const s = sections.antivirus;
  if (s?.status !== 'ok' || s.data == null) return unreadable('antivirus', s, collectedAt);
  const products = s.data.products;
  if (products.length === 0) return item('antivirus', 'problem', 'none', collectedAt);
  const active = products.find((p) => p.mode === 'active' || p.mode === 'edr-block' || (p.enabled === true && p.realtimeProtection !== false));
  if (active === undefined) {
    const expired = products.find((p) => p.mode === 'expired');
    if (expired) return item('antivirus', 'problem', 'expired', collectedAt, { product: expired.name });
    const known = products.some((p) => p.enabled === false || p.mode === 'disabled' || p.mode === 'snoozed');
    return known
      ? item('antivirus', 'problem', 'off', collectedAt, { product: products[0]?.name ?? '' })
      : item('antivirus', 'unknown', 'not-checked', collectedAt);
  }
  const updatedAt = active.signaturesUpdatedAt ? Date.parse(active.signaturesUpdatedAt) : NaN;
  const stale = active.signaturesUpToDate === false || (!Number.isNaN(updatedAt) && now.getTime() - updatedAt > SIGNATURES_STALE_DAYS * DAY_MS);
  if (stale) return item('antivirus', 'attention', 'outdated', collectedAt, { product: active.name });
  return item('antivirus', 'ok', 'ok', collectedAt, { product: active.name });
}

function firewall({ sections, collectedAt }: HealthInput): HealthItem {
  const s = sections.firewall;
  if (s?.status !== 'ok' || s.data == null) return unreadable('firewall', s, collectedAt);
  if (s.data.enabled === true) return item('firewall', 'ok', 'ok', collectedAt);
  if (s.data.enabled === false) return item('firewall', 'problem', 'off', collectedAt);
  return item('firewall', 'unknown', 'not-checked', collectedAt);
}

function backup({ sections, collectedAt }: HealthInput): HealthItem {
  const s = sections.backup;
  if (s?.status !== 'ok' || s.data == null) return unreadable('backup', s, collectedAt);
  const { overall, mechanisms, staleAfterDays } = s.data;
  const configured = mechanisms.filter((m) => m.configured === true);
  const last = configured
    .map((m) => m.lastSuccessAt)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  const product = configured[0]?.product ?? '';
  switch (overall) {
    case 'ok':
      return item('backup', 'ok', 'ok', collectedAt, { product, last: last ?? '' });
    case 'stale':
      return item('backup', 'attention', 'stale', collectedAt, { product, last: last ?? '', days: staleAfterDays });
    case 'failing':
      return item('backup', 'problem', 'failing', collectedAt, { product, last: last ?? '' });
    case 'not-configured':
      return item('backup', 'problem', 'none', collectedAt);
    case 'unknown': {
      const permission = mechanisms.find((m) => m.missingPermission)?.missingPermission;
      return permission
        ? item('backup', 'unknown', 'permission', collectedAt, { permission })
        : item('backup', 'unknown', 'not-checked', collectedAt);
    }
  }
}

function disk({ sections, collectedAt }: HealthInput): HealthItem {
  const s = sections.storage;
  if (s?.status !== 'ok' || s.data == null) return unreadable('disk', s, collectedAt);
  const system = s.data.volumes.find((v) => v.system) ?? s.data.volumes[0];
  if (system === undefined || system.freeBytes === null || system.sizeBytes === null || system.sizeBytes === 0) {
    return item('disk', 'unknown', 'not-checked', collectedAt);
  }
  const percent = system.freePercent ?? (system.freeBytes / system.sizeBytes) * 100;
  const params = { volume: system.mount, freeGb: round1(system.freeBytes / 1024 ** 3), percent: Math.round(percent) };
  const failing = s.data.disks.some((d) => d.smartStatus === 'failing');
  if (failing) return item('disk', 'problem', 'failing', collectedAt, params);
  if (percent < LOW_DISK_PERCENT / 2 || system.freeBytes < LOW_DISK_BYTES / 2) return item('disk', 'problem', 'full', collectedAt, params);
  if (percent < LOW_DISK_PERCENT || system.freeBytes < LOW_DISK_BYTES) return item('disk', 'attention', 'low', collectedAt, params);
  return item('disk', 'ok', 'ok', collectedAt, params);
}

function updates({ sections, collectedAt }: HealthInput): HealthItem {
  const s = sections.updates;
  if (s?.status !== 'ok' || s.data == null) return unreadable('updates', s, collectedAt);
  const d = s.data;
  if (d.pendingReboot === true) return item('updates', 'attention', 'reboot', collectedAt);
  if ((d.pendingSecurityUpdates ?? 0) > 0) return item('updates', 'attention', 'security-pending', collectedAt, { count: d.pendingSecurityUpdates ?? 0 });
  if ((d.pendingUpdates ?? 0) > 0) return item('updates', 'ok', 'pending', collectedAt, { count: d.pendingUpdates ?? 0 });
  if (d.automaticUpdates === false) return item('updates', 'attention', 'automatic-off', collectedAt);
  if (d.pendingReboot === null && d.pendingUpdates === null) return item('updates', 'unknown', 'not-checked', collectedAt);
  return item('updates', 'ok', 'ok', collectedAt);
}

function encryption({ sections, collectedAt }: HealthInput): HealthItem {
  const s = sections.encryption;
  if (s?.status !== 'ok' || s.data == null) return unreadable('encryption', s, collectedAt);
  if (s.data.systemVolumeProtected === true) return item('encryption', 'ok', 'ok', collectedAt);
  if (s.data.systemVolumeProtected === false) {
    const suspended = s.data.volumes.some((v) => v.system && v.encrypted === true && v.protectionOn === false);
    return item('encryption', 'problem', suspended ? 'suspended' : 'off', collectedAt);
  }
  return item('encryption', 'unknown', 'not-checked', collectedAt);
}

function network({ sections, collectedAt, online }: HealthInput): HealthItem {
  if (!online) return item('network', 'problem', 'server-unreachable', collectedAt);
  const s = sections.network;
  if (s?.status !== 'ok' || s.data == null) return item('network', 'ok', 'server-reachable', collectedAt);
  const addresses = s.data.interfaces
    .filter((i) => i.kind !== 'loopback' && i.kind !== 'virtual' && i.up !== false)
    .flatMap((i) => i.ipv4.map((a) => a.address));
  return item('network', 'ok', 'server-reachable', collectedAt, { addresses: addresses.slice(0, 3).join(', ') });
}

function inventory({ lastInventorySentAt, now }: HealthInput): HealthItem {
  if (lastInventorySentAt === null) return item('inventory', 'attention', 'never', null);
  const ageDays = (now.getTime() - Date.parse(lastInventorySentAt)) / DAY_MS;
  if (ageDays > INVENTORY_STALE_DAYS) return item('inventory', 'attention', 'stale', lastInventorySentAt, { last: lastInventorySentAt });
  return item('inventory', 'ok', 'ok', lastInventorySentAt, { last: lastInventorySentAt });
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
