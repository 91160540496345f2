import type { Sections } from '@deskside/shared';

export type LineSeverity = 'ok' | 'warning' | 'problem' | 'unknown';

/** One technician-facing line about a protection section. */
export interface ProtectionLine {
  readonly section: 'antivirus' | 'firewall' | 'encryption' | 'updates' | 'backup';
  readonly severity: LineSeverity;
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

/** Interim reading of the protection sections until the shared summary is available. */
export function protectionLines(sections: Sections): readonly ProtectionLine[] {
  const lines: ProtectionLine[] = [];
  const av = sections.antivirus;
  if (av?.data) {
    const products = av.data.products;
    const on = products.filter((p) => p.enabled === true);
    if (products.length === 0) lines.push({ section: 'antivirus', severity: 'problem', code: 'av-none', params: {}, text: 'Antivirus: none found' });
    else if (on.length === 0 && products.some((p) => p.enabled === false))
      lines.push({ section: 'antivirus', severity: 'problem', code: 'av-off', params: { product: products[0]?.name ?? '' }, text: `Antivirus: ${products[0]?.name ?? ''} off` });
    else if (on.some((p) => p.signaturesUpToDate === false))
      lines.push({ section: 'antivirus', severity: 'warning', code: 'av-signatures-old', params: { product: on[0]?.name ?? '' }, text: `Antivirus: ${on[0]?.name ?? ''} signatures out of date` });
    else if (on.length > 0) lines.push({ section: 'antivirus', severity: 'ok', code: 'av-ok', params: { product: on[0]?.name ?? '' }, text: `Antivirus: ${on[0]?.name ?? ''} on` });
    else lines.push({ section: 'antivirus', severity: 'unknown', code: 'av-unknown', params: {}, text: 'Antivirus: unknown' });
  }
  const backup = sections.backup;
  if (backup?.data) {
    const o = backup.data.overall;
    const severity: LineSeverity = o === 'ok' ? 'ok' : o === 'stale' ? 'warning' : o === 'unknown' ? 'unknown' : 'problem';
    lines.push({ section: 'backup', severity, code: `backup-${o}`, params: {}, text: `Backup: ${o}` });
  }
  const updates = sections.updates;
  if (updates?.data?.pendingReboot === true) lines.push({ section: 'updates', severity: 'warning', code: 'reboot-pending', params: {}, text: 'Updates: restart pending' });
  const fw = sections.firewall;
  if (fw?.data?.enabled === false) lines.push({ section: 'firewall', severity: 'problem', code: 'firewall-off', params: {}, text: 'Firewall: off' });
  const enc = sections.encryption;
  if (enc?.data?.systemVolumeProtected === false) lines.push({ section: 'encryption', severity: 'warning', code: 'encryption-off', params: {}, text: 'Encryption: system volume not encrypted' });
  return lines;
}
