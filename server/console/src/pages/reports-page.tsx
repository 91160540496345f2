import { type SatisfactionRow, type ServiceRow, type TicketCategory, type TicketChannel } from '@deskside/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { reportCsvUrl, type ReportName } from '../api/reports-client.js';
import { BarList } from '../components/bar-list.js';
import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading } from '../components/states.js';
import { formatDuration, formatNumber } from '../format/numbers.js';
import { useTeams } from '../helpdesk/use-teams.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';
import { paramsFromReportFilters, periodQueueLink, reportFiltersFromParams, reportQuery, type ReportFilters } from './report-filters.js';

function CsvLink({ report, query }: { readonly report: ReportName; readonly query: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <a className="download-link" href={reportCsvUrl(report, query)} download>
      {t('reports.downloadCsv')}
    </a>
  );
}

function Section({ id, title, csv, children }: { readonly id: string; readonly title: string; readonly csv: ReactNode; readonly children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id} style={{ marginBottom: 12 }}>
      <div className="page-head">
        <h2 id={id}>{title}</h2>
        <span className="spacer" />
        {csv}
      </div>
      {children}
    </section>
  );
}

const duration = (ms: number | null, locale: string) => (ms === null ? '—' : formatDuration(ms / 1000, locale));
const percent = (fraction: number | null, locale: string) => (fraction === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction));

function ServiceTable({ rows, label, nameOf }: { readonly rows: readonly ServiceRow[]; readonly label: string; readonly nameOf: (r: ServiceRow) => string }) {
  const { t, i18n } = useTranslation();
  const l = i18n.language;
  return (
    <table className="data compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="num">{t('reports.tickets')}</th>
          <th scope="col" className="num">{t('reports.firstResponseMedian')}</th>
          <th scope="col" className="num">{t('reports.firstResponseP90')}</th>
          <th scope="col" className="num">{t('reports.resolutionMedian')}</th>
          <th scope="col" className="num">{t('reports.resolutionP90')}</th>
          <th scope="col" className="num">{t('reports.firstResponseCompliance')}</th>
          <th scope="col" className="num">{t('reports.resolutionCompliance')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id ?? 'none'}>
            <th scope="row">{nameOf(r)}</th>
            <td className="num">{formatNumber(r.tickets, l)}</td>
            <td className="num">{duration(r.firstResponse.medianMs, l)}</td>
            <td className="num">{duration(r.firstResponse.p90Ms, l)}</td>
            <td className="num">{duration(r.resolution.medianMs, l)}</td>
            <td className="num">{duration(r.resolution.p90Ms, l)}</td>
            <td className="num" title={t('reports.metOf', { met: r.firstResponseSla.met, total: r.firstResponseSla.met + r.firstResponseSla.breached })}>
              {percent(r.firstResponseSla.compliance, l)}
            </td>
            <td className="num" title={t('reports.metOf', { met: r.resolutionSla.met, total: r.resolutionSla.met + r.resolutionSla.breached })}>
              {percent(r.resolutionSla.compliance, l)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServiceLevels({ filters }: { readonly filters: ReportFilters }) {
  const { t } = useTranslation();
  const client = useClient();
  const query = reportQuery(filters);
  const res = useResource(`service:${JSON.stringify(query)}`, (signal) => client.reports.serviceLevels(query, signal));
  return (
    <Section id="report-service" title={t('reports.serviceLevels')} csv={<CsvLink report="service-levels" query={query} />}>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <ServiceTable rows={[res.data.overall]} label={t('reports.overall')} nameOf={() => t('reports.allTickets')} />
          <h3>{t('reports.byTeam')}</h3>
          <ServiceTable rows={res.data.byTeam} label={t('reports.team')} nameOf={(r) => r.name ?? t('reports.noTeam')} />
          <h3>{t('reports.byTechnician')}</h3>
          <ServiceTable rows={res.data.byTechnician} label={t('reports.technician')} nameOf={(r) => r.name ?? t('reports.unassigned')} />
          <p className="small muted">{t('reports.serviceNote')}</p>
        </>
      )}
    </Section>
  );
}

function Backlog({ teamId }: { readonly teamId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`backlog:${teamId}`, (signal) => client.reports.backlog(teamId === '' ? undefined : teamId, signal));
  return (
    <Section id="report-backlog" title={t('reports.backlog')} csv={<CsvLink report="backlog" query={teamId === '' ? {} : { teamId }} />}>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <p className="small muted">{t('reports.backlogTotal', { count: res.data.total })}</p>
          <BarList label={t('reports.backlog')} color="#e0a020" data={res.data.buckets.map((b) => ({ key: b.key, label: t(`reports.age.${b.key}`), value: b.count }))} />
        </>
      )}
    </Section>
  );
}

