import type { SoftwareData } from '@deskside/shared';

import type { CollectContext } from '../types.js';
import { gatherSoftware, requireSuccess, type PackageSource } from './gather.js';
import { parseAppxPackages } from './parse-appx.js';
import { parseHotfixes } from './parse-hotfix.js';
import { parseUninstallJson } from './parse-uninstall.js';
import { parsePowerShellList } from './powershell-json.js';

const UNINSTALL = 'Microsoft\\Windows\\CurrentVersion\\Uninstall';

/**
 * The three places Programs and Features reads: the machine's 64-bit and 32-bit (WOW6432Node) views
 * and, per user, HKEY_USERS\<SID>. Loaded user hives are read rather than HKCU so that an agent running
 * as SYSTEM still sees what the signed-in users installed for themselves.
 */
export const UNINSTALL_SCRIPT = `
$ErrorActionPreference = 'SilentlyContinue'
$names = 'DisplayName','DisplayVersion','Publisher','InstallDate','InstallLocation','EstimatedSize','SystemComponent','ParentKeyName','ReleaseType'
$views = @(@{ View = 'machine-64'; Path = 'HKLM:\\SOFTWARE\\${UNINSTALL}\\*' })
if ([Environment]::Is64BitOperatingSystem) { $views += @{ View = 'machine-32'; Path = 'HKLM:\\SOFTWARE\\WOW6432Node\\${UNINSTALL}\\*' } }
Get-ChildItem -Path Registry::HKEY_USERS | Where-Object { $_.PSChildName -match '^S-1-5-21-[\\d-]+$' } | ForEach-Object {
  $views += @{ View = 'user'; Path = "Registry::HKEY_USERS\\$($_.PSChildName)\\Software\\${UNINSTALL}\\*" }
}
$entries = foreach ($v in $views) {
  Get-ItemProperty -Path $v.Path | ForEach-Object {
    $o = [ordered]@{ View = $v.View; KeyName = $_.PSChildName }
    foreach ($n in $names) { $o[$n] = $_.$n }
    [pscustomobject]$o
  }
}
ConvertTo-Json -Compress -Depth 3 -InputObject ([pscustomobject]@{ Is64BitOS = [Environment]::Is64BitOperatingSystem; Entries = @($entries) })
`;

/** -AllUsers needs elevation; without it the current user's packages are the best there is. */
export const APPX_SCRIPT = `
$ErrorActionPreference = 'Stop'
try { $p = Get-AppxPackage -AllUsers } catch { $p = Get-AppxPackage }
$p | Select-Object Name, Version, Publisher, @{ n = 'Architecture'; e = { $_.Architecture.ToString() } }, InstallLocation, IsFramework, IsResourcePackage | ConvertTo-Json -Compress -Depth 2
`;

/** InstalledOn is a DateTime where PowerShell's type data converts it and the raw WMI string elsewhere. */
export const HOTFIX_SCRIPT = `
$ErrorActionPreference = 'Stop'
Get-CimInstance -ClassName Win32_QuickFixEngineering | Select-Object HotFixID, Description, @{ n = 'InstalledOn'; e = { $d = $_.InstalledOn; if ($d -is [datetime]) { $d.ToString('yyyy-MM-dd') } elseif ($d) { [string]$d } } } | ConvertTo-Json -Compress -Depth 2
`;

export function windowsSoftwareSources(ctx: CollectContext): PackageSource[] {
  const ps = async (what: string, script: string): Promise<string> =>
    requireSuccess(what, await ctx.system.powershell(script, { signal: ctx.signal, timeoutMs: 60_000 }));
  return [
    {
      name: 'registry',
      required: true,
      fetch: async () => {
        const text = await ps('Uninstall registry', UNINSTALL_SCRIPT);
        return parseUninstallJson(parsePowerShellList(text, 'Uninstall registry')[0]);
      },
    },
    { name: 'appx', fetch: async () => parseAppxPackages(await ps('Get-AppxPackage', APPX_SCRIPT)) },
    { name: 'hotfix', fetch: async () => parseHotfixes(await ps('Win32_QuickFixEngineering', HOTFIX_SCRIPT)) },
  ];
}

export const collectWindowsSoftware = (ctx: CollectContext): Promise<SoftwareData> => gatherSoftware(windowsSoftwareSources(ctx));
