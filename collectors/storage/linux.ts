import type { StorageData } from '@deskside/shared/inventory';

import { LSBLK_ARGS, LSBLK_ENV } from '../common/lsblk.js';
import type { CollectContext } from '../types.js';
import { SectionError } from '../types.js';
import { lsblkLabels, parseDfPosix, parseLsblk } from './parse-linux.js';

/**
 * lsblk for disks, df for volumes. df is run with -l (local only): a stale network mount can hang df
 * for minutes, and network shares are not this machine's storage.
 */
export async function collectLinuxStorage(ctx: CollectContext): Promise<StorageData> {
  const [lsblk, df] = await Promise.all([
    ctx.system.run('lsblk', LSBLK_ARGS, { env: LSBLK_ENV }),
    ctx.system.run('df', ['-kPT', '-l'], { env: { LC_ALL: 'C' }, timeoutMs: 10_000 }),
  ]);
  const disks = lsblk.exitCode === 0 ? parseLsblk(lsblk.stdout) : [];
  const removable = new Set(disks.filter((d) => d.removable === true && d.device).map((d) => d.device as string));
  const labels = lsblk.exitCode === 0 ? lsblkLabels(lsblk.stdout) : new Map<string, string>();
  // df exits 1 when one mount could not be read but still prints the others.
  const volumes = parseDfPosix(df.stdout, removable).map((v) => ({ ...v, label: (v.device !== null ? labels.get(v.device) : undefined) ?? v.label }));
  // No disk list is not "no disks": say why, and keep the volumes df gave.
  if (lsblk.exitCode !== 0) throw new SectionError('error', `lsblk failed: ${lsblk.stderr.trim().slice(0, 300) || `exit code ${lsblk.exitCode}`}`, undefined, { disks: [], volumes });
  return { disks, volumes };
}
