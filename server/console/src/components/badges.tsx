import type { AvState, BackupState, DeviceBackupState, Priority, TicketStatus } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { readonly status: TicketStatus }) {
  const { t } = useTranslation();
  return <span className={`badge st-${status}`}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority, overridden }: { readonly priority: Priority; readonly overridden?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge prio-${priority}`} title={overridden ? t('ticket.priorityOverridden') : undefined}>
      {t(`priority.${priority}`)}
      {overridden ? ' *' : ''}
    </span>
  );
}

function avTone(state: AvState): string {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'off':
      return 'bad';
    case 'outdated':
      return 'warn';
    case 'unknown':
      return '';
  }
}

export function AvBadge({ state }: { readonly state: AvState }) {
  const { t } = useTranslation();
  return <span className={`badge ${avTone(state)}`}>{t(`av.${state}`)}</span>;
}

/** One tone for a backup state, whether a device's summary ('none') or a mechanism's ('not-configured'). */
export function backupTone(state: DeviceBackupState | BackupState): string {
  switch (state) {
    case 'ok':
      return 'ok';
    case 'stale':
      return 'warn';
    case 'failing':
    case 'none':
    case 'not-configured':
      return 'bad';
    case 'unknown':
      return '';
  }
}

export function BackupBadge({ state }: { readonly state: DeviceBackupState }) {
  const { t } = useTranslation();
  return <span className={`badge ${backupTone(state)}`}>{t(`backup.${state}`)}</span>;
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'unknown';

export function ToneBadge({ tone, children }: { readonly tone: Tone; readonly children: React.ReactNode }) {
  return <span className={`badge ${tone === 'unknown' ? '' : tone}`}>{children}</span>;
}

/** true/false/null rendered so that unknown is never read as "off". */
export function TriState({ value, on, off }: { readonly value: boolean | null | undefined; readonly on?: string; readonly off?: string }) {
  const { t } = useTranslation();
  if (value == null) return <span className="badge">{t('common.unknown')}</span>;
  return value ? <span className="badge ok">{on ?? t('common.yes')}</span> : <span className="badge bad">{off ?? t('common.no')}</span>;
}
