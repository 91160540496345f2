import type { RemoteAccessData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsRemoteAccess } from './parse-windows-remote-access.js';
import { WINDOWS_REMOTE_ACCESS_SCRIPT } from './windows-script.js';

export async function collectWindowsRemoteAccess(ctx: CollectContext): Promise<RemoteAccessData> {
  const probe = await probePowerShell(ctx, WINDOWS_REMOTE_ACCESS_SCRIPT, { timeoutMs: 30_000 });
  if (probe.kind !== 'ok') throw new SectionError('error', `remote-access tools could not be read: ${probe.detail}`);
  try {
    return parseWindowsRemoteAccess(probe.value.stdout);
  } catch (error) {
    throw new SectionError('error', `the remote-access script printed no JSON: ${(probe.value.stderr || (error instanceof Error ? error.message : String(error))).trim().slice(0, 500)}`);
  }
}
