import type { EncryptionData } from '@deskside/shared/inventory';

import { LSBLK_ARGS, LSBLK_ENV } from '../common/lsblk.js';
import { probeReadFile, probeRun } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseLsblk, parseProcMounts } from './parse-lsblk.js';
import { systemVolumeProtected, type EncryptedVolume } from './types.js';

/** LUKS / dm-crypt from lsblk's device tree, eCryptfs from the mount table. No root needed. */
export async function collectLinuxEncryption(ctx: CollectContext): Promise<EncryptionData> {
  const problems: string[] = [];
  let volumes: EncryptedVolume[] = [];
  const lsblk = await probeRun(ctx, 'lsblk', LSBLK_ARGS, { env: LSBLK_ENV });
  if (lsblk.kind === 'ok' && lsblk.value.exitCode === 0) {
    try {
      volumes = parseLsblk(lsblk.value.stdout);
    } catch (error) {
      problems.push((error as Error).message);
    }
  } else {
    problems.push(`lsblk: ${lsblk.kind === 'ok' ? lsblk.value.stderr.trim() || `exit ${lsblk.value.exitCode}` : lsblk.detail}`);
  }

  const mounts = await probeReadFile(ctx, '/proc/self/mounts');
  if (mounts.kind === 'ok') {
    const parsed = parseProcMounts(mounts.value);
    volumes.push(...parsed.ecryptfs);
    if (!volumes.some((v) => v.system) && parsed.root != null) {
      // "/" on something lsblk does not list (overlay, NFS, a container): say so rather than guess.
      volumes.push({
        mount: '/',
        device: parsed.root.device,
        method: 'unknown',
        encrypted: null,
        protectionOn: null,
        status: `root filesystem is ${parsed.root.fstype}, not a block device lsblk lists`,
        percentEncrypted: null,
        system: true,
        source: '/proc/self/mounts',
      });
    }
  }
  const data: EncryptionData = { volumes: volumes.slice(0, 256), systemVolumeProtected: systemVolumeProtected(volumes) };
  if (volumes.length === 0) throw new SectionError('error', problems.join('; ') || 'no mounted volume found', undefined, data);
  return data;
}
