import type { RebootCheck } from './types.js';

/** /var/run/reboot-required(.pkgs), written by Debian/Ubuntu package hooks: which packages want it. */
export function rebootRequiredFileCheck(exists: boolean, pkgs: string | null, canCheck: boolean): RebootCheck {
  if (!canCheck) return { pending: null, reasons: [], source: '/var/run/reboot-required' };
  if (!exists) return { pending: false, reasons: [], source: '/var/run/reboot-required' };
  const packages = [...new Set((pkgs ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean))];
  const reason = packages.length > 0 ? `reboot-required by ${packages.slice(0, 10).join(', ')}${packages.length > 10 ? ', …' : ''}` : 'reboot-required';
  return { pending: true, reasons: [reason], source: '/var/run/reboot-required' };
}

/** `needs-restarting -r` (dnf-utils): exit 1 and " * reason" lines when a reboot is needed, exit 0 when not. */
export function needsRestartingCheck(stdout: string, exitCode: number): RebootCheck {
  if (exitCode !== 0 && exitCode !== 1) return { pending: null, reasons: [], source: 'needs-restarting -r' };
  if (exitCode === 0) return { pending: false, reasons: [], source: 'needs-restarting -r' };
  const items = stdout.split(/\r?\n/).filter((l) => /^\s*\*\s+/.test(l)).map((l) => l.replace(/^\s*\*\s+/, '').trim());
  return { pending: true, reasons: [items.length ? `updated since boot: ${items.join(', ')}` : 'needs-restarting: reboot required'], source: 'needs-restarting -r' };
}

/**
 * The running kernel against the newest one installed in /boot (vmlinuz-<release>). Only judged when
 * the running kernel is itself among them: a custom or container kernel tells us nothing.
 */
export function kernelCheck(running: string, bootEntries: readonly string[]): RebootCheck {
  const source = 'uname -r vs /boot';
  const installed = bootEntries.filter((e) => e.startsWith('vmlinuz-')).map((e) => e.slice('vmlinuz-'.length));
  if (!installed.includes(running)) return { pending: null, reasons: [], source };
  const newest = [...installed].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
  if (newest === undefined || newest === running) return { pending: false, reasons: [], source };
  return { pending: true, reasons: [`kernel ${newest} installed, ${running} running`], source };
}