function Volume({ filters }: { readonly filters: ReportFilters }) {
  const { t } = useTranslation();
  const client = useClient();
  const query = reportQuery(filters);
  const res = useResource(`volume:${JSON.stringify(query)}`, (signal) => client.reports.volume(query, signal));
  const unknown = t('reports.unknown');
  return (
    <Section id="report-volume" title={t('reports.volume')} csv={<CsvLink report="volume" query={query} />}>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <p className="small muted">{t('reports.volumeTotal', { count: res.data.total })}</p>
          <div className="dashboard">
            <div>
              <h3>{t('reports.byCategory')}</h3>
              <BarList
                label={t('reports.byCategory')}
                data={res.data.byCategory.map((v) => ({
                  key: v.key ?? '',
                  label: v.key === null ? unknown : t(`category.${v.key as TicketCategory}`),
                  value: v.count,
                  to: v.key === null ? undefined : periodQueueLink(filters, { category: v.key }),
                }))}
              />
            </div>
            <div>
              <h3>{t('reports.byModel')}</h3>
              <BarList label={t('reports.byModel')} color="#7a57c9" data={res.data.byModel.map((v) => ({ key: v.key ?? '', label: v.key ?? unknown, value: v.count }))} />
            </div>
            <div>
              <h3>{t('reports.byOs')}</h3>
              <BarList label={t('reports.byOs')} color="#2f9e63" data={res.data.byOs.map((v) => ({ key: v.key ?? '', label: v.key ?? unknown, value: v.count }))} />
            </div>
            <div>
              <h3>{t('reports.byChannel')}</h3>
              <BarList
                label={t('reports.byChannel')}
                color="#c05a2b"
                data={res.data.byChannel.map((v) => ({ key: v.key ?? '', label: v.key === null ? unknown : t(`helpdesk.channels.${v.key as TicketChannel}`), value: v.count }))}
              />
            </div>
          </div>
        </>
      )}
    </Section>
  );
}

function SatisfactionTable({ rows, label, column, nameOf }: { readonly rows: readonly SatisfactionRow[]; readonly label: string; readonly column: string; readonly nameOf: (r: SatisfactionRow) => string }) {
  const { t, i18n } = useTranslation();
  const l = i18n.language;
  const average = (r: SatisfactionRow) => (r.averageRating === null ? '—' : new Intl.NumberFormat(l, { maximumFractionDigits: 2 }).format(r.averageRating));
  return (
    <table className="data compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col" className="num">{t('reports.tickets')}</th>
          <th scope="col" className="num">{t('reports.rated')}</th>
          <th scope="col" className="num">{t('reports.averageRating')}</th>
          <th scope="col">{t('reports.stars')}</th>
          <th scope="col" className="num">{t('reports.confirmed')}</th>
          <th scope="col" className="num">{t('reports.autoClosed')}</th>
          <th scope="col" className="num">{t('reports.reopened')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id ?? 'none'}>
            <th scope="row">{nameOf(r)}</th>
            <td className="num">{formatNumber(r.tickets, l)}</td>
            <td className="num">{formatNumber(r.rated, l)}</td>
            <td className="num">{average(r)}</td>
            <td>{r.stars.map((n, i) => t('reports.starsCount', { stars: i + 1, count: n })).join(' · ')}</td>
            <td className="num">{formatNumber(r.confirmed, l)}</td>
            <td className="num">{formatNumber(r.autoClosed, l)}</td>
            <td className="num">{formatNumber(r.reopened, l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Satisfaction({ filters }: { readonly filters: ReportFilters }) {
  const { t } = useTranslation();
  const client = useClient();
  const query = reportQuery(filters);
  const res = useResource(`satisfaction:${JSON.stringify(query)}`, (signal) => client.reports.satisfaction(query, signal));
  return (
    <Section id="report-satisfaction" title={t('reports.satisfaction')} csv={<CsvLink report="satisfaction" query={query} />}>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <SatisfactionTable rows={[res.data.overall]} label={t('reports.satisfactionOverall')} column={t('reports.overall')} nameOf={() => t('reports.allTickets')} />
          <h3>{t('reports.byTeam')}</h3>
          <SatisfactionTable rows={res.data.byTeam} label={t('reports.satisfactionByTeam')} column={t('reports.team')} nameOf={(r) => r.name ?? t('reports.noTeam')} />
          <h3>{t('reports.byTechnician')}</h3>
          <SatisfactionTable rows={res.data.byTechnician} label={t('reports.satisfactionByTechnician')} column={t('reports.technician')} nameOf={(r) => r.name ?? t('reports.unassigned')} />
          <h3>{t('reports.comments')}</h3>
          {res.data.comments.length === 0 ? (
            <p className="muted">{t('reports.noComments')}</p>
          ) : (
            <ul>
              {res.data.comments.map((c) => (
                <li key={c.ticketId}>
                  <Link to={`/tickets/${c.ticketId}`}>#{c.number}</Link> {t('reports.starsCount', { stars: c.rating, count: 1 })} <span className="user-text">{c.comment}</span>{' '}
                  <DateText iso={c.ratedAt} relative />
                </li>
              ))}
            </ul>
          )}
          <p className="small muted">{t('reports.satisfactionNote')}</p>
        </>
      )}
    </Section>
  );
}

/**
 * Helpdesk reports over a period and optionally one team. Each section loads on its own and has its
 * own CSV download; a new report is one more section here.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = reportFiltersFromParams(params, Date.now());
  const teams = useTeams();
  const change = (patch: Partial<ReportFilters>) => setParams(paramsFromReportFilters({ ...filters, ...patch }), { replace: true });
  return (
    <>
      <div className="page-head">
        <h1>{t('reports.title')}</h1>
      </div>
      <div className="report-filters" role="search">
        <Field label={t('reports.from')}>
          <input type="date" value={filters.from} max={filters.to} onChange={(e) => e.target.value !== '' && change({ from: e.target.value })} />
        </Field>
        <Field label={t('reports.to')}>
          <input type="date" value={filters.to} min={filters.from} onChange={(e) => e.target.value !== '' && change({ to: e.target.value })} />
        </Field>
        <Field label={t('reports.team')}>
          <select value={filters.teamId} onChange={(e) => change({ teamId: e.target.value })}>
            <option value="">{t('reports.everyTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
        <span className="small muted">{t('reports.periodNote')}</span>
      </div>
      <ServiceLevels filters={filters} />
      <Backlog teamId={filters.teamId} />
      <Volume filters={filters} />
      <Satisfaction filters={filters} />
    </>
  );
}
