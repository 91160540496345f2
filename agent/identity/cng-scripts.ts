/**
 * PowerShell scripts driving a persisted CNG machine key through System.Security.Cryptography.CngKey
 * and ECDsaCng (.NET Framework 4.x, present with Windows PowerShell 5.1). The TPM's provider comes
 * first, so the private key never leaves the chip where there is one; the software provider (keys
 * under %ALLUSERSPROFILE%\Microsoft\Crypto\Keys, readable by SYSTEM and Administrators only) is
 * the fallback. Export policy None: the private key cannot be exported from either.
 */

export const CNG_KEY_NAME = 'Deskside Device Key';

/** In order of preference. Names are CNG's own (MS_PLATFORM_CRYPTO_PROVIDER, MS_KEY_STORAGE_PROVIDER). */
export const CNG_PROVIDERS = ['Microsoft Platform Crypto Provider', 'Microsoft Software Key Storage Provider'] as const;
export type CngProviderName = (typeof CNG_PROVIDERS)[number];

const NS = 'System.Security.Cryptography';
const PROVIDER_LIST = CNG_PROVIDERS.map((p) => `'${p}'`).join(', ');

/** Emits the key's provider and public blob (BCRYPT_ECCPUBLIC_BLOB, base64) as JSON. */
const EMIT = `@{ found = $true; provider = $used; publicBlob = [Convert]::ToBase64String($key.Export([${NS}.CngKeyBlobFormat]::EccPublicBlob)) } | ConvertTo-Json -Compress`;

/** Finds the key in the first provider that holds it; `{ found: false }` when none does. */
export function openKeyScript(): string {
  return `$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Core
$name = '${CNG_KEY_NAME}'
$key = $null; $used = $null
foreach ($p in @(${PROVIDER_LIST})) {
  $provider = New-Object ${NS}.CngProvider($p)
  try {
    if ([${NS}.CngKey]::Exists($name, $provider, [${NS}.CngKeyOpenOptions]::MachineKey)) {
      $key = [${NS}.CngKey]::Open($name, $provider, [${NS}.CngKeyOpenOptions]::MachineKey); $used = $p; break
    }
  } catch { }
}
if ($key -eq $null) { @{ found = $false } | ConvertTo-Json -Compress } else { ${EMIT} }`;
}

/** Creates the key in the first provider that accepts it (no TPM → software); reports each refusal. */
export function createKeyScript(): string {
  return `$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Core
$name = '${CNG_KEY_NAME}'
$key = $null; $used = $null; $errors = @()
foreach ($p in @(${PROVIDER_LIST})) {
  try {
    $params = New-Object ${NS}.CngKeyCreationParameters
    $params.Provider = New-Object ${NS}.CngProvider($p)
    $params.KeyCreationOptions = [${NS}.CngKeyCreationOptions]::MachineKey
    $params.ExportPolicy = [${NS}.CngExportPolicies]::None
    $key = [${NS}.CngKey]::Create([${NS}.CngAlgorithm]::ECDsaP256, $name, $params); $used = $p; break
  } catch { $errors += ($p + ': ' + $_.Exception.Message) }
}
if ($key -eq $null) { @{ found = $false; errors = $errors } | ConvertTo-Json -Compress } else { ${EMIT} }`;
}

/**
 * Signs `dataBase64` (the proof message; not secret, and base64 cannot break out of the quotes) with
 * ECDsaCng: SHA-256, IEEE P1363 r‖s, which is what the device API expects.
 */
export function signScript(provider: CngProviderName, dataBase64: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataBase64)) throw new Error('signScript: data must be base64');
  return `$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Core
$key = [${NS}.CngKey]::Open('${CNG_KEY_NAME}', (New-Object ${NS}.CngProvider('${provider}')), [${NS}.CngKeyOpenOptions]::MachineKey)
$ecdsa = New-Object ${NS}.ECDsaCng($key)
$ecdsa.HashAlgorithm = [${NS}.CngAlgorithm]::Sha256
@{ signature = [Convert]::ToBase64String($ecdsa.SignData([Convert]::FromBase64String('${dataBase64}'))) } | ConvertTo-Json -Compress`;
}
