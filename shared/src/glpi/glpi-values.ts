/**
 * Small conversions from Deskside's values to the spellings GLPI's native inventory format expects
 * (glpi-project/inventory_format): sizes in MB, dates as `YYYY-MM-DD`, date-times as
 * `YYYY-MM-DD HH:MM:SS`, time-zone offsets as `+HHMM`. Each returns undefined when the value is
 * unknown, so that a field GLPI would otherwise store as a guess is left out instead.
 */

const MIB = 1024 * 1024;

/** A non-empty, trimmed string, or undefined. */
export function str(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** Whole mebibytes (memory, volumes: what glpi-agent reports as MB). */
export function mib(bytes: number | null | undefined): number | undefined {
  return bytes === null || bytes === undefined ? undefined : Math.round(bytes / MIB);
}

/** Whole megabytes of 10^6 bytes: glpi-agent's DISKSIZE for physical disks, as their makers count. */
export function megabytes(bytes: number | null | undefined): number | undefined {
  return bytes === null || bytes === undefined ? undefined : Math.floor(bytes / 1e6);
}

export function int(value: number | null | undefined): number | undefined {
  return value === null || value === undefined || !Number.isFinite(value) ? undefined : Math.round(value);
}

export function bool(value: boolean | null | undefined): boolean | undefined {
  return value === null ? undefined : value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The calendar day of a `YYYY-MM-DD…` value (a timestamp keeps its own day), or undefined. */
export function glpiDate(value: string | null | undefined): string | undefined {
  const m = DATE.exec(value ?? '');
  if (m === null) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? undefined : `${y}-${mo}-${d}`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC (the schema's date-time accepts no fractions of a second). */
export function glpiDateTime(iso: string | null | undefined): string | undefined {
  if (iso === null || iso === undefined) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The zone's name and its UTC offset at `at` (`+0200`), for an IANA zone name. Zones the runtime does
 * not know (Windows' own names, abbreviations) give undefined: an offset is never guessed.
 */
export function glpiTimezone(zone: string | null | undefined, at: Date): { name: string; offset: string } | undefined {
  const name = str(zone);
  if (name === undefined || Number.isNaN(at.getTime())) return undefined;
  let label: string | undefined;
  try {
    label = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  if (label === undefined) return undefined;
  if (label === 'GMT') return { name, offset: '+0000' };
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(label);
  return m === null ? undefined : { name, offset: `${m[1]}${m[2]}${m[3]}` };
}

/** Dotted IPv4 netmask of a prefix length. */
export function ipv4Netmask(prefix: number): string {
  const bits = prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const isIpv4 = (address: string): boolean => IPV4.test(address);

/** The network address of an IPv4 address under a prefix. */
export function ipv4Subnet(address: string, prefix: number): string {
  const octets = address.split('.').map(Number);
  const mask = ipv4Netmask(prefix).split('.').map(Number);
  return octets.map((o, i) => o & (mask[i] ?? 0)).join('.');
}

/** "DOMAIN\\alice" or "alice@domain" → its login and domain, as GLPI keeps them apart. */
export function splitLogin(account: string): { login: string; domain?: string } {
  const backslash = account.indexOf('\\');
  if (backslash > 0) return { domain: account.slice(0, backslash), login: account.slice(backslash + 1) };
  return { login: account };
}

/** Drops the keys whose value is undefined, so the document carries only what is known. */
export function known<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
