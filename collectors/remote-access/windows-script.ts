/**
 * Reads each tool's machine-wide config and prints only the identifier lines: the files also hold
 * password hashes, salts, key pairs and OAuth tokens, and those never enter the agent's memory as
 * output. Every part has its own try; a missing file or key is simply absent from the result.
 */
export const WINDOWS_REMOTE_ACCESS_SCRIPT = `
$ErrorActionPreference = 'Stop'
$r = [ordered]@{}
function Lines($path, $pattern) {
  if (-not (Test-Path -LiteralPath $path)) { return $null }
  try { return [ordered]@{ path = $path; lines = @(Get-Content -LiteralPath $path | Where-Object { $_ -match $pattern }) } }
  catch { return [ordered]@{ path = $path; error = [string]$_.Exception.Message } }
}
# Custom AnyDesk clients keep their config in ProgramData\\AnyDesk\\ad_<prefix>.
$adRoot = Join-Path $env:ProgramData 'AnyDesk'
$adDirs = @($adRoot) + @(Get-ChildItem -LiteralPath $adRoot -Directory -Filter 'ad_*' -ErrorAction SilentlyContinue | ForEach-Object { $_.FullName })
$r.anydesk = @($adDirs | ForEach-Object { $d = $_; @('system.conf', 'service.conf') | ForEach-Object { Lines (Join-Path $d $_) '^\\s*ad\\.anynet\\.id\\s*=' } } | Where-Object { $_ })
# TeamViewer 15 writes ClientID on its key; older versions under a Version<N> subkey.
$r.teamviewer = @(@('HKLM:\\SOFTWARE\\TeamViewer', 'HKLM:\\SOFTWARE\\WOW6432Node\\TeamViewer') | ForEach-Object {
  if (Test-Path -LiteralPath $_) {
    @($_) + @(Get-ChildItem -LiteralPath $_ -ErrorAction SilentlyContinue | Where-Object { $_.PSChildName -match '^Version\\d+$' } | ForEach-Object { $_.PSPath })
  }
} | ForEach-Object {
  $key = $_
  try { [ordered]@{ key = (Convert-Path -LiteralPath $key); ClientID = (Get-ItemProperty -LiteralPath $key -Name ClientID -ErrorAction Stop).ClientID } }
  catch { [ordered]@{ key = [string]$key; ClientID = $null } }
})
$rd = Join-Path $env:WINDIR 'ServiceProfiles\\LocalService\\AppData\\Roaming\\RustDesk\\config'
$r.rustdesk = Lines (Join-Path $rd 'RustDesk.toml') '^\\s*id\\s*='
$r.rustdeskOptions = Lines (Join-Path $rd 'RustDesk2.toml') '^\\s*(\\[options\\]|custom-rendezvous-server\\s*=)'
$r.mesh = Lines (Join-Path $env:ProgramFiles 'Mesh Agent\\MeshAgent.msh') '^(MeshServer|MeshID|MeshName|ServerID)='
# The agent records its node id (what MeshCentral's own links name a device by) in the registry.
try { $r.meshNodeId = (Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Open Source\\Mesh Agent' -Name NodeId -ErrorAction Stop).NodeId } catch { }
$crd = Join-Path $env:ProgramData 'Google\\Chrome Remote Desktop\\host.json'
if (Test-Path -LiteralPath $crd) {
  try { $j = Get-Content -LiteralPath $crd -Raw | ConvertFrom-Json; $r.crd = [ordered]@{ path = $crd; host_id = $j.host_id; host_name = $j.host_name; host_owner = $j.host_owner } }
  catch { $r.crd = [ordered]@{ path = $crd; error = [string]$_.Exception.Message } }
}
try { $r.crdService = [bool](Get-Service -Name chromoting -ErrorAction SilentlyContinue) } catch { $r.crdService = $false }
try { $r.fDenyTSConnections = (Get-ItemProperty -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server' -Name fDenyTSConnections).fDenyTSConnections }
catch { $r.rdpError = [string]$_.Exception.Message }
$r | ConvertTo-Json -Depth 5 -Compress
`;
