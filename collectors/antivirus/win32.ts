import type { AntivirusData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseWindowsAntivirus } from './parse-windows-antivirus.js';
import { WINDOWS_ANTIVIRUS_SCRIPT } from './windows-script.js';

/** Security Center (workstations), Defender's own status, and known third-party services (servers). */
export async function collectWindowsAntivirus(ctx: CollectContext): Promise<AntivirusData> {
  const probe = await probePowerShell(ctx, WINDOWS_ANTIVIRUS_SCRIPT);
  if (probe.kind !== 'ok') throw new SectionError('error', `antivirus state could not be read: ${probe.detail}`);
  const { stdout, stderr, exitCode } = probe.value;
  if (stdout.trim() === '') throw new SectionError('error', `the antivirus script printed nothing (exit ${exitCode}): ${stderr.trim().slice(0, 300)}`);
  const result = parseWindowsAntivirus(stdout);
  const data: AntivirusData = { products: [...result.products] };
  if (!result.answered) {
    throw new SectionError('error', result.problems.join('; ') || 'no antivirus source answered', undefined, data);
  }
  return data;
}
