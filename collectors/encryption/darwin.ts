import type { EncryptionData } from '@deskside/shared/inventory';

import { probeRun } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseFdesetupStatus } from './parse-fdesetup.js';

/** FileVault protects the whole startup (data) volume; `fdesetup status` needs no privileges. */
export async function collectMacEncryption(ctx: CollectContext): Promise<EncryptionData> {
  const probe = await probeRun(ctx, '/usr/bin/fdesetup', ['status']);
  if (probe.kind !== 'ok') throw new SectionError('error', `fdesetup status failed: ${probe.detail}`);
  const volume = parseFdesetupStatus(`${probe.value.stdout}\n${probe.value.stderr}`);
  return { volumes: [volume], systemVolumeProtected: volume.protectionOn };
}
