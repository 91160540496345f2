import {
  ASSET_STATUSES,
  AV_STATES,
  DEVICE_BACKUP_STATES,
  DEVICE_SORTS,
  DeviceTagSchema,
  PLATFORMS,
  type AssetStatus,
  type AvState,
  type DeviceBackupState,
  type DeviceListQuery,
  type Platform,
} from '@deskside/shared';

export interface DeviceFilters {
  readonly q: string;
  readonly platform: Platform | '';
  readonly software: string;
  readonly av: AvState | '';
  readonly backup: DeviceBackupState | '';
  /** Not seen for this many days (dashboard link), or '' for any. */
  readonly notSeenDays: number | null;
  readonly maxFreeDiskPercent: number | null;
  /** The installer's tag, matched exactly; '' for any. */
  readonly tag: string;
  readonly assetStatus: AssetStatus | '';
  /** Asset record fields: department and location matched whole, owner by substring; '' for any. */
  readonly department: string;
  readonly location: string;
  readonly owner: string;
  /** Only devices flagged as not seen for the fleet rules' days. */
  readonly stale: boolean;
  /** Warranty ending on or before this day (YYYY-MM-DD), or ''. */
  readonly warrantyEndsBefore: string;
  readonly sort: (typeof DEVICE_SORTS)[number];
  readonly order: 'asc' | 'desc';
  readonly page: number;
}

export const DEVICE_PAGE_SIZE = 50;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : '');
const positive = (v: string | null): number | null => {
  if (v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/** Device list filters live in the URL so dashboard charts can link straight to a filtered list. */
export function deviceFiltersFromParams(p: URLSearchParams): DeviceFilters {
  const page = Number.parseInt(p.get('page') ?? '1', 10);
  return {
    q: p.get('q') ?? '',
    platform: oneOf(PLATFORMS, p.get('platform')),
    software: p.get('software') ?? '',
    av: oneOf(AV_STATES, p.get('av')),
    backup: oneOf(DEVICE_BACKUP_STATES, p.get('backup')),
    notSeenDays: positive(p.get('notSeenDays')),
    maxFreeDiskPercent: positive(p.get('maxFreeDisk')),
    tag: p.get('tag') ?? '',
    assetStatus: oneOf(ASSET_STATUSES, p.get('assetStatus')),
    department: p.get('department') ?? '',
    location: p.get('location') ?? '',
    owner: p.get('owner') ?? '',
    stale: p.get('stale') === 'true',
    warrantyEndsBefore: /^\d{4}-\d{2}-\d{2}$/.test(p.get('warrantyEndsBefore') ?? '') ? (p.get('warrantyEndsBefore') ?? '') : '',
    sort: oneOf(DEVICE_SORTS, p.get('sort')) || 'hostname',
    order: p.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function deviceParams(f: DeviceFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q !== '') p.set('q', f.q);
  if (f.platform !== '') p.set('platform', f.platform);
  if (f.software !== '') p.set('software', f.software);
  if (f.av !== '') p.set('av', f.av);
  if (f.backup !== '') p.set('backup', f.backup);
  if (f.notSeenDays !== null) p.set('notSeenDays', String(f.notSeenDays));
  if (f.maxFreeDiskPercent !== null) p.set('maxFreeDisk', String(f.maxFreeDiskPercent));
  if (f.tag !== '') p.set('tag', f.tag);
  if (f.assetStatus !== '') p.set('assetStatus', f.assetStatus);
  if (f.department !== '') p.set('department', f.department);
  if (f.location !== '') p.set('location', f.location);
  if (f.owner !== '') p.set('owner', f.owner);
  if (f.stale) p.set('stale', 'true');
  if (f.warrantyEndsBefore !== '') p.set('warrantyEndsBefore', f.warrantyEndsBefore);
  if (f.sort !== 'hostname') p.set('sort', f.sort);
  if (f.order !== 'asc') p.set('order', f.order);
  if (f.page !== 1) p.set('page', String(f.page));
  return p;
}

/** A tag the server would refuse (it follows the installers' rule) is not sent; the page says why. */
export const isValidTagFilter = (tag: string): boolean => tag.trim() === '' || DeviceTagSchema.safeParse(tag.trim()).success;

/**
 * `now` is rounded down to the minute so a query key stays stable while the page is open (otherwise
 * every render would be a new "seenBefore" and refetch).
 */
export function toDeviceQuery(f: DeviceFilters, now: Date): DeviceListQuery {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  return {
    sort: f.sort,
    order: f.order,
    page: f.page,
    pageSize: DEVICE_PAGE_SIZE,
    ...(f.q.trim() !== '' ? { q: f.q.trim() } : {}),
    ...(f.platform !== '' ? { platform: f.platform } : {}),
    ...(f.software.trim() !== '' ? { software: f.software.trim() } : {}),
    ...(f.av !== '' ? { av: f.av } : {}),
    ...(f.backup !== '' ? { backup: f.backup } : {}),
    ...(f.notSeenDays !== null ? { seenBefore: new Date(minute - f.notSeenDays * 86_400_000).toISOString() } : {}),
    ...(f.maxFreeDiskPercent !== null ? { maxFreeDiskPercent: f.maxFreeDiskPercent } : {}),
    ...(f.tag.trim() !== '' && isValidTagFilter(f.tag) ? { tag: f.tag.trim() } : {}),
    ...(f.assetStatus !== '' ? { assetStatus: f.assetStatus } : {}),
    ...(f.department.trim() !== '' ? { department: f.department.trim() } : {}),
    ...(f.location.trim() !== '' ? { location: f.location.trim() } : {}),
    ...(f.owner.trim() !== '' ? { owner: f.owner.trim() } : {}),
    ...(f.stale ? { stale: 'true' as const } : {}),
    ...(f.warrantyEndsBefore !== '' ? { warrantyEndsBefore: f.warrantyEndsBefore } : {}),
  };
}
