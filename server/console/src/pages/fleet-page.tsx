import { AV_STATES, DEVICE_BACKUP_STATES, PLATFORMS, TICKET_STATUSES, type Dashboard } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { DateText } from '../components/date-text.js';
import { LinkBarChart } from '../components/link-bar-chart.js';
import { ErrorState, Loading } from '../components/states.js';
import { formatDate } from '../format/dates.js';
import { formatNumber } from '../format/numbers.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const COLORS = {
  ok: '#2f9e63',
  warn: '#e0a020',
  bad: '#d23f45',
  unknown: '#9aa3b2',
  win32: '#2c6fd6',
  darwin: '#7a57c9',
  linux: '#d9822b',
  opened: '#2c6fd6',
  resolved: '#2f9e63',
} as const;

const AV_COLOR = { ok: COLORS.ok, off: COLORS.bad, outdated: COLORS.warn, unknown: COLORS.unknown } as const;
const BACKUP_COLOR = { ok: COLORS.ok, stale: COLORS.warn, failing: COLORS.bad, none: '#8b1e23', unknown: COLORS.unknown } as const;
const STATUS_COLOR = { new: '#2c6fd6', open: COLORS.warn, 'waiting-on-user': '#7a57c9', resolved: COLORS.ok, closed: COLORS.unknown } as const;

function Tile({ title, value, to, tone }: { readonly title: string; readonly value: number; readonly to: string; readonly tone?: 'bad' | 'warn' }) {
  const { i18n } = useTranslation();
  return (
    <Link to={to} className={`panel ${tone === 'bad' && value > 0 ? 'problem' : tone === 'warn' && value > 0 ? 'warning' : ''}`} style={{ display: 'block', color: 'inherit' }}>
      <div className="muted small">{title}</div>
      <div className="big-number">{formatNumber(value, i18n.language)}</div>
    </Link>
  );
}

/** The queue filtered to tickets opened (or resolved) on these UTC days, every status. */
export function perDayQueueLink(kind: 'opened' | 'resolved', from: string, to: string = from): string {
  const p = new URLSearchParams({ status: 'all', [`${kind}From`]: from, [`${kind}To`]: to });
  if (kind === 'opened') {
    p.set('sort', 'age');
    p.set('order', 'asc');
  }
  return `/queue?${p.toString()}`;
}

