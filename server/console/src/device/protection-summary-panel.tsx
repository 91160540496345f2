import { summarizeProtection, type DeviceDetail, type ProtectionSeverity } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { protectionText } from './protection-text.js';

function tone(severity: ProtectionSeverity): string {
  switch (severity) {
    case 'ok':
      return 'ok';
    case 'warning':
      return 'warn';
    case 'problem':
      return 'bad';
    case 'unknown':
      return '';
  }
}

/** The device's protection at a glance, worst first, with problems highlighted. */
export function ProtectionSummaryPanel({ detail }: { readonly detail: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const sections = detail.inventory?.sections;
  const order: Record<ProtectionSeverity, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };
  // Judged against the inventory's own time, so "signatures 3 days old" means old when collected.
  const collectedAt = detail.inventory ? new Date(detail.inventory.collectedAt) : new Date();
  const lines = sections ? [...summarizeProtection(sections, collectedAt)].sort((a, b) => order[a.severity] - order[b.severity]) : [];
  const worst = lines[0]?.severity;
  return (
    <section className={`panel ${worst === 'problem' ? 'problem' : worst === 'warning' ? 'warning' : ''}`} aria-labelledby="protection-summary-title">
      <h2 id="protection-summary-title">{t('device.protectionSummary')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('device.noProtectionData')}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 4 }}>
          {lines.map((line) => (
            <li key={line.section}>
              <span className={`badge ${tone(line.severity)}`}>{t(`severity.${line.severity}`)}</span>{' '}
              <span className="user-text">{protectionText(line, t, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
