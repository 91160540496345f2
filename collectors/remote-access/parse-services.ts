import type { RemoteService } from '@deskside/shared/inventory';

/** systemd units that serve a desktop remotely, and what they are. */
const LINUX_UNITS: readonly { readonly pattern: RegExp; readonly service: RemoteService['service']; readonly product: string }[] = [
  { pattern: /^x11vnc(@[^.]*)?\.service$/, service: 'vnc', product: 'x11vnc' },
  { pattern: /^(vncserver|tigervnc|tigervncserver)(@[^.]*)?\.service$/, service: 'vnc', product: 'TigerVNC' },
  { pattern: /^vncserver-x11-serviced\.service$/, service: 'vnc', product: 'RealVNC' },
  { pattern: /^gnome-remote-desktop\.service$/, service: 'vnc', product: 'gnome-remote-desktop' },
  { pattern: /^vino-server\.service$/, service: 'vnc', product: 'vino' },
  { pattern: /^xrdp\.service$/, service: 'rdp', product: 'xrdp' },
];

const LINUX_SOURCE = 'systemctl list-unit-files';

/**
 * `systemctl list-unit-files --type=service --no-legend --no-pager`: `<unit> <state> [<preset>]` per
 * line. VNC counts as on when any known VNC unit is enabled; RDP
 * the same for xrdp. A product that is not installed makes no line, so "off"
 * means none of them starts on its own.
 */
export function parseLinuxRemoteUnits(text: string): RemoteService[] {
  const on = new Map<RemoteService['service'], Set<string>>();
  for (const raw of text.split(/\r?\n/)) {
    const [unit, state] = raw.trim().split(/\s+/);
    if (unit === undefined || state === undefined) continue;
    const known = LINUX_UNITS.find((u) => u.pattern.test(unit));
    if (known === undefined || (state !== 'enabled' && state !== 'enabled-runtime')) continue;
    const set = on.get(known.service) ?? new Set<string>();
    set.add(known.product);
    on.set(known.service, set);
  }
  return (['vnc', 'rdp'] as const).map((service) => {
    const products = [...(on.get(service) ?? [])];
    return { service, enabled: products.length > 0, product: products.length > 0 ? products.join(', ') : null, source: LINUX_SOURCE };
  });
}

/**
 * `launchctl print-disabled system`: `"com.apple.screensharing" => disabled|enabled` (macOS 11+)
 * or `=> true|false` (older, where true means disabled). Screen Sharing's own launchd job is
 * disabled by default, so an absent line means off.
 */
export function parseLaunchctlScreenSharing(text: string): boolean | null {
  const m = /"com\.apple\.screensharing"\s*=>\s*(\w+)/.exec(text);
  if (!m) return /disabled services\s*=/.test(text) ? false : null;
  switch (m[1]) {
    case 'enabled':
    case 'false':
      return true;
    case 'disabled':
    case 'true':
      return false;
    default:
      return null;
  }
}

/**
 * Apple Remote Desktop's agent is on when `RemoteManagement.launchd` (written by `kickstart
 * -activate`) holds `enabled`; the file is absent on a Mac where it was never switched on.
 */
export function parseRemoteManagementLaunchd(text: string | null): boolean {
  return text !== null && text.trim().toLowerCase() === 'enabled';
}

/** Windows `HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server` `fDenyTSConnections`: 0 allows RDP. */
export function parseDenyTsConnections(value: unknown): boolean | null {
  if (value === 0 || value === '0') return true;
  if (value === 1 || value === '1') return false;
  return null;
}
