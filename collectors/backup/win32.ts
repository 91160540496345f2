import type { BackupData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsBackup } from './parse-windows-backup.js';
import { backupData } from './state.js';
import { WINDOWS_BACKUP_SCRIPT } from './windows-script.js';

export async function collectWindowsBackup(ctx: CollectContext): Promise<BackupData> {
  const probe = await probePowerShell(ctx, WINDOWS_BACKUP_SCRIPT, { timeoutMs: 50_000 });
  if (probe.kind !== 'ok') throw new SectionError('error', `backup state could not be read: ${probe.detail}`);
  // As the service, File History and OneDrive would be LocalSystem's own (never set up): left to each user's report.
  return backupData(parseWindowsBackup(probe.value.stdout, ctx.backupStaleDays, ctx.now(), { userParts: ctx.serviceAccount !== true }), ctx.backupStaleDays);
}
