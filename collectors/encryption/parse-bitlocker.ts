import { asList, looseNumber, looseText, lowerKeys, parseJsonText } from '../protection/values.js';
import type { EncryptedVolume } from './types.js';

export interface WindowsEncryptionResult {
  readonly volumes: readonly EncryptedVolume[];
  readonly problems: readonly string[];
  /** True when only the unelevated source answered (status and percentage need an elevated caller). */
  readonly limited: boolean;
}

type State = Pick<EncryptedVolume, 'encrypted' | 'protectionOn' | 'status'>;

/**
 * `System.Volume.BitLockerProtection` values as Explorer shows them (undocumented; the mapping used in
 * practice): 1 on, 2 off, 3 encrypting, 4 decrypting, 5 suspended, 6 on and locked, 8 waiting for
 * activation (encrypted with a clear key, e.g. device encryption not yet backed up). Others: unknown.
 */
export function shellProtectionState(value: unknown): State {
  switch (looseNumber(value)) {
    case 1:
      return { encrypted: true, protectionOn: true, status: 'On' };
    case 2:
      return { encrypted: false, protectionOn: false, status: 'Off' };
    case 3:
      return { encrypted: null, protectionOn: false, status: 'Encryption in progress' };
    case 4:
      return { encrypted: null, protectionOn: false, status: 'Decryption in progress' };
    case 5:
      return { encrypted: true, protectionOn: false, status: 'Suspended' };
    case 6:
      return { encrypted: true, protectionOn: true, status: 'On (locked)' };
    case 8:
      return { encrypted: true, protectionOn: false, status: 'Waiting for activation' };
    default:
      return { encrypted: null, protectionOn: null, status: null };
  }
}

/** Get-BitLockerVolume's VolumeStatus / ProtectionStatus / LockStatus as text. */
export function cmdletState(volumeStatus: string | null, protectionStatus: string | null, lockStatus: string | null): State {
  const vs = (volumeStatus ?? '').toLowerCase();
  const ps = (protectionStatus ?? '').toLowerCase();
  const encrypted = vs === 'fullyencrypted' || lockStatus?.toLowerCase() === 'locked' ? true : vs === 'fullydecrypted' ? false : null;
  const protectionOn = ps === 'on' ? true : ps === 'off' ? false : null;
  return { encrypted, protectionOn: encrypted === false ? false : protectionOn, status: volumeStatus };
}

/** Win32_EncryptableVolume: ProtectionStatus 0 off / 1 on / 2 unknown; ConversionStatus 0–5. */
const CONVERSION = ['FullyDecrypted', 'FullyEncrypted', 'EncryptionInProgress', 'DecryptionInProgress', 'EncryptionPaused', 'DecryptionPaused'] as const;

export function wmiState(protectionStatus: unknown, conversionStatus: unknown): State {
  const conversion = CONVERSION[looseNumber(conversionStatus) ?? -1] ?? null;
  const ps = looseNumber(protectionStatus);
  return cmdletState(conversion, ps === 1 ? 'On' : ps === 0 ? 'Off' : null, null);
}

const methodOf = (state: State): EncryptedVolume['method'] =>
  state.encrypted === false ? 'none' : state.encrypted === true || state.status != null ? 'bitlocker' : 'unknown';

const normalMount = (mount: string): string => mount.replace(/\\+$/, '').toUpperCase();

export function parseWindowsEncryption(text: string): WindowsEncryptionResult {
  const payload = lowerKeys(parseJsonText(text, 'the Windows encryption script'));
  const systemDrive = normalMount(looseText(payload['systemdrive']) ?? 'C:');
  const problems: string[] = [];
  const volumes = new Map<string, EncryptedVolume>();
  const put = (mount: string, state: State, percent: number | null, source: string, osVolume = false) => {
    const key = normalMount(mount);
    volumes.set(key, {
      mount: key,
      device: null,
      method: methodOf(state),
      ...state,
      percentEncrypted: percent,
      system: osVolume || key === systemDrive,
      source,
    });
  };

  const shellError = looseText(payload['shellerror'], 500);
  if (shellError != null) problems.push(`Explorer BitLocker property unavailable: ${shellError}`);
  for (const raw of asList(payload['shell'])) {
    const entry = lowerKeys(raw);
    const mount = looseText(entry['mount']);
    if (mount) put(mount, shellProtectionState(entry['protection']), null, 'Shell.Application System.Volume.BitLockerProtection');
  }

  const bitlockerError = looseText(payload['bitlockererror'], 500);
  let elevated = false;
  for (const raw of asList(payload['bitlocker'])) {
    const entry = lowerKeys(raw);
    const mount = looseText(entry['mountpoint']);
    if (!mount || !/^[A-Za-z]:\\?$/.test(mount)) continue;
    elevated = true;
    const state = cmdletState(looseText(entry['volumestatus']), looseText(entry['protectionstatus']), looseText(entry['lockstatus']));
    put(mount, state, looseNumber(entry['encryptionpercentage']), 'Get-BitLockerVolume', looseText(entry['volumetype']) === 'OperatingSystem');
  }
  for (const raw of asList(payload['wmi'])) {
    const entry = lowerKeys(raw);
    const mount = looseText(entry['driveletter']);
    if (!mount) continue;
    elevated = true;
    put(mount, wmiState(entry['protectionstatus'], entry['conversionstatus']), looseNumber(entry['encryptionpercentage']), 'Win32_EncryptableVolume');
  }
  if (!elevated && bitlockerError != null && volumes.size === 0) problems.push(`BitLocker status unavailable: ${bitlockerError}`);
  return { volumes: [...volumes.values()], problems, limited: !elevated };
}
