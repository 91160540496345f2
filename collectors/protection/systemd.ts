/**
 * `systemctl show -p LoadState,ActiveState,UnitFileState,Result <unit>…` prints one block of
 * `Key=value` lines per unit, in the order asked, separated by blank lines. An unknown unit still gets
 * a block (LoadState=not-found), so "not installed" and "stopped" stay apart.
 */
export interface UnitState {
  readonly unit: string;
  readonly loaded: boolean;
  /** true active, false inactive/failed, null when the unit does not exist or the state is unknown. */
  readonly active: boolean | null;
  readonly activeState: string | null;
  readonly unitFileState: string | null;
  readonly result: string | null;
  readonly properties: ReadonlyMap<string, string>;
}

export function parseSystemctlShow(text: string, units: readonly string[]): readonly UnitState[] {
  const blocks = text.replace(/\r\n/g, '\n').split(/\n\s*\n/).filter((b) => b.trim() !== '');
  return units.map((unit, index) => {
    const properties = new Map<string, string>();
    for (const line of (blocks[index] ?? '').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) properties.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
    }
    const load = properties.get('LoadState') ?? null;
    const loaded = load === 'loaded';
    const activeState = properties.get('ActiveState') ?? null;
    const active = !loaded
      ? null
      : activeState === 'active' || activeState === 'reloading' || activeState === 'activating'
        ? true
        : activeState === 'inactive' || activeState === 'failed' || activeState === 'deactivating'
          ? false
          : null;
    return {
      unit,
      loaded,
      active,
      activeState,
      unitFileState: properties.get('UnitFileState') ?? null,
      result: properties.get('Result') ?? null,
      properties,
    };
  });
}

export const SYSTEMCTL_SHOW_ARGS = ['show', '--no-pager', '-p', 'Id,LoadState,ActiveState,SubState,UnitFileState,Result,ExecMainExitTimestamp,ExecMainStatus'];

/** systemd writes timestamps as "Tue 2024-06-04 08:00:05 UTC" (zone abbreviation); we accept UTC/GMT only. */
export function isoFromSystemdTimestamp(value: string | null | undefined): string | null {
  const match = /^(?:\w{3}\s+)?(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})\s+(UTC|GMT)$/.exec((value ?? '').trim());
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
