// Windows's own answers through CIM, the NetTCPIP and NetSecurity modules and the registry, read by
// Windows PowerShell without any of Deskside's collectors.
import { powershellJson } from './run.mjs';

const asList = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);
const skip = (reason) => ({ skip: reason });

/** Programs and Features' rules: a DisplayName, not a system component, not an update of another product. */
const PROGRAMS = `
$keys = @('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*')
if ([Environment]::Is64BitOperatingSystem) { $keys += 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' }
Get-ChildItem Registry::HKEY_USERS | Where-Object { $_.PSChildName -match '^S-1-5-21-[\\d-]+$' } | ForEach-Object { $keys += "Registry::HKEY_USERS\\$($_.PSChildName)\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*" }
@(Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue | Where-Object {
  $_.DisplayName -and "$($_.DisplayName)".Trim() -and $_.SystemComponent -ne 1 -and -not $_.ParentKeyName -and
  @('security update','update rollup','hotfix','update','service pack') -notcontains "$($_.ReleaseType)".ToLower()
}).Count`;

const SCRIPT = `[ordered]@{
  cpu = @(Get-CimInstance Win32_Processor | Select-Object Name, NumberOfCores, NumberOfLogicalProcessors)
  cs = Get-CimInstance Win32_ComputerSystem | Select-Object DNSHostName, TotalPhysicalMemory
  disks = @(Get-Disk | Select-Object Number, Size)
  volumes = @(Get-CimInstance Win32_LogicalDisk | Where-Object { @(2,3,6) -contains $_.DriveType -or ($_.DriveType -eq 5 -and $_.Size) } | Select-Object DeviceID, Size, FreeSpace)
  macs = @(Get-NetAdapter | Where-Object { $_.MacAddress } | ForEach-Object { $_.MacAddress })
  ips = @(Get-NetIPAddress | ForEach-Object { $_.IPAddress })
  programs = ${PROGRAMS}
  os = Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, ProductType
  securityCenter = try { @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct -ErrorAction Stop | ForEach-Object { $_.displayName }) } catch { $null }
  defender = try { (Get-MpComputerStatus -ErrorAction Stop).AMServiceEnabled } catch { $null }
  firewall = @(Get-NetFirewallProfile | Select-Object Name, Enabled)
}`;

/** Security Center still calls Microsoft Defender Antivirus "Windows Defender". */
const productName = (name) => (/^windows defender$/i.test(name) ? 'Microsoft Defender Antivirus' : name);

function antivirus(securityCenter, defender) {
  if (securityCenter !== null) return [...new Set(asList(securityCenter).map(productName))];
  // Windows Server has no Security Center: Defender's own status is the OS's answer there.
  return defender === true ? ['Microsoft Defender Antivirus'] : [];
}

export async function win32Answers() {
  const a = await powershellJson(SCRIPT);
  const cpus = asList(a.cpu);
  const sum = (key) => cpus.reduce((n, c) => n + Number(c[key] ?? 0), 0);
  const profiles = asList(a.firewall);
  return {
    cpuModel: cpus[0]?.Name?.trim() ?? skip('Win32_Processor has no Name'),
    cpuThreads: sum('NumberOfLogicalProcessors'),
    cpuCores: sum('NumberOfCores'),
    memoryBytes: Number(a.cs.TotalPhysicalMemory),
    disks: asList(a.disks).map((d) => ({ name: String(d.Number), sizeBytes: Number(d.Size) })),
    volumes: asList(a.volumes).map((v) => ({ mount: v.DeviceID, sizeBytes: Number(v.Size), freeBytes: Number(v.FreeSpace) })),
    hostname: a.cs.DNSHostName,
    macs: asList(a.macs).map((m) => String(m).replace(/-/g, ':')),
    ips: asList(a.ips),
    programs: { registry: Number(a.programs) },
    osName: String(a.os.Caption).replace(/^Microsoft\s+/i, ''),
    osVersion: a.os.Version,
    osVersionField: 'kernel',
    antivirus: antivirus(a.securityCenter, a.defender),
    // Every profile on is on; any profile off leaves the machine open on that kind of network.
    firewall: profiles.length === 0 ? null : profiles.every((p) => p.Enabled === true || p.Enabled === 1),
  };
}
