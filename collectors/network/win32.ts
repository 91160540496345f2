import type { NetworkData, ProxySettings } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { parseIpconfigAll } from './parse-ipconfig.js';
import type { Wifi } from './parse-linux-wifi.js';
import { parseNetshWlanInterfaces } from './parse-netsh-wlan.js';
import { parseWindowsNetwork, readWindowsNetworkJson, type WindowsNetwork } from './parse-windows-network.js';
import { parseInternetSettings, parseNetshWinHttp, SERVICE_ACCOUNT_PROXY_SOURCE } from './parse-windows-proxy.js';
import { collectVpn } from './vpn/collect-vpn.js';
import { fillWifiGaps } from './wifi-gaps.js';

/**
 * One PowerShell run for the NetTCPIP/DnsClient view of the machine. Enums are stringified in the
 * script so the JSON does not depend on how a PowerShell version serialises them; each part fails on
 * its own (its name lands in Errors) instead of costing the others.
 */
export const NETWORK_SCRIPT = `
$ErrorActionPreference = 'Stop'
$errors = @()
function Try-Get([string]$what, [scriptblock]$get) { try { @(& $get) } catch { $script:errors += "$($what): $($_.Exception.Message)"; @() } }
$adapters = Try-Get 'Get-NetAdapter' { Get-NetAdapter | ForEach-Object { [pscustomobject]@{ Name = $_.Name; InterfaceDescription = $_.InterfaceDescription; ifIndex = $_.ifIndex; MacAddress = $_.MacAddress; Status = "$($_.Status)"; Speed = $_.Speed; MediaType = "$($_.MediaType)"; PhysicalMediaType = "$($_.PhysicalMediaType)"; NdisPhysicalMedium = $_.NdisPhysicalMedium; Virtual = $_.Virtual; HardwareInterface = $_.HardwareInterface; InterfaceType = $_.InterfaceType; MtuSize = $_.MtuSize } } }
$addresses = Try-Get 'Get-NetIPAddress' { Get-NetIPAddress | ForEach-Object { [pscustomobject]@{ InterfaceIndex = $_.InterfaceIndex; IPAddress = $_.IPAddress; PrefixLength = $_.PrefixLength; AddressFamily = "$($_.AddressFamily)"; PrefixOrigin = "$($_.PrefixOrigin)" } } }
$ipInterfaces = Try-Get 'Get-NetIPInterface' { Get-NetIPInterface | ForEach-Object { [pscustomobject]@{ InterfaceIndex = $_.InterfaceIndex; AddressFamily = "$($_.AddressFamily)"; Dhcp = "$($_.Dhcp)"; NlMtu = $_.NlMtu; InterfaceMetric = $_.InterfaceMetric } } }
$routes = Try-Get 'Get-NetRoute' { Get-NetRoute -DestinationPrefix '0.0.0.0/0', '::/0' -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ InterfaceIndex = $_.InterfaceIndex; InterfaceAlias = $_.InterfaceAlias; DestinationPrefix = $_.DestinationPrefix; NextHop = $_.NextHop; RouteMetric = $_.RouteMetric; AddressFamily = "$($_.AddressFamily)" } } }
$dnsServers = Try-Get 'Get-DnsClientServerAddress' { Get-DnsClientServerAddress | ForEach-Object { [pscustomobject]@{ InterfaceIndex = $_.InterfaceIndex; AddressFamily = "$(if ($_.AddressFamily -eq 23) { 'IPv6' } elseif ($_.AddressFamily -eq 2) { 'IPv4' } else { $_.AddressFamily })"; ServerAddresses = @($_.ServerAddresses) } } }
$dnsGlobal = Try-Get 'Get-DnsClientGlobalSetting' { Get-DnsClientGlobalSetting | ForEach-Object { [pscustomobject]@{ SuffixSearchList = @($_.SuffixSearchList) } } }
$dnsClients = Try-Get 'Get-DnsClient' { Get-DnsClient | ForEach-Object { [pscustomobject]@{ InterfaceIndex = $_.InterfaceIndex; ConnectionSpecificSuffix = $_.ConnectionSpecificSuffix } } }
$inet = Try-Get 'Internet Settings' { Get-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings' | ForEach-Object { [pscustomobject]@{ ProxyEnable = $_.ProxyEnable; ProxyServer = $_.ProxyServer; ProxyOverride = $_.ProxyOverride; AutoConfigURL = $_.AutoConfigURL; AutoDetect = $_.AutoDetect } } }
ConvertTo-Json -Compress -Depth 5 -InputObject ([pscustomobject]@{ Adapters = $adapters; Addresses = $addresses; IpInterfaces = $ipInterfaces; Routes = $routes; DnsServers = $dnsServers; DnsGlobal = $dnsGlobal; DnsClients = $dnsClients; InternetSettings = $inet; Errors = $errors })
`;

