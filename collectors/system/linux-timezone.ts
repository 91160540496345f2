/**
 * The IANA zone a Linux machine runs in, the way glibc and timedatectl decide it: TZ when it names a
 * zone, else where /etc/localtime points (…/zoneinfo/Europe/Paris). ICU answers the same question
 * from the same places but costs milliseconds to load its zone data; this is a string operation.
 * Null when neither tells (TZ holds a POSIX rule such as "CET-1CEST", /etc/localtime is a copy).
 */
export function timezoneFromTzVariable(tz: string | undefined): string | null {
  if (tz === undefined) return null;
  const value = tz.startsWith(':') ? tz.slice(1) : tz;
  if (value.startsWith('/')) return timezoneFromZoneinfoPath(value);
  // A zone name (Area/City, UTC, Etc/GMT+1); a POSIX rule has an offset after its name.
  return /^(?:[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+|UTC|GMT|Etc\/[A-Za-z0-9+-]+)$/u.test(value) ? value : null;
}

/** "../usr/share/zoneinfo/Europe/Paris", "/usr/share/zoneinfo/posix/Asia/Shanghai" → the zone name. */
export function timezoneFromZoneinfoPath(target: string): string | null {
  const match = /\/zoneinfo\/(?:posix\/|right\/)?(.+)$/u.exec(target);
  if (match === null) return null;
  const zone = match[1]!;
  return /^[A-Za-z0-9_+/-]+$/u.test(zone) && !zone.includes('..') ? zone : null;
}
