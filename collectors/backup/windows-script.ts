import { BACKUP_SERVICES } from './windows-services.js';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * File History's per-user state (Config1.xml under %LOCALAPPDATA%, HKCU ProtectedUpToTime) with its
 * machine-wide policy and service, into $out's fh* fields. Shared by the machine script and the
 * user-scope script: only the latter runs as the user whose settings these are.
 */
export const WINDOWS_FILE_HISTORY_PS = `try {
  $cfg = Join-Path $env:LOCALAPPDATA 'Microsoft\\Windows\\FileHistory\\Configuration\\Config1.xml'
  if (Test-Path -LiteralPath $cfg) { $out.fhConfig = (Get-Content -LiteralPath $cfg -Raw -Encoding UTF8) }
} catch { }
try { $out.fhProtectedUpToTime = [string](Get-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\FileHistory' -Name ProtectedUpToTime -ErrorAction Stop).ProtectedUpToTime } catch { }
try { $out.fhPolicyDisabled = (Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\FileHistory' -Name Disabled -ErrorAction Stop).Disabled } catch { }
try { $s = Get-Service -Name fhsvc; $out.fhsvc = [ordered]@{ status = [string]$s.Status; startType = [string]$s.StartType } } catch { }
`;

/** HKCU User Shell Folders and OneDrive's accounts into $out.shellFolders / $out.oneDriveAccounts. */
export const WINDOWS_ONEDRIVE_PS = `try {
  $key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders')
  $out.shellFolders = [ordered]@{}
  foreach ($n in @('Desktop', 'Personal', 'My Pictures')) { $out.shellFolders[$n] = [Environment]::ExpandEnvironmentVariables([string]$key.GetValue($n, '', 'DoNotExpandEnvironmentNames')) }
} catch { }
try {
  $out.oneDriveAccounts = @(Get-ChildItem -Path 'HKCU:\\Software\\Microsoft\\OneDrive\\Accounts' -ErrorAction Stop | ForEach-Object {
    $p = Get-ItemProperty -Path $_.PSPath
    if ($p.UserFolder) { [ordered]@{ account = [string]$_.PSChildName; folder = [string]$p.UserFolder } }
  })
} catch { }
`;

/**
 * Every Windows backup source in one run: File History (its per-user configuration, the registry's
 * ProtectedUpToTime, policy, fhsvc), Windows Server Backup (Get-WBSummary / wbadmin, elevated only),
 * OneDrive Known Folder Move (User Shell Folders against the OneDrive account folders) and third-party
 * agents by service, with Veeam's last job result from its event log and Backblaze's completion report.
 */
export const WINDOWS_BACKUP_SCRIPT = `
$ErrorActionPreference = 'Stop'
function Iso($d) { if ($null -eq $d) { return $null }; try { return ([datetime]$d).ToUniversalTime().ToString('o') } catch { return $null } }
$out = [ordered]@{ productType = $null; fhConfig = $null; fhProtectedUpToTime = $null; fhPolicyDisabled = $null; fhsvc = $null
  wbSummary = $null; wbadmin = $null; wbadminError = $null; shellFolders = $null; oneDriveAccounts = @(); oneDriveRunning = $null
  services = @(); veeamLastJob = $null; backblazeReport = $null }
try { $out.productType = [int](Get-CimInstance -ClassName Win32_OperatingSystem).ProductType } catch { }
${WINDOWS_FILE_HISTORY_PS}try {
  $w = Get-WBSummary
  $out.wbSummary = [ordered]@{ lastSuccess = Iso $w.LastSuccessfulBackupTime; lastAttempt = Iso $w.LastBackupTime; lastResult = $w.LastBackupResultHR; target = [string]$w.LastBackupTarget }
} catch {
  try {
    $text = (& wbadmin get versions 2>&1 | Out-String)
    if ($LASTEXITCODE -eq 0) { $out.wbadmin = $text } else { $out.wbadminError = $text.Trim() }
  } catch { $out.wbadminError = $_.Exception.Message }
}
${WINDOWS_ONEDRIVE_PS}$out.oneDriveRunning = [bool](Get-Process -Name OneDrive -ErrorAction SilentlyContinue)
$names = @(${BACKUP_SERVICES.map((s) => quote(s.pattern)).join(', ')})
$out.services = @(Get-Service -Name $names -ErrorAction SilentlyContinue | ForEach-Object {
  [ordered]@{ name = [string]$_.Name; status = [string]$_.Status; startType = [string]$_.StartType }
})
try {
  $e = Get-WinEvent -FilterHashtable @{ LogName = 'Veeam Agent'; Id = 190 } -MaxEvents 1 -ErrorAction Stop
  $out.veeamLastJob = [ordered]@{ at = Iso $e.TimeCreated; message = ([string]$e.Message).Substring(0, [Math]::Min(300, ([string]$e.Message).Length)) }
} catch { }
try {
  $bz = Join-Path $env:ProgramData 'Backblaze\\bzdata\\bzreports\\bzstat_lastbackupcompleted.xml'
  if (Test-Path -LiteralPath $bz) { $out.backblazeReport = (Get-Content -LiteralPath $bz -Raw) }
} catch { }
$out | ConvertTo-Json -Depth 5 -Compress
`;
