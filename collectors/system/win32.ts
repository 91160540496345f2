import type { SystemData } from '@deskside/shared/inventory';

import { buildPowerShellScript, psIsoDate, runPowerShellParts } from '../common/powershell-script.js';
import type { CollectContext } from '../types.js';
import { parseWindowsSystem } from './parse-windows.js';

export const WINDOWS_SYSTEM_SCRIPT = buildPowerShellScript({
  cs: 'Get-CimInstance Win32_ComputerSystem | Select-Object Name,DNSHostName,Domain,PartOfDomain,Workgroup,Manufacturer,Model,SystemFamily,PCSystemType,UserName',
  os: `Get-CimInstance Win32_OperatingSystem | Select-Object Caption,Version,BuildNumber,OSArchitecture,Locale,${psIsoDate('LastBootUpTime')}`,
  bios: 'Get-CimInstance Win32_BIOS | Select-Object SerialNumber,Manufacturer,SMBIOSBIOSVersion,Version',
  product: 'Get-CimInstance Win32_ComputerSystemProduct | Select-Object UUID,IdentifyingNumber,Vendor,Name',
  enclosure: 'Get-CimInstance Win32_SystemEnclosure | Select-Object ChassisTypes',
  cv: "Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' | Select-Object ProductName,DisplayVersion,ReleaseId,CurrentBuild,UBR,EditionID",
  // IPGlobalProperties reads the configured DNS suffix locally; Dns.GetHostEntry would query a server.
  env: "[ordered]@{ hostname = $env:COMPUTERNAME; domainName = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties().DomainName; arch = $env:PROCESSOR_ARCHITECTURE; arch6432 = $env:PROCESSOR_ARCHITEW6432; osArch = try { [string][System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture } catch { $null }; culture = (Get-Culture).Name }",
});

export async function collectWindowsSystem(ctx: CollectContext, timezone: string | null): Promise<SystemData> {
  const parts = await runPowerShellParts(ctx.system, WINDOWS_SYSTEM_SCRIPT, 'system (CIM)');
  return parseWindowsSystem({ parts, now: ctx.now(), timezone });
}
