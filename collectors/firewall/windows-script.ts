/**
 * Windows Firewall per profile from the *active* policy store (local settings merged with Group Policy,
 * i.e. what is enforced), Security Center's third-party firewalls, and `netsh` where the NetSecurity
 * module is missing (Windows 7 / Server 2008 R2). Every part has its own try.
 */
export const WINDOWS_FIREWALL_SCRIPT = `
$ErrorActionPreference = 'Stop'
$out = [ordered]@{ profiles = $null; profilesError = $null; netsh = $null; products = $null; productsError = $null }
try {
  $out.profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
    [ordered]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled; DefaultInboundAction = [string]$_.DefaultInboundAction }
  })
} catch {
  $out.profilesError = $_.Exception.Message
  try { $out.netsh = (& netsh advfirewall show allprofiles | Out-String) } catch { }
}
try {
  $out.products = @(Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName FirewallProduct | ForEach-Object {
    [ordered]@{ displayName = [string]$_.displayName; productState = $_.productState }
  })
} catch { $out.productsError = $_.Exception.Message }
$out | ConvertTo-Json -Depth 5 -Compress
`;