// Native tools write in the console code page; run through PowerShell they come back as UTF-8.
export const IPCONFIG_SCRIPT = 'ipconfig /all | Out-String';
export const WLAN_SCRIPT = 'netsh wlan show interfaces | Out-String';
export const WINHTTP_SCRIPT = 'netsh winhttp show proxy | Out-String';

/** A script's output, or why there is none (kept for the section's error text). */
async function run(ctx: CollectContext, script: string): Promise<{ readonly text: string | null; readonly why: string }> {
  try {
    const result = await ctx.system.powershell(script, { timeoutMs: 30_000 });
    if (result.exitCode === 0) return { text: result.stdout, why: '' };
    return { text: null, why: `exit code ${result.exitCode}${result.stderr.trim() ? `: ${result.stderr.trim().split(/\r?\n/u)[0] ?? ''}` : ''}` };
  } catch (e) {
    return { text: null, why: (e as Error).message };
  }
}

const ps = async (ctx: CollectContext, script: string): Promise<string | null> => (await run(ctx, script)).text;

interface Collected {
  readonly network: WindowsNetwork;
  readonly internetSettings: Readonly<Record<string, unknown>> | null;
}

async function base(ctx: CollectContext): Promise<Collected> {
  const failures: string[] = [];
  let internetSettings: Readonly<Record<string, unknown>> | null = null;
  const { text, why } = await run(ctx, NETWORK_SCRIPT);
  if (text !== null) {
    try {
      const json = readWindowsNetworkJson(text);
      const network = parseWindowsNetwork(json);
      const errors = Array.isArray((json as { Errors?: unknown }).Errors) ? ((json as { Errors: unknown[] }).Errors as unknown[]) : [];
      const inet = (json as { InternetSettings?: unknown }).InternetSettings;
      const first = Array.isArray(inet) ? inet[0] : inet;
      internetSettings = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : null;
      // Without Get-NetAdapter (Windows 7) the adapters must come from ipconfig instead.
      if (network.interfaces.length > 0 || !errors.some((e) => String(e).startsWith('Get-NetAdapter'))) return { network, internetSettings };
      failures.push(...errors.map(String));
    } catch (e) {
      failures.push((e as Error).message);
    }
  } else failures.push(`network script: ${why}`);
  const ipconfig = await run(ctx, IPCONFIG_SCRIPT);
  if (ipconfig.text === null) throw new Error(`no network information: ${failures.join('; ')}; ipconfig /all: ${ipconfig.why}`);
  return { network: parseIpconfigAll(ipconfig.text), internetSettings };
}

export async function collectWindowsNetwork(ctx: CollectContext): Promise<NetworkData> {
  const [collected, wlan, winhttp, vpn] = await Promise.all([base(ctx), ps(ctx, WLAN_SCRIPT), ps(ctx, WINHTTP_SCRIPT), collectVpn(ctx)]);
  const wifi: Wifi[] = wlan === null ? [] : parseNetshWlanInterfaces(wlan);
  const winHttp = winhttp === null ? null : parseNetshWinHttp(winhttp);
  const proxy: ProxySettings = ctx.serviceAccount === true ? parseInternetSettings(collected.internetSettings, winHttp, SERVICE_ACCOUNT_PROXY_SOURCE) : parseInternetSettings(collected.internetSettings, winHttp);
  return {
    interfaces: collected.network.interfaces,
    defaultGateways: collected.network.defaultGateways,
    dns: { servers: [...collected.network.dns.servers], searchDomains: [...collected.network.dns.searchDomains] },
    wifi: fillWifiGaps(collected.network.interfaces, wifi),
    proxy,
    vpn,
  };
}
