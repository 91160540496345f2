import { REMOTE_TOOL_NAMES, type Category, type HistoryKind, type Sections, type SoftwarePackage } from '@deskside/shared';

export interface Change {
  readonly kind: HistoryKind;
  readonly category: Category;
  readonly subject: string;
  readonly before: string | null;
  readonly after: string | null;
}

const cap = (s: string | null): string | null => (s === null ? null : s.length > 2000 ? `${s.slice(0, 1997)}...` : s);

/** Identity of a package across inventories: the same product may be installed per-arch or per-source. */
export function packageKey(p: Pick<SoftwarePackage, 'name' | 'arch' | 'source'>): string {
  return `${p.name}\u001f${p.arch ?? ''}\u001f${p.source}`;
}

const indexes = new WeakMap<readonly SoftwarePackage[], ReadonlyMap<string, SoftwarePackage>>();

/**
 * A package list by package key. Diffing the history and the package table both need it for the same
 * two lists; it is built once per list (the last of duplicate keys wins, as in any Map).
 */
export function packageIndex(packages: readonly SoftwarePackage[]): ReadonlyMap<string, SoftwarePackage> {
  let index = indexes.get(packages);
  if (index === undefined) {
    index = new Map(packages.map((p) => [packageKey(p), p]));
    indexes.set(packages, index);
  }
  return index;
}

/** Only sections that carry data on both sides are compared: an unreadable section is not a change. */
function both<K extends Category>(before: Sections, after: Sections, k: K): [NonNullable<Sections[K]>, NonNullable<Sections[K]>] | null {
  const b = before[k];
  const a = after[k];
  if (b === undefined || a === undefined) return null;
  if ((b as { data: unknown }).data === null || (a as { data: unknown }).data === null) return null;
  return [b as NonNullable<Sections[K]>, a as NonNullable<Sections[K]>];
}

export function softwareChanges(before: Sections, after: Sections): Change[] {
  const pair = both(before, after, 'software');
  if (pair === null || pair[0].data === null || pair[1].data === null) return [];
  const old = packageIndex(pair[0].data.packages);
  const now = packageIndex(pair[1].data.packages);
  const changes: Change[] = [];
  for (const [key, p] of now) {
    const was = old.get(key);
    if (was === undefined) changes.push({ kind: 'software-installed', category: 'software', subject: p.name, before: null, after: p.version });
    else if ((was.version ?? null) !== (p.version ?? null)) {
      changes.push({ kind: 'software-updated', category: 'software', subject: p.name, before: was.version, after: p.version });
    }
  }
  for (const [key, p] of old) {
    if (!now.has(key)) changes.push({ kind: 'software-removed', category: 'software', subject: p.name, before: p.version, after: null });
  }
  return changes;
}

type Facts = ReadonlyMap<string, string>;

function hardwareFacts(s: Sections): { facts: Facts; category: Category }[] {
  const out: { facts: Facts; category: Category }[] = [];
  const hw = s.hardware?.data;
  if (hw) {
    const f = new Map<string, string>();
    f.set('cpu', [hw.cpu.model, hw.cpu.cores === null ? null : `${hw.cpu.cores} cores`].filter(Boolean).join(', '));
    f.set('memory', `${Math.round(hw.memory.totalBytes / 1024 ** 2)} MiB`);
    f.set('bios', [hw.bios.vendor, hw.bios.version].filter(Boolean).join(' '));
    f.set('baseboard', [hw.baseboard.manufacturer, hw.baseboard.model, hw.baseboard.serial].filter(Boolean).join(' '));
    f.set('gpus', hw.gpus.map((g) => g.model ?? 'unknown').sort().join('; '));
    f.set('displays', hw.displays.map((d) => [d.vendor, d.model, d.serial].filter(Boolean).join(' ') || 'unknown').sort().join('; '));
    f.set('batteries', hw.batteries.map((b) => b.model ?? 'battery').sort().join('; '));
    out.push({ facts: f, category: 'hardware' });
  }
  const st = s.storage?.data;
  if (st) {
    const f = new Map<string, string>();
    f.set('disks', st.disks.map((d) => [d.model, d.serial, d.sizeBytes === null ? null : `${Math.round(d.sizeBytes / 1e9)} GB`].filter(Boolean).join(' ')).sort().join('; '));
    out.push({ facts: f, category: 'storage' });
  }
  return out;
}

export function hardwareChanges(before: Sections, after: Sections): Change[] {
  const changes: Change[] = [];
  for (const category of ['hardware', 'storage'] as const) {
    if (both(before, after, category) === null) continue;
    const b = hardwareFacts(before).find((x) => x.category === category)?.facts;
    const a = hardwareFacts(after).find((x) => x.category === category)?.facts;
    if (!b || !a) continue;
    for (const [subject, value] of a) {
      const was = b.get(subject) ?? '';
      if (was !== value) changes.push({ kind: 'hardware-changed', category, subject, before: cap(was || null), after: cap(value || null) });
    }
  }
  return changes;
}

