import type { UpdatesData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsUpdates } from './parse-windows-updates.js';
import { WINDOWS_PENDING_UPDATES_SCRIPT, WINDOWS_UPDATES_SCRIPT } from './windows-script.js';

export async function collectWindowsUpdates(ctx: CollectContext): Promise<UpdatesData> {
  const probe = await probePowerShell(ctx, WINDOWS_UPDATES_SCRIPT, { timeoutMs: 25_000 });
  if (probe.kind !== 'ok') throw new SectionError('error', `Windows Update state could not be read: ${probe.detail}`);
  // The offline search reads the local DataStore and can be slow: its own budget, both inside the
  // runner's 60 s per collector.
  const pending = await probePowerShell(ctx, WINDOWS_PENDING_UPDATES_SCRIPT, { timeoutMs: 25_000 });
  const pendingText = pending.kind === 'ok' && pending.value.exitCode === 0 ? pending.value.stdout : null;
  return parseWindowsUpdates(probe.value.stdout, pendingText);
}
