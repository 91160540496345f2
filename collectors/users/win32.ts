import type { UsersData } from '@deskside/shared/inventory';

import { buildPowerShellScript, checkListParts, psIsoDate, runPowerShellParts } from '../common/powershell-script.js';
import type { CollectContext } from '../types.js';
import { parseWindowsUsers } from './parse-windows.js';

export const WINDOWS_USERS_SCRIPT = buildPowerShellScript({
  // quser exits 1 when nobody is logged on; its text is parsed by shape (see parse-quser.ts).
  // The script block gets its own scope, so relaxing the error preference for quser's stderr stays local.
  quser: "if (Get-Command quser.exe -ErrorAction SilentlyContinue) { & { $ErrorActionPreference = 'Continue'; quser.exe 2>$null } }",
  culture:
    '$c = (Get-Culture).DateTimeFormat; [ordered]@{ shortDatePattern = $c.ShortDatePattern; shortTimePattern = $c.ShortTimePattern; amDesignator = $c.AMDesignator; pmDesignator = $c.PMDesignator; offsetMinutes = [int][TimeZoneInfo]::Local.GetUtcOffset([DateTime]::Now).TotalMinutes }',
  cs: 'Get-CimInstance Win32_ComputerSystem | Select-Object UserName',
  localUsers: `Get-LocalUser | Select-Object Name,FullName,Enabled,@{n='SID';e={$_.SID.Value}},${psIsoDate('LastLogon')}`,
  // LocalAccount=True matters: without it a domain member enumerates the whole domain.
  userAccounts: "if (-not (Get-Command Get-LocalUser -ErrorAction SilentlyContinue)) { Get-CimInstance Win32_UserAccount -Filter 'LocalAccount=True' | Select-Object Name,FullName,Disabled,SID }",
  // The Administrators group by its well-known SID, whatever the OS language calls it.
  admins: "Get-CimInstance Win32_Group -Filter \"SID='S-1-5-32-544'\" | Get-CimAssociatedInstance -ResultClassName Win32_UserAccount | Select-Object Name,SID",
});

export async function collectWindowsUsers(ctx: CollectContext): Promise<UsersData> {
  const parts = await runPowerShellParts(ctx.system, WINDOWS_USERS_SCRIPT, 'users (CIM)');
  const data = parseWindowsUsers(parts);
  // Get-LocalUser is missing before Windows 10 1607; then Win32_UserAccount is the list.
  return checkListParts(parts, data.localAccounts.length > 0 ? [] : ['localUsers', 'userAccounts'], data);
}