export function ipChanges(before: Sections, after: Sections): Change[] {
  const pair = both(before, after, 'network');
  if (pair === null || pair[0].data === null || pair[1].data === null) return [];
  const addresses = (ifaces: typeof pair[0]['data'] & object) =>
    new Map(
      ifaces.interfaces
        .filter((i) => i.kind !== 'loopback')
        .map((i) => [i.name, [...i.ipv4, ...i.ipv6].map((a) => a.address).sort().join(', ')] as const),
    );
  const b = addresses(pair[0].data);
  const a = addresses(pair[1].data);
  const changes: Change[] = [];
  for (const name of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(name) ?? '';
    const now = a.get(name) ?? '';
    if (was !== now) changes.push({ kind: 'ip-changed', category: 'network', subject: name, before: was || null, after: now || null });
  }
  return changes;
}

const tri = (v: boolean | null | undefined, yes: string, no: string): string => (v === true ? yes : v === false ? no : 'unknown');

/** One human-readable state per protected thing, so a change reads "on → off". */
function protectionFacts(s: Sections): Map<string, { category: Category; value: string }> {
  const m = new Map<string, { category: Category; value: string }>();
  for (const p of s.antivirus?.data?.products ?? []) {
    m.set(`antivirus: ${p.name}`, {
      category: 'antivirus',
      value: `${p.mode}, ${tri(p.realtimeProtection, 'real-time on', 'real-time off')}, ${tri(p.signaturesUpToDate, 'signatures current', 'signatures outdated')}`,
    });
  }
  const fw = s.firewall?.data;
  if (fw) m.set('firewall', { category: 'firewall', value: tri(fw.enabled, 'on', 'off') });
  const enc = s.encryption?.data;
  if (enc) m.set('system volume encryption', { category: 'encryption', value: tri(enc.systemVolumeProtected, 'protected', 'not protected') });
  const bk = s.backup?.data;
  if (bk) m.set('backup', { category: 'backup', value: bk.overall });
  const up = s.updates?.data;
  if (up) m.set('automatic updates', { category: 'updates', value: tri(up.automaticUpdates, 'on', 'off') });
  return m;
}

export function protectionChanges(before: Sections, after: Sections): Change[] {
  const b = protectionFacts(before);
  const a = protectionFacts(after);
  const changes: Change[] = [];
  for (const subject of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(subject);
    const now = a.get(subject);
    const category = (now ?? was)?.category;
    if (category === undefined) continue;
    // A category missing on one side (not collected, or unreadable) is not a protection change.
    if (both(before, after, category) === null) continue;
    if ((was?.value ?? null) !== (now?.value ?? null)) {
      changes.push({ kind: 'protection-changed', category, subject, before: was?.value ?? null, after: now?.value ?? null });
    }
  }
  return changes;
}

/** Each remote-access tool by name with its ID, and each remote desktop service with its state. */
function remoteAccessFacts(s: Sections): Map<string, string> {
  const m = new Map<string, string>();
  const data = s.remoteAccess?.data;
  for (const h of data?.handles ?? []) {
    const name = REMOTE_TOOL_NAMES[h.tool];
    // Two hosts of one tool (Chrome Remote Desktop per user) stay two subjects.
    const subject = m.has(name) ? `${name} (${h.label ?? h.source})` : name;
    m.set(subject, h.id ?? 'installed, no ID');
  }
  for (const v of data?.services ?? []) m.set(v.service, tri(v.enabled, 'on', 'off'));
  return m;
}

/**
 * A remote-access tool that appears, goes or changes its ID, and RDP / Screen Sharing / VNC switched
 * on or off: an AnyDesk nobody in IT installed is how many support scams begin.
 */
export function remoteAccessChanges(before: Sections, after: Sections): Change[] {
  if (both(before, after, 'remoteAccess') === null) return [];
  const b = remoteAccessFacts(before);
  const a = remoteAccessFacts(after);
  const changes: Change[] = [];
  for (const subject of new Set([...b.keys(), ...a.keys()])) {
    const was = b.get(subject) ?? null;
    const now = a.get(subject) ?? null;
    if (was !== now) changes.push({ kind: 'remote-access-changed', category: 'remoteAccess', subject, before: was, after: now });
  }
  return changes;
}

/** Every change between two merged inventories of one device. No previous inventory → no history. */
export function diffInventories(before: Sections | null, after: Sections): Change[] {
  if (before === null) return [];
  return [...softwareChanges(before, after), ...hardwareChanges(before, after), ...ipChanges(before, after), ...protectionChanges(before, after), ...remoteAccessChanges(before, after)];
}
