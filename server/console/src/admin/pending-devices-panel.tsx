import type { PendingDecision, PendingDevice } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { DateText } from '../components/date-text.js';
import { EmptyState, ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const CONFIRM = { approve: 'enrollment.confirmApprove', merge: 'enrollment.confirmMerge', reject: 'enrollment.confirmReject' } as const;

/** Enrollments that look like an existing device but lack its key: approve, merge or reject each. */
export function PendingDevicesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('pending-enrollments', (signal) => client.pendingEnrollments(signal));
  const [error, setError] = useState<string | null>(null);

  const decide = async (p: PendingDevice, decision: PendingDecision) => {
    if (!window.confirm(t(CONFIRM[decision], { name: p.device.hostname, target: p.resembles?.hostname ?? '' }))) return;
    setError(null);
    try {
      await client.decideEnrollment(p.device.id, decision);
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <section className="panel" aria-labelledby="admin-pending">
      <h2 id="admin-pending">{t('enrollment.title')}</h2>
      <p className="small muted">{t('enrollment.help')}</p>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('enrollment.none')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <table className="data compact" aria-label={t('enrollment.title')}>
          <thead>
            <tr>
              <th>{t('enrollment.device')}</th>
              <th>{t('enrollment.enrolled')}</th>
              <th>{t('enrollment.key')}</th>
              <th>{t('enrollment.resembles')}</th>
              <th>{t('enrollment.matchedOn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((p) => (
              <tr key={p.device.id}>
                <td>
                  <Link to={`/devices/${p.device.id}`}>{p.device.hostname}</Link>
                  <div className="small muted mono">{p.device.serial ?? '—'}</div>
                </td>
                <td>
                  <DateText iso={p.device.enrolledAt} />
                  <div className="small muted mono">{p.device.ip ?? '—'}</div>
                </td>
                <td>{p.device.keyBound ? t('enrollment.keyBound') : t('enrollment.keyNone')}</td>
                <td>
                  {p.resembles === null ? (
                    <span className="muted">{t('enrollment.gone')}</span>
                  ) : (
                    <>
                      <Link to={`/devices/${p.resembles.id}`}>{p.resembles.hostname}</Link>
                      <div className="small muted">
                        <DateText iso={p.resembles.lastSeenAt} relative />
                      </div>
                    </>
                  )}
                </td>
                <td>{p.matchedOn.map((m) => t(`enrollment.${m}`)).join(', ') || '—'}</td>
                <td className="row">
                  <button type="button" className="btn btn-small" onClick={() => void decide(p, 'approve')}>
                    {t('enrollment.approve')}
                  </button>
                  {p.resembles !== null && (
                    <button type="button" className="btn btn-small" onClick={() => void decide(p, 'merge')}>
                      {t('enrollment.merge')}
                    </button>
                  )}
                  <button type="button" className="btn btn-small btn-danger" onClick={() => void decide(p, 'reject')}>
                    {t('enrollment.reject')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
