import { isoFromLocalText } from '../protection/dates.js';
import type { LastInstalled } from './types.js';

/**
 * `apt-get -s upgrade` (simulate, as any user): reads only the package lists already on disk.
 * Each "Inst pkg [old] (new origin [arch])" line is an upgrade; the summary's "N not upgraded" counts
 * held-back packages that are pending too. Origins naming "-security" are security updates.
 */
export function parseAptSimulate(text: string): { readonly pending: number; readonly security: number } {
  let pending = 0;
  let security = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('Inst ')) continue;
    pending += 1;
    if (/\([^)]*(?:-security|Debian-Security|\bsecurity\b)[^)]*\)/i.test(line)) security += 1;
  }
  const summary = /(\d+) upgraded, \d+ newly installed, \d+ to remove and (\d+) not upgraded/.exec(text);
  if (summary == null && pending === 0) throw new Error('apt-get -s upgrade printed no summary line');
  return { pending: pending + Number(summary?.[2] ?? 0), security };
}

/**
 * /var/log/apt/history.log: blocks of "Start-Date:", "Commandline:", "Install:|Upgrade: pkg (old, new),
 * …", "End-Date:" with zone-less local times. An update is an upgrade, so the newest block with an
 * "Upgrade:" line wins; only when the log holds no upgrade at all does the newest install stand in.
 */
export function parseAptHistory(text: string, utcOffsetMinutes: number): LastInstalled | null {
  const newest: Record<'Upgrade' | 'Install', LastInstalled | null> = { Upgrade: null, Install: null };
  for (const block of text.split(/\n\s*\n/)) {
    const end = /^End-Date:\s*(.+)$/m.exec(block)?.[1] ?? /^Start-Date:\s*(.+)$/m.exec(block)?.[1];
    const at = end ? isoFromLocalText(end, utcOffsetMinutes) : null;
    if (at == null) continue;
    for (const verb of ['Upgrade', 'Install'] as const) {
      const line = new RegExp(`^${verb}:\\s*(.+)$`, 'm').exec(block)?.[1];
      if (!line) continue;
      const packages = line.split(/\),\s*/).map((p) => p.split(':')[0]?.split(' ')[0] ?? '').filter(Boolean);
      const shown = packages.slice(0, 5).join(', ') + (packages.length > 5 ? ', …' : '');
      const title = `${verb} of ${packages.length} package${packages.length === 1 ? '' : 's'} (${shown})`;
      const current = newest[verb];
      if (current?.at == null || at >= current.at) newest[verb] = { title, at };
    }
  }
  return newest.Upgrade ?? newest.Install;
}

/** `apt-config dump`: APT::Periodic::Unattended-Upgrade "1"; absent means apt's default of 0 (off). */
export function parseAptPeriodic(text: string): boolean {
  const value = /^APT::Periodic::Unattended-Upgrade\s+"(\d+)";/m.exec(text)?.[1];
  return value != null && Number(value) > 0;
}
