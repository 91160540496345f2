import { PRIORITIES, TICKET_CATEGORIES, TICKET_STATUSES, type TicketStatus, type TicketSummary } from '@deskside/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { queueCsvUrl } from '../api/reports-client.js';
import { PriorityBadge, StatusBadge } from '../components/badges.js';
import { AgeText, DateText } from '../components/date-text.js';
import { EmptyList } from '../components/empty-list.js';
import { Field } from '../components/field.js';
import { Pagination } from '../components/pagination.js';
import { ErrorState, Loading } from '../components/states.js';
import { formatDate } from '../format/dates.js';
import { formatNumber } from '../format/numbers.js';
import { QueueTeamFilters } from '../helpdesk/queue-team-filters.js';
import { SlaDueCell } from '../helpdesk/sla-due-cell.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { useResource } from '../hooks/use-resource.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { useClient } from '../session/session-context.js';
import { DevicePicker } from './device-picker.js';
import { BulkCheckbox, QueueBulkBar, useBulkSelection } from './queue-bulk.js';
import { ANY_DAY, QUEUE_PAGE_SIZE, filtersFromParams, isAnyDay, paramsFromFilters, toApiQuery, toExportQuery, type DayRange, type QueueFilters } from './queue-filters.js';
import { NewTicketLink, QueueRowMarkers } from './queue-row-markers.js';
import { SavedViews } from './saved-views.js';
import { useTechnicianOptions } from './use-technician-options.js';

/** Drawn, not an emoji: emoji fonts are missing on many locked-down desktops. */
function PaperclipIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" style={{ verticalAlign: '-1px', marginRight: 2 }}>
      <path d="M21 11.5l-8.5 8.5a5.5 5.5 0 01-7.8-7.8l9.2-9.2a3.7 3.7 0 015.2 5.2l-9.2 9.2a1.8 1.8 0 01-2.6-2.6l8.5-8.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A day filter (set by the dashboard's per-day chart) shown as a button that removes it. */
function DayRangeFilter({ label, range, onClear }: { readonly label: string; readonly range: DayRange; readonly onClear: () => void }) {
  const { t, i18n } = useTranslation();
  // The dashboard counts UTC calendar days, so they are named in UTC here too.
  const name = (d: string) => formatDate(`${d}T12:00:00Z`, i18n.language, 'UTC');
  const text =
    range.from !== '' && range.to !== ''
      ? range.from === range.to
        ? name(range.from)
        : t('queue.dayRange', { from: name(range.from), to: name(range.to) })
      : range.from !== ''
        ? t('queue.fromDay', { day: name(range.from) })
        : t('queue.untilDay', { day: name(range.to) });
  return (
    <div className="field">
      {label}
      <button type="button" className="btn" aria-label={t('queue.clearDays', { what: label, range: text })} onClick={onClear}>
        {text} ✕
      </button>
    </div>
  );
}

/** How often the queue asks for new tickets; short enough to feel live, cheap for the server. */
export const QUEUE_POLL_MS = 10_000;

