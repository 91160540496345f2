import type { Platform, VpnClient } from '@deskside/shared/inventory';

import type { CollectContext } from '../../types.js';
import { parseFortiClientStatus, parseGetVpnConnection, parseGlobalProtectStatus, parseNmcliConnections, parseOpenVpnStatusFile, parseScutilNcList } from './parse-os-vpn.js';
import { parseVpncliState } from './parse-vpncli.js';
import { parseWgDump, parseWgVersion } from './parse-wireguard.js';

const C_LOCALE = { LC_ALL: 'C', LANG: 'C' } as const;

/** Where each OS keeps Cisco's command-line client (Secure Client 5, then AnyConnect 4). */
export const VPNCLI_PATHS: Readonly<Record<Platform, readonly string[]>> = {
  win32: ['C:\\Program Files (x86)\\Cisco\\Cisco Secure Client\\vpncli.exe', 'C:\\Program Files (x86)\\Cisco\\Cisco AnyConnect Secure Mobility Client\\vpncli.exe'],
  darwin: ['/opt/cisco/secureclient/bin/vpn', '/opt/cisco/anyconnect/bin/vpn'],
  linux: ['/opt/cisco/secureclient/bin/vpn', '/opt/cisco/anyconnect/bin/vpn'],
};

/** Products whose state has no command-line answer on that OS: found installed, state unknown. */
const INSTALLED_ONLY: Readonly<Record<Platform, readonly (readonly [VpnClient['product'], string, string])[]>> = {
  win32: [
    ['globalprotect', 'GlobalProtect', 'C:\\Program Files\\Palo Alto Networks\\GlobalProtect\\PanGPA.exe'],
    ['forticlient', 'FortiClient', 'C:\\Program Files\\Fortinet\\FortiClient\\FortiClient.exe'],
    ['zscaler', 'Zscaler Client Connector', 'C:\\Program Files\\Zscaler\\ZSATunnel\\ZSATunnel.exe'],
    ['openvpn', 'OpenVPN', 'C:\\Program Files\\OpenVPN\\bin\\openvpn.exe'],
  ],
  darwin: [
    ['globalprotect', 'GlobalProtect', '/Applications/GlobalProtect.app'],
    ['forticlient', 'FortiClient', '/Applications/FortiClient.app'],
    ['zscaler', 'Zscaler Client Connector', '/Applications/Zscaler/Zscaler.app'],
  ],
  linux: [['zscaler', 'Zscaler Client Connector', '/opt/zscaler/bin/zstunnel']],
};

/** Folders where OpenVPN's systemd units write their --status files (Debian, Fedora, openvpn3-less). */
const OPENVPN_STATUS_DIRS = ['/run/openvpn', '/run/openvpn-client'];

export const WINDOWS_VPN_SCRIPT =
  "@(Get-VpnConnection -ErrorAction SilentlyContinue; Get-VpnConnection -AllUserConnection -ErrorAction SilentlyContinue) | ForEach-Object { [pscustomobject]@{ Name = $_.Name; ServerAddress = $_.ServerAddress; TunnelType = \"$($_.TunnelType)\"; ConnectionStatus = \"$($_.ConnectionStatus)\" } } | ConvertTo-Json -Compress";

async function stdout(ctx: CollectContext, file: string, args: readonly string[]): Promise<string | null> {
  const result = await ctx.system.run(file, args, { timeoutMs: 10_000, env: C_LOCALE }).catch(() => null);
  return result === null ? null : result.stdout;
}

async function cisco(ctx: CollectContext): Promise<VpnClient[]> {
  for (const path of VPNCLI_PATHS[ctx.platform]) {
    if (!(await ctx.system.fileExists(path))) continue;
    const text = await stdout(ctx, path, ['state']);
    const parsed = text === null ? null : parseVpncliState(text);
    return [parsed ?? { product: 'cisco-secure-client', name: 'Cisco Secure Client', version: null, connected: null, profile: null, server: null, source: path }];
  }
  return [];
}

