import { HISTORY_KINDS, type HistoryEntry, type HistoryKind } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Pagination } from '../components/pagination.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const PAGE_SIZE = 100;

function kindClass(kind: HistoryKind): string {
  switch (kind) {
    case 'software-installed':
      return 'diff-added';
    case 'software-removed':
      return 'diff-removed';
    case 'software-updated':
    case 'hardware-changed':
    case 'ip-changed':
    case 'protection-changed':
    case 'remote-access-changed':
      return 'diff-changed';
  }
}

function kindSign(kind: HistoryKind): string {
  switch (kind) {
    case 'software-installed':
      return '+';
    case 'software-removed':
      return '−';
    case 'software-updated':
    case 'hardware-changed':
    case 'ip-changed':
    case 'protection-changed':
    case 'remote-access-changed':
      return '~';
  }
}

/** Changes grouped by the inventory that brought them, newest first: what a "diff" between inventories is. */
export function groupByTime(entries: readonly HistoryEntry[]): readonly { at: string; entries: readonly HistoryEntry[] }[] {
  const groups: { at: string; entries: HistoryEntry[] }[] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && last.at === e.at) last.entries.push(e);
    else groups.push({ at: e.at, entries: [e] });
  }
  return groups;
}

export function HistoryTab({ deviceId }: { readonly deviceId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [kind, setKind] = useState<HistoryKind | ''>('');
  const [page, setPage] = useState(1);
  const query = { page, pageSize: PAGE_SIZE, ...(kind !== '' ? { kind } : {}) };
  const res = useResource(`history:${deviceId}:${kind}:${page}`, (signal) => client.deviceHistory(deviceId, query, signal));

  return (
    <section className="panel" aria-labelledby="history-title">
      <div className="panel-head">
        <h2 id="history-title">{t('device.tabs.history')}</h2>
        <span className="spacer" />
        <label className="row">
          {t('device.changeKind')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as HistoryKind | '');
              setPage(1);
            }}
          >
            <option value="">{t('common.all')}</option>
            {HISTORY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`historyKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('device.noHistory')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <>
          {groupByTime(res.data.items).map((group) => (
            <div key={group.at} style={{ marginBottom: 12 }}>
              <h3>
                <DateText iso={group.at} /> <span className="muted small">({t('device.changes', { count: group.entries.length })})</span>
              </h3>
              <table className="data compact" aria-label={t('device.changesAt', { count: group.entries.length })}>
                <tbody>
                  {group.entries.map((e) => (
                    <tr key={e.id}>
                      <td className={`${kindClass(e.kind)} mono`} style={{ width: 20 }} aria-hidden="true">
                        {kindSign(e.kind)}
                      </td>
                      <td style={{ width: 170 }} className="small">
                        {t(`historyKind.${e.kind}`)}
                      </td>
                      <td>
                        <strong>{e.subject}</strong>
                      </td>
                      <td className="mono small">
                        {e.before !== null && <span className="diff-removed">{e.before}</span>}
                        {e.before !== null && e.after !== null && ' → '}
                        {e.after !== null && <span className="diff-added">{e.after}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          <Pagination page={page} pageSize={PAGE_SIZE} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
