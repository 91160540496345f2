import type { CollectContext } from '../types.js';

/** Where the system manager looks for unit files, highest priority first (systemd.unit(5)). */
export const SYSTEM_UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'] as const;

/**
 * sd_booted(3): systemd is the init system exactly when /run/systemd/system/ exists. Without it (a
 * container, WSL 1, another init) systemctl cannot answer, so there is no point starting it.
 */
export function systemdBooted(ctx: CollectContext): Promise<boolean> {
  return ctx.system.fileExists('/run/systemd/system');
}

/**
 * The user's own manager (`systemctl --user`) is reached through $XDG_RUNTIME_DIR (its private socket
 * or the session bus). A service or a root shell without a login session has neither.
 */
export async function userManagerReachable(ctx: CollectContext, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.DBUS_SESSION_BUS_ADDRESS) return true;
  const dir = env.XDG_RUNTIME_DIR;
  if (!dir) return false;
  const [manager, bus] = await Promise.all([ctx.system.fileExists(`${dir}/systemd/private`), ctx.system.fileExists(`${dir}/bus`)]);
  return manager || bus;
}

/** `clamd@scan.service` is installed as its template, `clamd@.service`. */
const unitFileName = (unit: string): string => unit.replace(/@[^.]*\./u, '@.');

/**
 * The units among `units` that have a unit file with the system manager, read from the unit folders
 * rather than asked of systemctl: a machine without the product then costs no process at all. Empty
 * when systemd is not running.
 */
export async function installedSystemUnits(ctx: CollectContext, units: readonly string[]): Promise<string[]> {
  if (!(await systemdBooted(ctx))) return [];
  const listings = await Promise.all(SYSTEM_UNIT_DIRS.map((dir) => ctx.system.listDirectory(dir).catch(() => [] as string[])));
  const present = new Set(listings.flat());
  return units.filter((unit) => present.has(unit) || present.has(unitFileName(unit)));
}