async function wireguard(ctx: CollectContext): Promise<VpnClient[]> {
  const wg = ctx.platform === 'win32' ? 'C:\\Program Files\\WireGuard\\wg.exe' : 'wg';
  const dump = await stdout(ctx, wg, ['show', 'all', 'dump']);
  if (dump === null) return [];
  const version = parseWgVersion((await stdout(ctx, wg, ['--version'])) ?? '');
  return parseWgDump(dump, Math.floor(ctx.now().getTime() / 1000), version);
}

async function osVpn(ctx: CollectContext): Promise<VpnClient[]> {
  switch (ctx.platform) {
    case 'win32': {
      const result = await ctx.system.powershell(WINDOWS_VPN_SCRIPT, { timeoutMs: 15_000 }).catch(() => null);
      return result === null || result.exitCode !== 0 ? [] : parseGetVpnConnection(result.stdout);
    }
    case 'darwin':
      return parseScutilNcList((await stdout(ctx, 'scutil', ['--nc', 'list'])) ?? '');
    case 'linux':
      return parseNmcliConnections((await stdout(ctx, 'nmcli', ['-t', '-f', 'NAME,TYPE,STATE', 'connection', 'show'])) ?? '');
  }
}

async function linuxClients(ctx: CollectContext): Promise<VpnClient[]> {
  const found: VpnClient[] = [];
  const gp = await stdout(ctx, 'globalprotect', ['show', '--status']);
  const gpParsed = gp === null ? null : parseGlobalProtectStatus(gp);
  if (gpParsed) found.push(gpParsed);
  const forti = await stdout(ctx, 'forticlient', ['vpn', 'status']);
  const fortiParsed = forti === null ? null : parseFortiClientStatus(forti, null);
  if (fortiParsed) found.push(fortiParsed);
  for (const dir of OPENVPN_STATUS_DIRS) {
    for (const name of (await ctx.system.listDirectory(dir).catch(() => [])).filter((n) => n.endsWith('.status'))) {
      const text = await ctx.system.readFile(`${dir}/${name}`).catch(() => null);
      const parsed = text === null ? null : parseOpenVpnStatusFile(text, name.replace(/\.status$/u, ''), ctx.now().getTime());
      if (parsed) found.push(parsed);
    }
  }
  return found;
}

async function installedOnly(ctx: CollectContext): Promise<VpnClient[]> {
  const found: VpnClient[] = [];
  for (const [product, name, path] of INSTALLED_ONLY[ctx.platform]) {
    if (await ctx.system.fileExists(path)) found.push({ product, name, version: null, connected: null, profile: null, server: null, source: path });
  }
  return found;
}

/**
 * The VPN clients of the machine and whether each is connected now: Cisco Secure Client/AnyConnect
 * (vpncli), WireGuard (wg), the OS's own profiles (Get-VpnConnection, scutil --nc, NetworkManager),
 * GlobalProtect and FortiClient's Linux CLIs, OpenVPN's status files; other installed products with
 * their state unknown. Each probe costs only itself.
 */
export async function collectVpn(ctx: CollectContext): Promise<VpnClient[]> {
  const parts = await Promise.all([cisco(ctx), wireguard(ctx), osVpn(ctx), ctx.platform === 'linux' ? linuxClients(ctx) : Promise.resolve([]), installedOnly(ctx)].map((p) => p.catch(() => [] as VpnClient[])));
  const all = parts.flat();
  // A product found by its CLI wins over the same product found only installed; NetworkManager's
  // WireGuard profile over wg's interface of the same name.
  const seen = new Set<string>();
  return all
    .filter((v) => {
      const key = v.connected === null && all.some((o) => o !== v && o.product === v.product && o.connected !== null) ? null : `${v.product}/${v.profile ?? v.name}`;
      if (key === null || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 16);
}
