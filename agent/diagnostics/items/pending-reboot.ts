import type { DiagnosticProbe } from '../probe.js';
import { ProbeUnsupportedError } from '../probe.js';

/** The registry markers Windows Update, CBS and file-rename operations leave when a restart is owed. */
export const WINDOWS_PENDING_REBOOT_SCRIPT = `
$r = [ordered]@{
  ComponentBasedServicing = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'
  WindowsUpdate = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'
  PendingFileRename = $null -ne (Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue)
}
$r | ConvertTo-Json -Compress`;

export function parseWindowsPendingReboot(output: string): { pending: boolean; reasons: string[] } {
  const parsed = JSON.parse(output.replace(/^\uFEFF/, '').trim()) as Record<string, unknown>;
  const reasons = Object.entries(parsed)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
  return { pending: reasons.length > 0, reasons };
}

/** Debian/Ubuntu's /var/run/reboot-required(.pkgs), written by update-notifier's hooks. */
export function parseRebootRequiredPkgs(text: string): string[] {
  return [...new Set(text.split('\n').map((s) => s.trim()).filter(Boolean))].slice(0, 100);
}

export const pendingRebootProbe: DiagnosticProbe = {
  id: 'pending-reboot',
  timeoutMs: 4000,
  async run(ctx) {
    switch (ctx.platform) {
      case 'win32': {
        const res = await ctx.system.powershell(WINDOWS_PENDING_REBOOT_SCRIPT, { timeoutMs: 4000 });
        if (res.exitCode !== 0) throw new Error(res.stderr.trim() || `PowerShell exited ${res.exitCode}`);
        const { pending, reasons } = parseWindowsPendingReboot(res.stdout);
        return { summary: pending ? `Restart pending (${reasons.join(', ')})` : 'No restart pending', data: { pending, reasons } };
      }
      case 'linux': {
        const marker = '/var/run/reboot-required';
        if (!(await ctx.system.fileExists(marker))) return { summary: 'No restart pending', data: { pending: false, reasons: [], packages: [] } };
        const pkgs = (await ctx.system.fileExists(`${marker}.pkgs`)) ? parseRebootRequiredPkgs(await ctx.system.readFile(`${marker}.pkgs`)) : [];
        return { summary: `Restart pending${pkgs.length > 0 ? ` for ${pkgs.slice(0, 5).join(', ')}` : ''}`, data: { pending: true, reasons: ['reboot-required'], packages: pkgs } };
      }
      case 'darwin':
        throw new ProbeUnsupportedError('macOS records a pending restart only inside Software Update, which would contact Apple');
    }
  },
};