function TicketsPerDay({ data }: { readonly data: Dashboard['tickets']['perDay'] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // Days are UTC calendar dates; formatting them in UTC keeps "today" on the right day for every viewer.
  const rows = data.map((d) => ({ ...d, label: formatDate(`${d.date}T12:00:00Z`, i18n.language, 'UTC') }));
  const opened = data.reduce((s, d) => s + d.opened, 0);
  const resolved = data.reduce((s, d) => s + d.resolved, 0);
  const first = data[0]?.date ?? '';
  const last = data[data.length - 1]?.date ?? '';
  // A click on a day's bar opens that day's tickets; the links below serve keyboards and screen readers.
  const openDay = (kind: 'opened' | 'resolved') => (entry: { payload?: { date?: unknown } }) => {
    const date = entry.payload?.date;
    if (typeof date === 'string') void navigate(perDayQueueLink(kind, date));
  };
  return (
    <figure style={{ margin: 0 }} aria-label={t('fleet.ticketsPerDay')}>
      <div style={{ width: '100%', height: 220 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="opened" name={t('fleet.opened')} fill={COLORS.opened} isAnimationActive={false} cursor="pointer" onClick={openDay('opened')} />
            <Bar dataKey="resolved" name={t('fleet.resolved')} fill={COLORS.resolved} isAnimationActive={false} cursor="pointer" onClick={openDay('resolved')} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-links">
        <Link to={perDayQueueLink('opened', first, last)}>
          <span className="legend-dot" style={{ background: COLORS.opened }} aria-hidden="true" />
          {t('fleet.opened')}: <strong>{formatNumber(opened, i18n.language)}</strong>
        </Link>
        <Link to={perDayQueueLink('resolved', first, last)}>
          <span className="legend-dot" style={{ background: COLORS.resolved }} aria-hidden="true" />
          {t('fleet.resolved')}: <strong>{formatNumber(resolved, i18n.language)}</strong>
        </Link>
      </figcaption>
    </figure>
  );
}

export function FleetPage() {
  const { t } = useTranslation();
  const client = useClient();
  const [days, setDays] = useState(30);
  const res = useResource(`dashboard:${days}`, (signal) => client.dashboard(days, signal), { pollMs: 60_000 });

  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} />;
  const d = res.data;

  return (
    <>
      <div className="page-head">
        <h1>{t('fleet.title')}</h1>
        <span className="small muted">
          {t('fleet.generated')} <DateText iso={d.generatedAt} relative />
        </span>
        <span className="spacer" />
        <label className="row">
          {t('fleet.period')}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90].map((n) => (
              <option key={n} value={n}>
                {t('fleet.lastDays', { count: n })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="grid-3" style={{ gridTemplateColumns: 'repeat(4, minmax(0, 1fr))' }}>
        <Tile title={t('fleet.devices')} value={d.devices.total} to="/devices" />
        <Tile title={t('fleet.notSeen7')} value={d.devices.notSeen7Days} to="/devices?notSeenDays=7" tone="warn" />
        <Tile title={t('fleet.diskOver90')} value={d.devices.diskOver90Percent} to="/devices?maxFreeDisk=10" tone="bad" />
        <Tile title={t('fleet.unassignedOpen')} value={d.tickets.unassignedOpen} to="/queue?assignee=none" tone="warn" />
      </div>
      <div className="dashboard">
        <section className="panel chart-panel" aria-labelledby="chart-os">
          <h2 id="chart-os">{t('fleet.byOs')}</h2>
          <LinkBarChart
            label={t('fleet.byOs')}
            data={PLATFORMS.map((p) => ({ key: p, label: t(`platform.${p}`), value: d.devices.byPlatform[p], color: COLORS[p], to: `/devices?platform=${p}` }))}
          />
          {d.devices.byOs.length > 0 && (
            <table className="data compact" style={{ marginTop: 8 }} aria-label={t('fleet.osVersions')}>
              <tbody>
                {d.devices.byOs.slice(0, 6).map((o, i) => (
                  <tr key={i}>
                    <td>{[o.osName ?? '—', o.osVersion].filter(Boolean).join(' ')}</td>
                    <td className="num">{o.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel chart-panel" aria-labelledby="chart-av">
          <h2 id="chart-av">{t('fleet.antivirus')}</h2>
          <LinkBarChart
            label={t('fleet.antivirus')}
            data={AV_STATES.map((s) => ({ key: s, label: t(`av.${s}`), value: d.devices.antivirus[s], color: AV_COLOR[s], to: `/devices?av=${s}` }))}
          />
        </section>
        <section className="panel chart-panel" aria-labelledby="chart-backup">
          <h2 id="chart-backup">{t('fleet.backup')}</h2>
          <LinkBarChart
            label={t('fleet.backup')}
            data={DEVICE_BACKUP_STATES.map((s) => ({ key: s, label: t(`backup.${s}`), value: d.devices.backup[s], color: BACKUP_COLOR[s], to: `/devices?backup=${s}` }))}
          />
        </section>
        <section className="panel chart-panel" aria-labelledby="chart-status">
          <h2 id="chart-status">{t('fleet.ticketsByStatus')}</h2>
          <LinkBarChart
            label={t('fleet.ticketsByStatus')}
            data={TICKET_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), value: d.tickets.byStatus[s], color: STATUS_COLOR[s], to: `/queue?status=${s}` }))}
          />
        </section>
        <section className="panel chart-panel" aria-labelledby="chart-perday" style={{ gridColumn: '1 / -1' }}>
          <h2 id="chart-perday">{t('fleet.ticketsPerDay')}</h2>
          <TicketsPerDay data={d.tickets.perDay} />
        </section>
      </div>
    </>
  );
}
