import type { UpdatesData } from '@deskside/shared';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsUpdates } from './parse-windows-updates.js';
import { WINDOWS_UPDATES_SCRIPT } from './windows-script.js';

export async function collectWindowsUpdates(ctx: CollectContext): Promise<UpdatesData> {
  // The offline search reads the local DataStore and can take a while on a large one.
  const probe = await probePowerShell(ctx, WINDOWS_UPDATES_SCRIPT, { timeoutMs: 120_000 });
  if (probe.kind !== 'ok') throw new SectionError('error', `Windows Update state could not be read: ${probe.detail}`);
  return parseWindowsUpdates(probe.value.stdout);
}
