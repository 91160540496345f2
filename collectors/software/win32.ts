import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SoftwareData, SoftwarePackage } from '@deskside/shared/inventory';

import { decodeByBom } from '../exec/decode.js';
import type { CollectContext } from '../types.js';
import { gatherSoftware, requireSuccess, type PackageSource } from './gather.js';
import { parseAppxPackages } from './parse-appx.js';
import { parseHotfixes } from './parse-hotfix.js';
import { parseLoadedUserHives, parseRegExport, uninstallEntriesFromExport } from './parse-reg-export.js';
import { parseUninstallJson, uninstallToPackages, type UninstallView } from './parse-uninstall.js';
import { parsePowerShellList } from './powershell-json.js';

const UNINSTALL = 'Microsoft\\Windows\\CurrentVersion\\Uninstall';

/**
 * The three places Programs and Features reads: the machine's 64-bit and 32-bit (WOW6432Node) views
 * and, per user, HKEY_USERS\<SID>. Loaded user hives are read rather than HKCU so that an agent running
 * as SYSTEM still sees what the signed-in users installed for themselves.
 */
export const UNINSTALL_SCRIPT = `
$ErrorActionPreference = 'SilentlyContinue'
$names = 'DisplayName','DisplayVersion','Publisher','InstallDate','InstallLocation','SystemComponent','ParentKeyName','ReleaseType'
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

/** Whether Windows itself is 64-bit, from the environment a 32- or 64-bit process sees. */
export function isWindows64(env: Readonly<Record<string, string | undefined>>): boolean {
  return /64/u.test(env['PROCESSOR_ARCHITEW6432'] ?? env['PROCESSOR_ARCHITECTURE'] ?? '');
}

const defaultTempFile = (): string => join(tmpdir(), `deskside-uninstall-${randomUUID()}.reg`);

/**
 * The same three places read with reg.exe, for machines where PowerShell is blocked by policy:
 * `reg export` of each view to a private temporary file (reg.exe cannot write to stdout), parsed and
 * deleted at once.
 */
export async function uninstallFromRegExport(ctx: CollectContext, tempFile: () => string = defaultTempFile): Promise<SoftwarePackage[]> {
  const os64 = isWindows64(process.env);
  const views: [UninstallView, string, string[]][] = [['machine-64', `HKLM\\SOFTWARE\\${UNINSTALL}`, os64 ? ['/reg:64'] : []]];
  if (os64) views.push(['machine-32', `HKLM\\SOFTWARE\\${UNINSTALL}`, ['/reg:32']]);
  const hives = await ctx.system.run('reg.exe', ['query', 'HKU']).catch(() => null);
  for (const sid of hives?.exitCode === 0 ? parseLoadedUserHives(hives.stdout) : []) {
    views.push(['user', `HKU\\${sid}\\Software\\${UNINSTALL}`, []]);
  }
  const packages: SoftwarePackage[] = [];
  let exported = 0;
  for (const [view, key, flags] of views) {
    const file = tempFile();
    try {
      const result = await ctx.system.run('reg.exe', ['export', key, file, '/y', ...flags]);
      if (result.exitCode !== 0) continue;
      exported += 1;
      const entries = uninstallEntriesFromExport(parseRegExport(decodeByBom(await ctx.system.readBinaryFile(file))));
      packages.push(...uninstallToPackages(entries, view, os64));
    } finally {
      await rm(file, { force: true });
    }
  }
  if (exported === 0) throw new Error('reg export of the Uninstall keys failed');
  return packages;
}

export function windowsSoftwareSources(ctx: CollectContext, tempFile?: () => string): PackageSource[] {
  const ps = async (what: string, script: string): Promise<string> =>
    requireSuccess(what, await ctx.system.powershell(script, { signal: ctx.signal, timeoutMs: 45_000 }));
  return [
    {
      name: 'registry',
      required: true,
      fetch: async () => {
        try {
          const text = await ps('Uninstall registry', UNINSTALL_SCRIPT);
          return parseUninstallJson(parsePowerShellList(text, 'Uninstall registry')[0]);
        } catch (first) {
          try {
            return await uninstallFromRegExport(ctx, tempFile);
          } catch (second) {
            throw new Error(`${(first as Error).message}; fallback: ${(second as Error).message}`, { cause: second });
          }
        }
      },
    },
    { name: 'appx', fetch: async () => parseAppxPackages(await ps('Get-AppxPackage', APPX_SCRIPT)) },
    { name: 'hotfix', fetch: async () => parseHotfixes(await ps('Win32_QuickFixEngineering', HOTFIX_SCRIPT)) },
  ];
}

export const collectWindowsSoftware = (ctx: CollectContext): Promise<SoftwareData> => gatherSoftware(windowsSoftwareSources(ctx));
