import type { TicketSla } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { formatDateTime, formatRelative } from '../format/dates.js';
import { TONE_CLASS, nextTone } from './sla-status.js';

/** The queue's due column: when the next target falls due, coloured when soon or overdue. */
export function SlaDueCell({ sla, now = Date.now() }: { readonly sla: TicketSla | null; readonly now?: number }) {
  const { t, i18n } = useTranslation();
  if (sla === null) return <span className="muted">—</span>;
  const { tone, dueAt } = nextTone(sla, now);
  const label = t(`sla.tone.${tone}`);
  return (
    <span className={`badge ${TONE_CLASS[tone]}`} title={dueAt === null ? label : `${label} · ${formatDateTime(dueAt, i18n.language)}`} data-sla={tone}>
      {dueAt === null ? label : formatRelative(dueAt, i18n.language, new Date(now))}
    </span>
  );
}
