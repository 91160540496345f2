import { ASSET_STATUSES, AV_STATES, DEVICE_BACKUP_STATES, PLATFORMS, type DeviceSummary } from '@deskside/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { assetsCsvUrl } from '../api/assets-client.js';
import { AssetStatusBadge } from '../components/asset-badges.js';
import { AvBadge, BackupBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { EmptyList } from '../components/empty-list.js';
import { EnrollmentBadges } from '../components/enrollment-badges.js';
import { Field } from '../components/field.js';
import { Pagination } from '../components/pagination.js';
import { ErrorState, Loading } from '../components/states.js';
import { formatNumber, formatPercent } from '../format/numbers.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { useResource } from '../hooks/use-resource.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { useClient, useTechnician } from '../session/session-context.js';
import { DEVICE_PAGE_SIZE, deviceFiltersFromParams, deviceParams, isValidTagFilter, toDeviceQuery, type DeviceFilters } from './device-filters.js';

export function osLabel(d: Pick<DeviceSummary, 'osName' | 'osVersion' | 'platform'>): string {
  return [d.osName ?? d.platform, d.osVersion].filter((s) => s != null && s !== '').join(' ');
}

function FreeDisk({ percent }: { readonly percent: number | null }) {
  const { i18n } = useTranslation();
  if (percent === null) return <span className="muted">—</span>;
  const tone = percent <= 10 ? 'bad' : percent <= 15 ? 'warn' : '';
  return <span className={tone ? `badge ${tone}` : 'nowrap'}>{formatPercent(percent, i18n.language)}</span>;
}

export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => deviceFiltersFromParams(params), [params]);
  const [text, setText] = useState(filters.q);
  const [software, setSoftware] = useState(filters.software);
  const me = useTechnician();
  const [tag, setTag] = useState(filters.tag);
  const [record, setRecord] = useState({ department: filters.department, location: filters.location, owner: filters.owner });
  const debouncedRecord = useDebounced(record, 300);
  const debouncedText = useDebounced(text, 300);
  const debouncedSoftware = useDebounced(software, 300);
  const debouncedTag = useDebounced(tag, 300);
  const searchRef = useRef<HTMLInputElement>(null);

  const update = (patch: Partial<DeviceFilters>) => setParams(deviceParams({ ...filters, page: 1, ...patch }), { replace: true });
  useEffect(() => {
    if (debouncedText !== filters.q || debouncedSoftware !== filters.software || debouncedTag !== filters.tag) {
      update({ q: debouncedText, software: debouncedSoftware, tag: debouncedTag });
    }
  }, [debouncedText, debouncedSoftware, debouncedTag]); // the settled text alone drives this
  useEffect(() => {
    if (debouncedRecord.department !== filters.department || debouncedRecord.location !== filters.location || debouncedRecord.owner !== filters.owner) update(debouncedRecord);
  }, [debouncedRecord]); // likewise for the asset record's text boxes
  // A tag clicked in the list arrives through the URL: the box follows it.
  useEffect(() => {
    setTag(filters.tag);
  }, [filters.tag]);
  const tagInvalid = !isValidTagFilter(tag);

  const query = toDeviceQuery(filters, new Date());
  const key = JSON.stringify(query);
  const devices = useResource(key, (signal) => client.devices(query, signal));
  useShortcuts({ '/': () => searchRef.current?.focus(), r: () => devices.reload() });

  const sortHeader = (sort: DeviceFilters['sort'], label: string, className?: string) => {
    const active = filters.sort === sort;
    return (
      <th className={className} aria-sort={active ? (filters.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="th-sort" onClick={() => update({ sort, order: active && filters.order === 'asc' ? 'desc' : 'asc' })}>
          {label}
          <span aria-hidden="true">{active ? (filters.order === 'desc' ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  // Any filter at all, not only the ones without a visible control, offers "Clear filters".
  const active = [...params.keys()].some((k) => !['sort', 'order', 'page'].includes(k)) || tag !== '';
  const clearFilters = () => {
    setTag('');
    setText('');
    setSoftware('');
    setRecord({ department: '', location: '', owner: '' });
    setParams(new URLSearchParams(), { replace: true });
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('devices.title')}</h1>
        {devices.data !== undefined && <span className="muted">{t('devices.count', { count: devices.data.total, n: formatNumber(devices.data.total, i18n.language) })}</span>}
        {devices.refreshing && <span className="spinner" aria-hidden="true" />}
        <span className="spacer" />
        <a className="btn btn-small" href={assetsCsvUrl(filters.assetStatus === '' ? undefined : filters.assetStatus)} download>
          {t('assets.export')}
        </a>
        <Link className="btn btn-small" to="/devices/import">
          {t('assets.import')}
        </Link>
      </div>
      <div className="filters" role="search">
        <Field label={t('devices.search')} className="grow">
          <input ref={searchRef} type="search" value={text} placeholder={t('devices.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Field label={t('devices.software')}>
          <input type="search" value={software} placeholder={t('devices.softwarePlaceholder')} onChange={(e) => setSoftware(e.target.value)} />
        </Field>
        <div className="field">
          <label htmlFor="device-tag-filter">{t('devices.tag')}</label>
          <input
            id="device-tag-filter"
            type="search"
            value={tag}
            placeholder={t('devices.tagPlaceholder')}
            aria-invalid={tagInvalid}
            aria-describedby={tagInvalid ? 'device-tag-hint' : undefined}
            onChange={(e) => setTag(e.target.value)}
          />
          {tagInvalid && (
            <span id="device-tag-hint" className="inline-error">
              {t('devices.tagInvalid')}
            </span>
          )}
        </div>
        <Field label={t('devices.os')}>
          <select value={filters.platform} onChange={(e) => update({ platform: e.target.value as DeviceFilters['platform'] })}>
            <option value="">{t('common.all')}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`platform.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('devices.antivirus')}>
          <select value={filters.av} onChange={(e) => update({ av: e.target.value as DeviceFilters['av'] })}>
            <option value="">{t('common.all')}</option>
            {AV_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`av.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('devices.backup')}>
          <select value={filters.backup} onChange={(e) => update({ backup: e.target.value as DeviceFilters['backup'] })}>
            <option value="">{t('common.all')}</option>
            {DEVICE_BACKUP_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`backup.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('devices.lastSeen')}>
          <select value={filters.notSeenDays ?? ''} onChange={(e) => update({ notSeenDays: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">{t('common.any')}</option>
            <option value="1">{t('devices.notSeenFor', { count: 1 })}</option>
            <option value="7">{t('devices.notSeenFor', { count: 7 })}</option>
            <option value="30">{t('devices.notSeenFor', { count: 30 })}</option>
          </select>
        </Field>
        <Field label={t('devices.freeDisk')}>
          <select value={filters.maxFreeDiskPercent ?? ''} onChange={(e) => update({ maxFreeDiskPercent: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">{t('common.any')}</option>
            <option value="10">{t('devices.freeAtMost', { percent: 10 })}</option>
            <option value="20">{t('devices.freeAtMost', { percent: 20 })}</option>
          </select>
        </Field>
        <Field label={t('assets.statusTitle')}>
          <select value={filters.assetStatus} onChange={(e) => update({ assetStatus: e.target.value as DeviceFilters['assetStatus'] })}>
            <option value="">{t('assets.anyStatus')}</option>
            {ASSET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`assets.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('assets.owner')}>
          <input type="search" value={record.owner} onChange={(e) => setRecord({ ...record, owner: e.target.value })} />
        </Field>
        <Field label={t('assets.department')}>
          <input type="search" value={record.department} onChange={(e) => setRecord({ ...record, department: e.target.value })} />
        </Field>
        <Field label={t('assets.location')}>
          <input type="search" value={record.location} onChange={(e) => setRecord({ ...record, location: e.target.value })} />
        </Field>
        <Field label={t('assets.warrantyBefore')}>
          <input type="date" value={filters.warrantyEndsBefore} onChange={(e) => update({ warrantyEndsBefore: e.target.value })} />
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" checked={filters.stale} onChange={(e) => update({ stale: e.target.checked })} /> {t('assets.staleOnly')}
          </label>
        </div>
        {active && (
          <button
            type="button"
            className="btn"
            onClick={clearFilters}
          >
            {t('common.clearFilters')}
          </button>
        )}
      </div>
      {devices.state === 'loading' && <Loading />}
      {devices.state === 'error' && <ErrorState error={devices.error} onRetry={devices.reload} />}
      {devices.state === 'ready' && devices.data.items.length === 0 && (
        <EmptyList
          filtered={active}
          onClear={clearFilters}
          noMatch={t('devices.empty')}
          firstSteps={
            <span>
              {t('devices.noneEnrolled')} {me.role === 'admin' ? <Link to="/admin">{t('devices.enrollFirst')}</Link> : t('devices.askAdmin')}
            </span>
          }
        />
      )}
      {devices.state === 'ready' && devices.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="data" aria-label={t('devices.tableLabel')}>
              <thead>
                <tr>
                  {sortHeader('hostname', t('devices.name'))}
                  <th>{t('devices.user')}</th>
                  <th>{t('devices.os')}</th>
                  <th>{t('devices.tag')}</th>
                  <th>{t('assets.fields.assetTag')}</th>
                  <th>{t('assets.owner')}</th>
                  <th>{t('devices.ip')}</th>
                  {sortHeader('lastSeen', t('devices.lastSeen'))}
                  <th>{t('devices.antivirus')}</th>
                  <th>{t('devices.backup')}</th>
                  {sortHeader('freeDisk', t('devices.freeDisk'), 'num')}
                  <th className="num">{t('devices.openTickets')}</th>
                </tr>
              </thead>
              <tbody>
                {devices.data.items.map((d) => (
                  <tr key={d.id} onDoubleClick={() => void navigate(`/devices/${d.id}`)}>
                    <td>
                      <Link to={`/devices/${d.id}`}>{d.hostname}</Link> <EnrollmentBadges device={d} />
                      <div className="small muted cell-sub" title={[d.manufacturer, d.model].filter(Boolean).join(' ')}>
                        {[d.manufacturer, d.model].filter(Boolean).join(' ')}
                      </div>
                    </td>
                    <td>{d.loggedInUser ?? <span className="muted">—</span>}</td>
                    <td>{osLabel(d)}</td>
                    <td>
                      {d.tag === null ? (
                        <span className="muted">—</span>
                      ) : (
                        <button type="button" className="link-button" aria-label={t('devices.filterByTag', { tag: d.tag })} title={t('devices.filterByTag', { tag: d.tag })} onClick={() => update({ tag: d.tag ?? '' })}>
                          {d.tag}
                        </button>
                      )}
                    </td>
                    <td>
                      {d.assetTag ?? <span className="muted">—</span>} {d.assetStatus !== 'in-use' && <AssetStatusBadge status={d.assetStatus} />}
                      {(d.department !== null || d.location !== null) && <div className="small muted cell-sub">{[d.department, d.location].filter(Boolean).join(' · ')}</div>}
                    </td>
                    <td>{d.owner ?? <span className="muted">—</span>}</td>
                    <td className="mono">{d.ip ?? '—'}</td>
                    <td>
                      <DateText iso={d.lastSeenAt} relative />
                    </td>
                    <td>
                      <AvBadge state={d.av} />
                    </td>
                    <td>
                      <BackupBadge state={d.backup} />
                    </td>
                    <td className="num">
                      <FreeDisk percent={d.minFreeDiskPercent} />
                    </td>
                    <td className="num">
                      {d.openTickets > 0 ? <Link to={`/queue?device=${d.id}&deviceName=${encodeURIComponent(d.hostname)}`}>{d.openTickets}</Link> : <span className="muted">0</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={filters.page} pageSize={DEVICE_PAGE_SIZE} total={devices.data.total} onPage={(page) => update({ page })} />
        </>
      )}
    </>
  );
}
