/**
 * Windows Update state from local data only: the update history (DataStore), the policy and service
 * switches, and the registry markers Windows sets when a reboot is pending. Each part has its own try.
 */
export const WINDOWS_UPDATES_SCRIPT = `
$ErrorActionPreference = 'Stop'
function Iso($d) { if ($null -eq $d) { return $null }; try { return ([datetime]$d).ToUniversalTime().ToString('o') } catch { return $null } }
$out = [ordered]@{ history = $null; historyError = $null; hotfixes = $null; hotfixError = $null; notificationLevel = $null; policy = $null; wuauserv = $null; reboot = $null; rebootError = $null }
$session = $null
try {
  $session = New-Object -ComObject Microsoft.Update.Session
  $searcher = $session.CreateUpdateSearcher()
  $count = $searcher.GetTotalHistoryCount()
  $out.history = @(if ($count -gt 0) { $searcher.QueryHistory(0, [Math]::Min($count, 100)) | Where-Object { $_.Operation -eq 1 } | ForEach-Object {
    [ordered]@{ title = [string]$_.Title; date = Iso $_.Date; resultCode = [int]$_.ResultCode } } })
} catch { $out.historyError = $_.Exception.Message }
try {
  $out.hotfixes = @(Get-HotFix | ForEach-Object { [ordered]@{ id = [string]$_.HotFixID; description = [string]$_.Description; installedOn = Iso $_.InstalledOn } })
} catch { $out.hotfixError = $_.Exception.Message }
try { $out.notificationLevel = [int](New-Object -ComObject Microsoft.Update.AutoUpdate).Settings.NotificationLevel } catch { }
try {
  $p = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU' -ErrorAction SilentlyContinue
  $out.policy = [ordered]@{ NoAutoUpdate = $p.NoAutoUpdate; AUOptions = $p.AUOptions }
} catch { }
try { $out.wuauserv = [string](Get-Service -Name wuauserv).StartType } catch { }
try {
  $sm = Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue
  $active = (Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName').ComputerName
  $next = (Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName').ComputerName
  $vol = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Updates' -Name UpdateExeVolatile -ErrorAction SilentlyContinue
  $out.reboot = [ordered]@{
    cbsRebootPending = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'
    wuRebootRequired = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'
    pendingFileRenames = @($sm.PendingFileRenameOperations | Where-Object { $_ }).Count
    updateExeVolatile = $vol.UpdateExeVolatile
    computerRenamePending = ($active -ne $next)
  }
} catch { $out.rebootError = $_.Exception.Message }
$out | ConvertTo-Json -Depth 5 -Compress
`;

/**
 * Pending updates from the cached result of the last scan (`IUpdateSearcher.Online = $false`, so no
 * call reaches Microsoft). Run on its own: on a large DataStore it can be slow, and a timeout here must
 * cost only the counts, not the rest of the section.
 */
export const WINDOWS_PENDING_UPDATES_SCRIPT = `
$ErrorActionPreference = 'Stop'
$searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
$searcher.Online = $false
$found = $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'").Updates
$security = @($found | Where-Object { $_.MsrcSeverity -or @($_.Categories | Where-Object { $_.CategoryID -eq '0fa1201d-4330-4fa8-8ae9-b877473b6441' }).Count -gt 0 }).Count
[ordered]@{ count = [int]$found.Count; security = [int]$security } | ConvertTo-Json -Compress
`;
