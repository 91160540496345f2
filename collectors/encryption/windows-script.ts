/**
 * BitLocker without and with elevation. Explorer's `System.Volume.BitLockerProtection` property works
 * for any user; Get-BitLockerVolume (and Win32_EncryptableVolume where the BitLocker module is missing)
 * add status, percentage and method but need an elevated caller, so their "Access denied" is expected.
 */
export const WINDOWS_ENCRYPTION_SCRIPT = `
$ErrorActionPreference = 'Stop'
$out = [ordered]@{ systemDrive = [string]$env:SystemDrive; shell = $null; shellError = $null; bitlocker = $null; bitlockerError = $null; wmi = $null; wmiError = $null }
try {
  $shell = New-Object -ComObject Shell.Application
  $out.shell = @(Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType = 3' | ForEach-Object {
    $v = $null
    try { $v = $shell.NameSpace([string]$_.DeviceID + '\\').Self.ExtendedProperty('System.Volume.BitLockerProtection') } catch { }
    [ordered]@{ mount = [string]$_.DeviceID; protection = $v }
  })
} catch { $out.shellError = $_.Exception.Message }
try {
  $out.bitlocker = @(Get-BitLockerVolume | ForEach-Object {
    [ordered]@{ MountPoint = [string]$_.MountPoint; VolumeType = [string]$_.VolumeType; VolumeStatus = [string]$_.VolumeStatus
      ProtectionStatus = [string]$_.ProtectionStatus; EncryptionPercentage = $_.EncryptionPercentage
      EncryptionMethod = [string]$_.EncryptionMethod; LockStatus = [string]$_.LockStatus }
  })
} catch {
  $out.bitlockerError = $_.Exception.Message
  try {
    $out.wmi = @(Get-CimInstance -Namespace 'root/CIMV2/Security/MicrosoftVolumeEncryption' -ClassName Win32_EncryptableVolume | ForEach-Object {
      $c = Invoke-CimMethod -InputObject $_ -MethodName GetConversionStatus
      [ordered]@{ DriveLetter = [string]$_.DriveLetter; ProtectionStatus = $_.ProtectionStatus; ConversionStatus = $c.ConversionStatus; EncryptionPercentage = $c.EncryptionPercentage }
    })
  } catch { $out.wmiError = $_.Exception.Message }
}
$out | ConvertTo-Json -Depth 5 -Compress
`;
