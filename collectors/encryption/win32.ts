import type { EncryptionData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsEncryption } from './parse-bitlocker.js';
import { systemVolumeProtected } from './types.js';
import { WINDOWS_ENCRYPTION_SCRIPT } from './windows-script.js';

export async function collectWindowsEncryption(ctx: CollectContext): Promise<EncryptionData> {
  const probe = await probePowerShell(ctx, WINDOWS_ENCRYPTION_SCRIPT);
  if (probe.kind !== 'ok') throw new SectionError('error', `BitLocker state could not be read: ${probe.detail}`);
  const result = parseWindowsEncryption(probe.value.stdout);
  const data: EncryptionData = { volumes: [...result.volumes], systemVolumeProtected: systemVolumeProtected(result.volumes) };
  if (result.volumes.length === 0) throw new SectionError('error', result.problems.join('; ') || 'no fixed volume was reported', undefined, data);
  return data;
}
