import { isoFromLocalText, isoFromZonedText } from '../protection/dates.js';

/**
 * `gsettings list-recursively org.gnome.DejaDup`: "org.gnome.DejaDup last-backup '2024-10-01T10:00:00Z'"
 * lines (GVariant text: strings quoted, booleans bare). Déjà Dup records last-run for every attempt and
 * last-backup only for successes, so a newer last-run means the latest attempt failed.
 */
export interface DejaDupSettings {
  readonly periodic: boolean | null;
  readonly lastBackup: string | null;
  readonly lastRun: string | null;
  readonly backend: string | null;
  readonly location: string | null;
}

export function parseDejaDupSettings(text: string): DejaDupSettings {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(org\.gnome\.DejaDup(?:\.\w+)?)\s+(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    values.set(`${m[1]} ${m[2]}`, (m[3] ?? '').replace(/^'(.*)'$/, '$1'));
  }
  if (values.size === 0) throw new Error('gsettings printed no org.gnome.DejaDup keys');
  const get = (key: string) => values.get(`org.gnome.DejaDup ${key}`) ?? null;
  const backend = get('backend');
  const location =
    backend === 'local' ? values.get('org.gnome.DejaDup.Local folder') ?? null
    : backend === 'remote' ? values.get('org.gnome.DejaDup.Remote uri') ?? null
    : backend === 'drive' ? values.get('org.gnome.DejaDup.Drive name') ?? null
    : null;
  const periodic = get('periodic');
  return {
    periodic: periodic === 'true' ? true : periodic === 'false' ? false : null,
    lastBackup: isoFromZonedText(get('last-backup')),
    lastRun: isoFromZonedText(get('last-run')),
    backend,
    location: location?.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1') || null,
  };
}

/**
 * The Flatpak build of Déjà Dup keeps its settings in a GLib keyfile
 * (~/.var/app/org.gnome.DejaDup/config/glib-2.0/settings/keyfile): "[org/gnome/deja-dup]" sections
 * with "key=value" lines in the same GVariant text. Read through the same rules as gsettings.
 */
export function parseDejaDupKeyfile(text: string): DejaDupSettings {
  const lines: string[] = [];
  let schema: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[org\/gnome\/deja-dup(?:\/(\w+))?\]$/.exec(line);
    if (section) {
      const child = section[1];
      schema = child ? `org.gnome.DejaDup.${child.charAt(0).toUpperCase()}${child.slice(1)}` : 'org.gnome.DejaDup';
      continue;
    }
    if (line.startsWith('[')) {
      schema = null;
      continue;
    }
    const kv = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (schema && kv) lines.push(`${schema} ${kv[1]} ${kv[2]}`);
  }
  return parseDejaDupSettings(lines.join('\n'));
}

export function dejaDupDestinationKind(backend: string | null): 'local' | 'network' | 'cloud' | 'unknown' {
  switch (backend) {
    case 'local':
    case 'drive':
      return 'local';
    case 'remote':
      return 'network';
    case 'google':
    case 'microsoft':
    case 's3':
    case 'gcs':
    case 'openstack':
    case 'rackspace':
      return 'cloud';
    default:
      return 'unknown';
  }
}

/**
 * /etc/timeshift/timeshift.json: string-valued "true"/"false" flags. Configured once a backup device is
 * chosen and the first-run wizard is done; scheduled when any schedule_* is on.
 */
export function parseTimeshiftConfig(text: string): { readonly configured: boolean; readonly scheduled: boolean; readonly btrfs: boolean; readonly device: string | null } {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`timeshift.json is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const flag = (key: string) => String(json[key] ?? '').toLowerCase() === 'true';
  const device = typeof json['backup_device_uuid'] === 'string' && json['backup_device_uuid'] !== '' ? json['backup_device_uuid'] : null;
  return {
    configured: device != null && !flag('do_first_run'),
    scheduled: ['schedule_monthly', 'schedule_weekly', 'schedule_daily', 'schedule_hourly', 'schedule_boot'].some(flag),
    btrfs: flag('btrfs_mode'),
    device,
  };
}

/** Timeshift snapshot folders are named by local start time: "2024-10-01_10-00-01". */
export function latestTimeshiftSnapshot(entries: readonly string[], utcOffsetMinutes: number): string | null {
  let latest: string | null = null;
  for (const entry of entries) {
    if (!/^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$/.test(entry)) continue;
    const iso = isoFromLocalText(entry, utcOffsetMinutes);
    if (iso != null && (latest == null || iso > latest)) latest = iso;
  }
  return latest;
}

const BACKUP_TOOLS = /restic|borgmatic|borg|kopia|duplicity|rsnapshot/i;

/**
 * Timer units driving a backup tool, from `systemctl list-timers --all -o json` (systemd ≥ 251) or its
 * text form ("… UNIT ACTIVATES" as the last two columns).
 */
export function parseBackupTimers(text: string): readonly { readonly timer: string; readonly service: string }[] {
  const found: { timer: string; service: string }[] = [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const list = JSON.parse(trimmed) as unknown;
    for (const item of Array.isArray(list) ? list : []) {
      const t = item as { unit?: unknown; activates?: unknown };
      if (typeof t.unit === 'string' && typeof t.activates === 'string') found.push({ timer: t.unit, service: t.activates });
    }
  } else {
    for (const line of trimmed.split(/\r?\n/)) {
      const m = /(\S+\.timer)\s+(\S+\.service)\s*$/.exec(line);
      if (m?.[1] && m[2]) found.push({ timer: m[1], service: m[2] });
    }
  }
  return found.filter((t) => BACKUP_TOOLS.test(t.timer) || BACKUP_TOOLS.test(t.service));
}

export function toolName(unit: string): string {
  const m = BACKUP_TOOLS.exec(unit)?.[0]?.toLowerCase();
  return m === 'borgmatic' ? 'borgmatic' : m === 'borg' ? 'BorgBackup' : m === 'restic' ? 'restic' : (m ?? unit);
}