export function QueuePage() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [text, setText] = useState(filters.q);
  const debouncedText = useDebounced(text, 300);
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(0);
  const technicians = useTechnicianOptions();

  const update = (patch: Partial<QueueFilters>) => {
    setParams(paramsFromFilters({ ...filters, page: 1, ...patch }), { replace: true });
  };

  useEffect(() => {
    if (debouncedText !== filters.q) update({ q: debouncedText });
    // Only the settled search text drives this; the filters are read fresh at that moment.
  }, [debouncedText]);

  const apiQuery = toApiQuery(filters);
  const key = JSON.stringify(apiQuery);
  const tickets = useResource(key, (signal) => client.tickets(apiQuery, signal), { pollMs: QUEUE_POLL_MS });

  // Tickets that arrived while the technician watched are marked until the filters change.
  const seen = useRef<{ key: string; ids: Set<string> } | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (tickets.state !== 'ready') return;
    const ids = tickets.data.items.map((item) => item.id);
    if (seen.current === null || seen.current.key !== key) {
      seen.current = { key, ids: new Set(ids) };
      setFresh(new Set());
      return;
    }
    const known = seen.current.ids;
    const arrived = ids.filter((id) => !known.has(id));
    if (arrived.length > 0) {
      for (const id of arrived) known.add(id);
      setFresh((prev) => new Set([...prev, ...arrived]));
      setAnnouncement(t('queue.arrived', { count: arrived.length }));
    }
  }, [tickets.state, tickets.data, key, t]);

  const items: readonly TicketSummary[] = tickets.data?.items ?? [];
  const bulk = useBulkSelection(items);
  useEffect(() => setSelected((s) => Math.min(s, Math.max(0, items.length - 1))), [items.length]);

  useShortcuts({
    j: () => setSelected((s) => Math.min(s + 1, items.length - 1)),
    ArrowDown: () => setSelected((s) => Math.min(s + 1, items.length - 1)),
    k: () => setSelected((s) => Math.max(s - 1, 0)),
    ArrowUp: () => setSelected((s) => Math.max(s - 1, 0)),
    Enter: () => {
      const item = items[selected];
      if (item) void navigate(`/tickets/${item.id}`);
    },
    o: () => {
      const item = items[selected];
      if (item) void navigate(`/tickets/${item.id}`);
    },
    '/': () => searchRef.current?.focus(),
    r: () => tickets.reload(),
    n: () => update({ statuses: ['new'] }),
    a: () => update({ statuses: [] }),
  });

  const counts = tickets.data?.counts;
  const onlyStatus = filters.statuses.length === 1 ? filters.statuses[0] : undefined;
  const toggleStatus = (status: TicketStatus) => update({ statuses: onlyStatus === status ? ['new', 'open', 'waiting-on-user'] : [status] });

  const sortHeader = (sort: 'priority' | 'age' | 'due', label: string) => {
    const active = filters.sort === sort;
    return (
      <th aria-sort={active ? (filters.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="th-sort"
          onClick={() => update({ sort, order: active && filters.order === 'desc' ? 'asc' : 'desc' })}
        >
          {label}
          <span aria-hidden="true">{active ? (filters.order === 'desc' ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('queue.title')}</h1>
        {tickets.refreshing && <span className="spinner" aria-hidden="true" />}
        <span className="spacer" />
        <NewTicketLink />
        <a className="download-link" href={queueCsvUrl(toExportQuery(apiQuery))} download>
          {t('queue.exportCsv')}
        </a>
        <span className="small muted">
          {t('queue.shortcuts')} <kbd>j</kbd>/<kbd>k</kbd> <kbd>Enter</kbd> <kbd>/</kbd> <kbd>r</kbd>
        </span>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      <SavedViews />
      <div className="counts" role="group" aria-label={t('queue.countsLabel')}>
        {TICKET_STATUSES.map((status) => (
          <button key={status} type="button" className="count-chip" aria-pressed={onlyStatus === status} onClick={() => toggleStatus(status)}>
            {t(`status.${status}`)}
            <span className="n">{counts ? formatNumber(counts[status], i18n.language) : '…'}</span>
          </button>
        ))}
      </div>

      <div className="filters" role="search">
        <Field label={t('queue.search')} className="grow">
          <input ref={searchRef} type="search" value={text} placeholder={t('queue.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Field label={t('queue.status')}>
          <select
            value={filters.statuses.length === 0 ? 'all' : filters.statuses.length === 1 ? filters.statuses[0] : 'active'}
            onChange={(e) => {
              const v = e.target.value;
              update({ statuses: v === 'all' ? [] : v === 'active' ? ['new', 'open', 'waiting-on-user'] : [v as TicketStatus] });
            }}
          >
            <option value="active">{t('queue.statusActive')}</option>
            <option value="all">{t('common.all')}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('queue.priority')}>
          <select
            value={filters.priorities.length === 1 ? filters.priorities[0] : filters.priorities.length === 0 ? '' : 'high+'}
            onChange={(e) => {
              const v = e.target.value;
              update({ priorities: v === '' ? [] : v === 'high+' ? ['high', 'critical'] : [v as (typeof PRIORITIES)[number]] });
            }}
          >
            <option value="">{t('common.all')}</option>
            <option value="high+">{t('queue.highAndCritical')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('queue.assignee')}>
          <select value={filters.assignee} onChange={(e) => update({ assignee: e.target.value })}>
            <option value="">{t('common.all')}</option>
            <option value="me">{t('queue.assignedToMe')}</option>
            <option value="none">{t('queue.unassigned')}</option>
            {technicians.map((tech) => (
              <option key={tech.id} value={tech.id}>
                {tech.displayName}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('queue.category')}>
          <select value={filters.category} onChange={(e) => update({ category: e.target.value as QueueFilters['category'] })}>
            <option value="">{t('common.all')}</option>
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <QueueTeamFilters filters={filters} onChange={update} />
        {filters.deviceId !== '' ? (
          <div className="field">
            {t('queue.device')}
            <button type="button" className="btn" aria-label={t('queue.clearDevice', { name: filters.deviceName || filters.deviceId })} onClick={() => update({ deviceId: '', deviceName: '' })}>
              {filters.deviceName || filters.deviceId.slice(0, 8)} ✕
            </button>
          </div>
        ) : (
          <DevicePicker onPick={(d) => update({ deviceId: d.id, deviceName: d.hostname })} />
        )}
        {!isAnyDay(filters.opened) && <DayRangeFilter label={t('queue.openedDays')} range={filters.opened} onClear={() => update({ opened: ANY_DAY })} />}
        {!isAnyDay(filters.resolved) && <DayRangeFilter label={t('queue.resolvedDays')} range={filters.resolved} onClear={() => update({ resolved: ANY_DAY })} />}
      </div>

      {tickets.state === 'loading' && <Loading />}
      {tickets.state === 'error' && tickets.data === undefined && <ErrorState error={tickets.error} onRetry={tickets.reload} />}
      {tickets.state === 'error' && tickets.data !== undefined && (
        <div className="notice" role="alert">
          {t('queue.refreshFailed')}
        </div>
      )}
      {tickets.data !== undefined && items.length === 0 && (
        <EmptyList
          filtered={[...paramsFromFilters(filters).keys()].some((k) => !['sort', 'order', 'page'].includes(k))}
          onClear={() => {
            setText('');
            setParams(new URLSearchParams(), { replace: true });
          }}
          noMatch={t('queue.empty')}
          firstSteps={
            <span>
              {t('queue.noneYet')} <Link to="/devices">{t('queue.seeDevices')}</Link>
            </span>
          }
        />
      )}
      {tickets.data !== undefined && items.length > 0 && (
        <>
          <QueueBulkBar
            selected={bulk.selected}
            onDone={() => {
              bulk.clear();
              tickets.reload();
            }}
          />
          <div className="table-wrap">
            <table className="data" aria-label={t('queue.tableLabel')}>
              <thead>
                <tr>
                  <th>
                    <input type="checkbox" aria-label={t('helpdesk.selectAll')} checked={bulk.selected.size === items.length} onChange={(e) => bulk.toggleAll(e.target.checked)} />
                  </th>
                  <th className="num">#</th>
                  <th className="col-subject">{t('queue.subject')}</th>
                  {sortHeader('priority', t('queue.priority'))}
                  <th>{t('queue.status')}</th>
                  <th className="col-wide-only">{t('queue.requester')}</th>
                  <th className="col-wide-only">{t('queue.device')}</th>
                  <th className="col-wide-only">{t('queue.category')}</th>
                  <th>{t('queue.assignee')}</th>
                  {sortHeader('due', t('sla.due'))}
                  {sortHeader('age', t('queue.age'))}
                  <th>{t('queue.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((ticket, index) => (
                  <tr key={ticket.id} className={index === selected ? 'selected' : undefined} aria-current={index === selected ? 'true' : undefined} onClick={() => setSelected(index)}>
                    <BulkCheckbox ticket={ticket} checked={bulk.selected.has(ticket.id)} onChange={(on) => bulk.toggle(ticket.id, on)} />
                    <td className="num">{ticket.number}</td>
                    <td className="col-subject">
                      <Link to={`/tickets/${ticket.id}`}>{ticket.subject}</Link>
                      {fresh.has(ticket.id) && <span className="badge info" style={{ marginLeft: 6 }}>{t('queue.justArrived')}</span>}
                      <QueueRowMarkers ticket={ticket} />
                      {ticket.attachmentCount > 0 && (
                        <span className="muted small nowrap" title={t('queue.attachments', { count: ticket.attachmentCount })}>
                          {' '}
                          <PaperclipIcon />
                          <span className="visually-hidden">{t('queue.attachments', { count: ticket.attachmentCount })}</span>
                          <span aria-hidden="true">{ticket.attachmentCount}</span>
                        </span>
                      )}
                      {/* On narrower screens the requester, device and category columns fold in here. */}
                      <div className="cell-sub narrow-only small muted">
                        {ticket.requester ?? '—'} · {ticket.device?.hostname ?? t('ticket.noDevice')} · {t(`category.${ticket.category}`)}
                      </div>
                    </td>
                    <td>
                      <PriorityBadge priority={ticket.priority} overridden={ticket.priorityOverridden} />
                    </td>
                    <td>
                      <StatusBadge status={ticket.status} />
                    </td>
                    <td className="nowrap col-wide-only">{ticket.requester ?? <span className="muted">—</span>}</td>
                    <td className="nowrap col-wide-only">
                      {ticket.device === null ? <span className="muted">{t('ticket.noDevice')}</span> : <Link to={`/devices/${ticket.device.id}`}>{ticket.device.hostname}</Link>}
                    </td>
                    <td className="col-wide-only">{t(`category.${ticket.category}`)}</td>
                    <td className="nowrap">
                      {ticket.assignee?.displayName ?? <span className="muted">{t('queue.unassigned')}</span>}
                      {ticket.team !== null && <div className="team-name small muted">{ticket.team.name}</div>}
                    </td>
                    <td className="nowrap">
                      <SlaDueCell sla={ticket.sla} />
                    </td>
                    <td>
                      <AgeText iso={ticket.createdAt} />
                    </td>
                    <td className="small nowrap">
                      <DateText iso={ticket.updatedAt} relative />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={filters.page} pageSize={QUEUE_PAGE_SIZE} total={tickets.data.total} onPage={(page) => update({ page })} />
        </>
      )}
    </>
  );
}
