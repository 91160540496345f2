import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Pagination } from '../components/pagination.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const PAGE_SIZE = 50;

/** Who changed what: every write in the system leaves a line here. */
export function AuditPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const [page, setPage] = useState(1);
  const res = useResource(`audit:${page}`, (signal) => client.audit({ page, pageSize: PAGE_SIZE }, signal));
  return (
    <section className="panel" aria-labelledby="admin-audit">
      <h2 id="admin-audit">{t('admin.audit')}</h2>
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('admin.noAudit')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <>
          <table className="data compact" aria-label={t('admin.audit')}>
            <thead>
              <tr>
                <th>{t('admin.when')}</th>
                <th>{t('admin.who')}</th>
                <th>{t('admin.action')}</th>
                <th>{t('admin.target')}</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {res.data.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">
                    <DateText iso={e.at} />
                  </td>
                  <td>{e.actor.name ?? t(`actorKind.${e.actor.kind}`)}</td>
                  <td className="mono">{e.action}</td>
                  <td className="small">
                    {e.target.kind} <span className="mono muted">{e.target.id?.slice(0, 8)}</span>
                  </td>
                  <td className="mono small">{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
