import type { DeviceDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { protectionLines, type LineSeverity } from './protection-lines.js';

function tone(severity: LineSeverity): string {
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
  const { t } = useTranslation();
  const sections = detail.inventory?.sections;
  const order: Record<LineSeverity, number> = { problem: 0, warning: 1, unknown: 2, ok: 3 };
  const lines = sections ? [...protectionLines(sections)].sort((a, b) => order[a.severity] - order[b.severity]) : [];
  const worst = lines[0]?.severity;
  return (
    <section className={`panel ${worst === 'problem' ? 'problem' : worst === 'warning' ? 'warning' : ''}`} aria-labelledby="protection-summary-title">
      <h2 id="protection-summary-title">{t('device.protectionSummary')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('device.noProtectionData')}</p>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 4 }}>
          {lines.map((line, i) => (
            <li key={i}>
              <span className={`badge ${tone(line.severity)}`}>{t(`severity.${line.severity}`)}</span>{' '}
              <span className="user-text">{t(`protection.${line.code}`, { ...line.params, defaultValue: line.text })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
