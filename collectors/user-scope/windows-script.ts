import { WINDOWS_FILE_HISTORY_PS, WINDOWS_ONEDRIVE_PS } from '../backup/windows-script.js';

/**
 * Everything per user on Windows in one PowerShell run, as the signed-in user: who is asking (name
 * and SID, the report's key), the WinINet proxy in HKCU, File History and OneDrive Known Folder Move
 * (the same fragments the machine script uses). OneDrive counts as running only in this user's own
 * session: on a shared machine another user's OneDrive says nothing about this user's folders.
 */
export const WINDOWS_USER_SCOPE_SCRIPT = `
$ErrorActionPreference = 'Stop'
$out = [ordered]@{ account = $null; productType = $null; internetSettings = $null; fhConfig = $null; fhProtectedUpToTime = $null; fhPolicyDisabled = $null; fhsvc = $null
  shellFolders = $null; oneDriveAccounts = @(); oneDriveRunning = $null }
try { $me = [Security.Principal.WindowsIdentity]::GetCurrent(); $out.account = [ordered]@{ name = [string]$me.Name; sid = [string]$me.User.Value } } catch { }
try { $out.productType = [int](Get-CimInstance -ClassName Win32_OperatingSystem).ProductType } catch { }
try {
  $i = Get-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'
  $out.internetSettings = [ordered]@{ ProxyEnable = $i.ProxyEnable; ProxyServer = $i.ProxyServer; ProxyOverride = $i.ProxyOverride; AutoConfigURL = $i.AutoConfigURL; AutoDetect = $i.AutoDetect }
} catch { }
${WINDOWS_FILE_HISTORY_PS}${WINDOWS_ONEDRIVE_PS}try {
  $session = (Get-Process -Id $PID).SessionId
  $out.oneDriveRunning = [bool](Get-Process -Name OneDrive -ErrorAction SilentlyContinue | Where-Object { $_.SessionId -eq $session })
} catch { }
$out | ConvertTo-Json -Depth 5 -Compress
`;

/** The fallback for the account when the script could not say: "domain\\alice","S-1-5-21-…". */
export const WHOAMI_USER_ARGS = ['/user', '/fo', 'csv', '/nh'] as const;
