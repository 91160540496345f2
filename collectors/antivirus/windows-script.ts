import { THIRD_PARTY_AV_SERVICES } from './windows-services.js';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * One PowerShell run gathers every Windows antivirus source; each part has its own try so one failing
 * source (no Security Center on Server, Defender removed) costs only itself. Dates are converted to
 * ISO-8601 UTC in the script because PowerShell 5.1 and 7 serialise DateTime differently.
 */
export const WINDOWS_ANTIVIRUS_SCRIPT = `
$ErrorActionPreference = 'Stop'
function Iso($d) { if ($null -eq $d) { return $null }; try { return ([datetime]$d).ToUniversalTime().ToString('o') } catch { return $null } }
$out = [ordered]@{ productType = $null; securityCenter = $null; securityCenterError = $null; defender = $null; defenderError = $null; services = @() }
try { $out.productType = [int](Get-CimInstance -ClassName Win32_OperatingSystem).ProductType } catch { }
try {
  $out.securityCenter = @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct | ForEach-Object {
    [ordered]@{ displayName = [string]$_.displayName; productState = $_.productState; pathToSignedProductExe = [string]$_.pathToSignedProductExe }
  })
} catch { $out.securityCenterError = $_.Exception.Message }
try {
  $s = Get-MpComputerStatus
  $out.defender = [ordered]@{
    AMRunningMode = [string]$s.AMRunningMode; AMServiceEnabled = $s.AMServiceEnabled; AMProductVersion = [string]$s.AMProductVersion
    AntivirusEnabled = $s.AntivirusEnabled; RealTimeProtectionEnabled = $s.RealTimeProtectionEnabled
    DefenderSignaturesOutOfDate = $s.DefenderSignaturesOutOfDate; AntivirusSignatureAge = $s.AntivirusSignatureAge
    AntivirusSignatureVersion = [string]$s.AntivirusSignatureVersion; AntivirusSignatureLastUpdated = Iso $s.AntivirusSignatureLastUpdated
    QuickScanEndTime = Iso $s.QuickScanEndTime; FullScanEndTime = Iso $s.FullScanEndTime; IsTamperProtected = $s.IsTamperProtected
  }
} catch { $out.defenderError = $_.Exception.Message }
$names = @(${THIRD_PARTY_AV_SERVICES.map((s) => quote(s.pattern)).join(', ')})
$out.services = @(Get-Service -Name $names -ErrorAction SilentlyContinue | ForEach-Object {
  [ordered]@{ name = [string]$_.Name; displayName = [string]$_.DisplayName; status = [string]$_.Status; startType = [string]$_.StartType }
})
$out | ConvertTo-Json -Depth 6 -Compress
`;
