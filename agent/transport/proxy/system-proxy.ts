import type { Platform, ProxySettings } from '@deskside/shared/inventory';

import { parseScutilProxy } from '../../../collectors/network/parse-scutil.js';
import { parseInternetSettings, parseNetshWinHttp } from '../../../collectors/network/parse-windows-proxy.js';
import type { SystemAccess } from '../../../collectors/types.js';
import { parseAptProxy, parseShellProxyFile, type ProxyVariables } from './parse-linux-proxy-files.js';
import { parseProxyServerList, proxyUrlOf } from './proxy-route.js';

/** The machine's proxy configuration, as the service should follow it. */
export interface SystemProxyConfig {
  readonly servers: { readonly http: string | null; readonly https: string | null } | null;
  readonly pacUrl: string | null;
  /** WPAD: the OS is set to discover a PAC file by itself. */
  readonly autoDetect: boolean;
  readonly bypass: readonly string[];
  readonly source: string;
}

export const NO_SYSTEM_PROXY: SystemProxyConfig = { servers: null, pacUrl: null, autoDetect: false, bypass: [], source: 'no system proxy' };

/** The shapes the inventory collectors read (WinINet, scutil, gsettings) as the transport's config. */
export function fromProxySettings(settings: ProxySettings | null): SystemProxyConfig {
  if (settings === null) return NO_SYSTEM_PROXY;
  const base = { servers: null, pacUrl: null, autoDetect: false, bypass: [...settings.bypass], source: settings.source };
  switch (settings.mode) {
    case 'manual':
      return settings.server ? { ...base, servers: parseProxyServerList(settings.server) } : { ...base, bypass: [] };
    case 'pac':
      return { ...base, pacUrl: settings.pacUrl };
    case 'auto-detect':
      return { ...base, autoDetect: true };
    case 'none':
    case 'unknown':
      return { ...NO_SYSTEM_PROXY, source: settings.source };
  }
}

function fromVariables(vars: ProxyVariables, source: string): SystemProxyConfig | null {
  const http = vars.http ? proxyUrlOf(vars.http) : null;
  const https = vars.https ? proxyUrlOf(vars.https) : null;
  if (http === null && https === null) return null;
  return { servers: { http, https: https ?? http }, pacUrl: null, autoDetect: false, bypass: vars.noProxy ? [vars.noProxy] : [], source };
}

async function linuxProxy(system: SystemAccess): Promise<SystemProxyConfig> {
  const read = (path: string) => system.readFile(path).catch(() => null);
  const etc = await read('/etc/environment');
  const fromEtc = etc === null ? null : fromVariables(parseShellProxyFile(etc), '/etc/environment');
  if (fromEtc) return fromEtc;
  const profiles = (await system.listDirectory('/etc/profile.d').catch(() => [])).filter((f) => f.endsWith('.sh')).sort();
  for (const name of profiles) {
    const text = await read(`/etc/profile.d/${name}`);
    const found = text === null ? null : fromVariables(parseShellProxyFile(text), `/etc/profile.d/${name}`);
    if (found) return found;
  }
  const aptFiles = ['/etc/apt/apt.conf', ...(await system.listDirectory('/etc/apt/apt.conf.d').catch(() => [])).sort().map((f) => `/etc/apt/apt.conf.d/${f}`)];
  for (const path of aptFiles) {
    const text = await read(path);
    const found = text === null ? null : fromVariables(parseAptProxy(text), `${path} (APT's proxy)`);
    if (found) return found;
  }
  return NO_SYSTEM_PROXY;
}

/** The service's WinINet view: LocalSystem's own Internet Settings (PAC URL, auto-detect). */
export const WINDOWS_INTERNET_SETTINGS_SCRIPT =
  "Get-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings' | Select-Object ProxyEnable, ProxyServer, ProxyOverride, AutoConfigURL, AutoDetect | ConvertTo-Json -Compress";

async function windowsProxy(system: SystemAccess): Promise<SystemProxyConfig> {
  // WinHTTP is what Windows services use; `netsh winhttp import proxy source=ie` copies a user's there.
  const netsh = await system.powershell('netsh winhttp show proxy | Out-String', { timeoutMs: 15_000 }).catch(() => null);
  const winHttp = netsh !== null && netsh.exitCode === 0 ? parseNetshWinHttp(netsh.stdout) : null;
  if (winHttp && !winHttp.direct && winHttp.server) {
    return { servers: parseProxyServerList(winHttp.server), pacUrl: null, autoDetect: false, bypass: winHttp.bypass, source: 'WinHTTP (netsh winhttp show proxy)' };
  }
  const inet = await system.powershell(WINDOWS_INTERNET_SETTINGS_SCRIPT, { timeoutMs: 15_000 }).catch(() => null);
  let values: Record<string, unknown> | null;
  try {
    values = inet !== null && inet.exitCode === 0 ? (JSON.parse(inet.stdout) as Record<string, unknown>) : null;
  } catch {
    values = null;
  }
  return fromProxySettings(parseInternetSettings(values, winHttp, "the service account's Internet Settings"));
}

async function macProxy(system: SystemAccess): Promise<SystemProxyConfig> {
  const result = await system.run('/usr/sbin/scutil', ['--proxy'], { timeoutMs: 10_000 }).catch(() => null);
  return result !== null && result.exitCode === 0 ? fromProxySettings(parseScutilProxy(result.stdout)) : NO_SYSTEM_PROXY;
}

/**
 * The machine-wide proxy configuration: WinHTTP then the service account's Internet Settings on
 * Windows, the system configuration (`scutil --proxy`) on macOS, /etc/environment, /etc/profile.d and
 * APT on Linux. The service's own environment (HTTPS_PROXY…) is read before this, by the resolver.
 */
export async function readSystemProxy(platform: Platform, system: SystemAccess): Promise<SystemProxyConfig> {
  switch (platform) {
    case 'linux':
      return linuxProxy(system);
    case 'win32':
      return windowsProxy(system);
    case 'darwin':
      return macProxy(system);
  }
}
