import type { SystemAccess } from '../../collectors/types.js';

/** LocalSystem and the Administrators group (files an elevated administrator creates are owned by it). */
export const WINDOWS_ADMIN_SIDS: readonly string[] = ['S-1-5-18', 'S-1-5-32-544'];

export interface WindowsOwner {
  readonly sid: string;
  readonly name: string | null;
  readonly reparsePoint: boolean;
}

/** The owner of a file from its security descriptor (Get-Acl), with the account name it translates to. */
export function windowsOwnerScript(path: string): string {
  const literal = `'${path.replace(/'/g, "''")}'`;
  return [
    `$item = Get-Item -LiteralPath ${literal} -Force -ErrorAction SilentlyContinue`,
    'if ($null -eq $item) { ConvertTo-Json $null; return }',
    `$acl = Get-Acl -LiteralPath ${literal}`,
    '$sid = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value',
    '$name = $null',
    'try { $name = $acl.GetOwner([System.Security.Principal.NTAccount]).Value } catch { }',
    "[pscustomobject]@{ Sid = $sid; Name = $name; Reparse = [bool]($item.Attributes -band [IO.FileAttributes]::ReparsePoint) } | ConvertTo-Json -Compress",
  ].join('\n');
}

export function parseWindowsOwner(json: string): WindowsOwner | null {
  const text = json.trim();
  if (text === '' || text === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('unreadable owner answer from PowerShell');
  }
  if (typeof value !== 'object' || value === null) return null;
  const { Sid, Name, Reparse } = value as Record<string, unknown>;
  if (typeof Sid !== 'string' || !/^S-1-\d+(-\d+)+$/u.test(Sid)) throw new Error('PowerShell returned no owner SID');
  return { sid: Sid, name: typeof Name === 'string' && Name !== '' ? Name : null, reparsePoint: Reparse === true };
}

export async function readWindowsOwner(system: SystemAccess, path: string): Promise<WindowsOwner | null> {
  const result = await system.powershell(windowsOwnerScript(path), { timeoutMs: 20_000 });
  if (result.exitCode !== 0) throw new Error(`cannot read the claim's owner: ${result.stderr.trim() || `exit ${result.exitCode}`}`);
  return parseWindowsOwner(result.stdout);
}
