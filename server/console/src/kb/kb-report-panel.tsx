import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { formatNumber } from '../format/numbers.js';
import { useResource } from '../hooks/use-resource.js';
import { useKbClient } from './kb-client-hook.js';

const PERIODS = [7, 30, 90] as const;

/** Deflection (reports an article answered), searches that found nothing, and the most used articles. */
export function KbReportPanel() {
  const { t, i18n } = useTranslation();
  const kb = useKbClient();
  const [days, setDays] = useState<number>(30);
  const res = useResource(`kb:report:${days}`, (signal) => kb.report(days, signal));
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <>
      <div className="filters">
        <Field label={t('kb.period')}>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('kb.lastDays', { count: d })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <section className="panel" aria-labelledby="deflection-title">
            <h2 id="deflection-title">{t('kb.deflectionTitle')}</h2>
            <p data-testid="deflection">
              {t('kb.deflectionText', {
                deflected: n(res.data.deflected),
                filed: n(res.data.ticketsFiled),
                rate: res.data.deflectionRate === null ? '—' : `${Math.round(res.data.deflectionRate * 100)}%`,
              })}
            </p>
            <p className="small muted">{t('kb.searchesCount', { count: res.data.searches })}</p>
          </section>
          <section className="panel" aria-labelledby="unanswered-title">
            <h2 id="unanswered-title">{t('kb.unansweredTitle')}</h2>
            {res.data.unanswered.length === 0 ? (
              <EmptyState>{t('kb.noUnanswered')}</EmptyState>
            ) : (
              <table className="data" aria-labelledby="unanswered-title">
                <thead>
                  <tr>
                    <th>{t('kb.query')}</th>
                    <th>{t('kb.times')}</th>
                    <th>{t('kb.lastSearched')}</th>
                  </tr>
                </thead>
                <tbody>
                  {res.data.unanswered.map((u) => (
                    <tr key={u.query}>
                      <td className="user-text">{u.query}</td>
                      <td>{n(u.count)}</td>
                      <td>
                        <DateText iso={u.lastAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="top-title">
            <h2 id="top-title">{t('kb.topTitle')}</h2>
            {res.data.topArticles.length === 0 ? (
              <EmptyState>{t('kb.noTop')}</EmptyState>
            ) : (
              <table className="data" aria-labelledby="top-title">
                <thead>
                  <tr>
                    <th>{t('kb.title')}</th>
                    <th>{t('kb.solved')}</th>
                    <th>{t('kb.linkedTickets')}</th>
                  </tr>
                </thead>
                <tbody>
                  {res.data.topArticles.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/kb/articles/${a.id}`} className="user-text">
                          {a.title}
                        </Link>
                      </td>
                      <td>{n(a.solved)}</td>
                      <td>{n(a.linkedTickets)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </>
  );
}
