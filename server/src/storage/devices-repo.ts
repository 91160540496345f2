import type { AssetStatus, AvState, FleetFinding, DeviceBackupState, DeviceEnrollState, DevicePage, DeviceSummary, Platform } from '@deskside/shared';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';

import { hashToken } from '../auth/tokens.js';
import { findingCondition, type FindingContext } from '../findings/finding-conditions.js';
import type { Clock } from './clock.js';
import type { StatementCache } from './statement-cache.js';
import type { Database, DevicesTable } from './tables.js';
import { count, iso, isoOrNull, likeContains, offsetOf } from './values.js';

/**
 * Placeholder identifiers firmware ships with instead of a real one. Matching on them would merge
 * unrelated machines into one device, so they are treated as absent.
 */
const JUNK_IDS = new Set([
  '',
  '0',
  'none',
  'default string',
  'not specified',
  'not applicable',
  'to be filled by o.e.m.',
  'system serial number',
  'chassis serial number',
  '0123456789',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '03000200-0400-0500-0006-000700080009',
]);

export function usableHardwareId(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  if (JUNK_IDS.has(v.toLowerCase()) || /^[0\s-]+$/.test(v) || /^[f\s-]+$/i.test(v)) return null;
  return v;
}

export interface DeviceListFilter {
  readonly q?: string | undefined;
  readonly platform?: Platform | undefined;
  readonly software?: string | undefined;
  readonly av?: AvState | undefined;
  readonly backup?: DeviceBackupState | undefined;
  readonly seenBefore?: string | undefined;
  readonly seenAfter?: string | undefined;
  readonly maxFreeDiskPercent?: number | undefined;
  readonly tag?: string | undefined;
  readonly assetStatus?: AssetStatus | undefined;
  readonly department?: string | undefined;
  readonly location?: string | undefined;
  readonly owner?: string | undefined;
  readonly stale?: 'true' | undefined;
  readonly warrantyEndsBefore?: string | undefined;
  /** A fleet finding, with the context its condition needs (rules, clock, agent versions). */
  readonly finding?: { readonly code: FleetFinding; readonly context: FindingContext } | undefined;
  readonly sort: 'hostname' | 'lastSeen' | 'enrolled' | 'freeDisk' | 'warrantyEnd';
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

const SORT_COLUMN = {
  hostname: 'devices.hostname',
  lastSeen: 'devices.last_seen_at',
  enrolled: 'devices.enrolled_at',
  freeDisk: 'devices.min_free_disk_pct',
  warrantyEnd: 'devices.warranty_end',
} as const;

type DeviceRow = DevicesTable & { open_tickets?: number | string | null; credential_flaps?: number | string | null };

const DAY_MS = 86_400_000;

/** Audit actions that hand a device a new credential after its first: what "flapping" counts. */
export const CREDENTIAL_FLAP_ACTIONS = ['device.re-enroll', 'device.credential-recover'] as const;

/** Re-enrollments of the device in the last 24 hours, read through the audit log's (target, at) index. */
const credentialFlaps = (eb: ExpressionBuilder<Database, 'devices'>, since: number) =>
  eb
    .selectFrom('audit_log')
    .select(eb.fn.countAll().as('n'))
    .where('audit_log.target_kind', '=', 'device')
    .whereRef('audit_log.target_id', '=', 'devices.id')
    .where('audit_log.at', '>=', since)
    .where('audit_log.action', 'in', [...CREDENTIAL_FLAP_ACTIONS])
    .as('credential_flaps');

const onOffUnknown = (v: string): 'on' | 'off' | 'unknown' => (v === 'on' || v === 'off' ? v : 'unknown');

export function toDeviceSummary(r: DeviceRow): DeviceSummary {
  return {
    id: r.id,
    hostname: r.hostname,
    platform: r.platform as Platform,
    osName: r.os_name,
    osVersion: r.os_version,
    ip: r.ip,
    loggedInUser: r.logged_in_user,
    manufacturer: r.manufacturer,
    model: r.model,
    serial: r.serial,
    agentVersion: r.agent_version,
    av: r.av_state as AvState,
    backup: r.backup_state as DeviceBackupState,
    minFreeDiskPercent: r.min_free_disk_pct,
    lastSeenAt: iso(r.last_seen_at),
    enrolledAt: iso(r.enrolled_at),
    inventoryAt: isoOrNull(r.inventory_at),
    openTickets: count(r.open_tickets),
    tag: r.tag,
    enrollState: r.enroll_state as DeviceEnrollState,
    resemblesDeviceId: r.resembles_device_id,
    keyBound: r.key_fingerprint !== null,
    credentialFlaps: count(r.credential_flaps),
    assetTag: r.asset_tag,
    owner: r.owner,
    department: r.department,
    location: r.location,
    warrantyEnd: r.warranty_end,
    assetStatus: r.asset_status as AssetStatus,
    staleSince: isoOrNull(r.stale_since),
    firewall: onOffUnknown(r.firewall_state),
    encryption: onOffUnknown(r.encryption_state),
  };
}

export class DevicesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** SQLite only: prepared statements for the per-request hot path. */
    private readonly fast: StatementCache | null = null,
  ) {}

  /** The device a bearer credential belongs to, or null when unknown or revoked. */
  async authenticate(credential: string): Promise<{ id: string; hostname: string } | null> {
    if (this.fast?.idle === true) {
      const hit = this.fast
        .get(
          'select d.id, d.hostname from device_credentials c join devices d on d.id = c.device_id where c.token_hash = ? and c.revoked_at is null',
        )
        .get(hashToken(credential)) as { id: string; hostname: string } | undefined;
      if (hit !== undefined) return hit;
      await this.noteRetiredContact(credential);
      return null;
    }
    const row = await this.db
      .selectFrom('device_credentials')
      .innerJoin('devices', 'devices.id', 'device_credentials.device_id')
      .select(['devices.id', 'devices.hostname'])
      .where('device_credentials.token_hash', '=', hashToken(credential))
      .where('device_credentials.revoked_at', 'is', null)
      .executeTakeFirst();
    if (row !== undefined) return row;
    await this.noteRetiredContact(credential);
    return null;
  }

  /**
   * A retired or disposed machine whose revoked credential still knocks is on a desk or a network where
   * it should not be: the time is kept for the "retired but still checking in" finding. Only refused
   * credentials reach here, so the check-in hot path pays nothing.
   */
  private async noteRetiredContact(credential: string): Promise<void> {
    await this.db
      .updateTable('devices')
      .set({ retired_contact_at: this.clock() })
      .where('asset_status', 'in', ['retired', 'disposed'])
      .where('id', 'in', (eb) => eb.selectFrom('device_credentials').select('device_credentials.device_id').where('device_credentials.token_hash', '=', hashToken(credential)))
      .execute();
  }

  async revokeCredentials(deviceId: string): Promise<void> {
    await this.db.updateTable('device_credentials').set({ revoked_at: this.clock() }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
  }

  /** Records a check-in; returns whether the device should send a full inventory next. */
  async checkin(
    deviceId: string,
    input: { ip: string | null; agentVersion: string; hostname: string; outboxItems: number | null; tag: string | null },
  ): Promise<{ sendFullInventory: boolean; keyBound: boolean }> {
    if (this.fast?.idle === true) {
      const hit = this.fast
        .get(
          'update devices set last_seen_at = ?, ip = ?, agent_version = ?, hostname = ?, outbox_items = ?, tag = ?, stale_since = null where id = ? returning full_inventory_requested, inventory_at, key_fingerprint',
        )
        .get(this.clock(), input.ip, input.agentVersion, input.hostname, input.outboxItems, input.tag, deviceId) as
        | { full_inventory_requested: number; inventory_at: number | null; key_fingerprint: string | null }
        | undefined;
      return { sendFullInventory: hit === undefined || hit.full_inventory_requested !== 0 || hit.inventory_at === null, keyBound: hit?.key_fingerprint != null };
    }
    const row = await this.db
      .updateTable('devices')
      .set({ last_seen_at: this.clock(), ip: input.ip, agent_version: input.agentVersion, hostname: input.hostname, outbox_items: input.outboxItems, tag: input.tag, stale_since: null })
      .where('id', '=', deviceId)
      .returning(['full_inventory_requested', 'inventory_at', 'key_fingerprint'])
      .executeTakeFirst();
    return { sendFullInventory: row === undefined || row.full_inventory_requested !== 0 || row.inventory_at === null, keyBound: row?.key_fingerprint != null };
  }

  async requestFullInventory(deviceId: string): Promise<void> {
    await this.db.updateTable('devices').set({ full_inventory_requested: 1 }).where('id', '=', deviceId).execute();
  }

  /** The device's antivirus state as its list shows it (null: no such device). */
  async protectionState(id: string): Promise<string | null> {
    return (await this.db.selectFrom('devices').select('av_state').where('id', '=', id).executeTakeFirst())?.av_state ?? null;
  }

  async row(id: string): Promise<DevicesTable | null> {
    return (await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async summary(id: string): Promise<DeviceSummary | null> {
    const row = await this.db
      .selectFrom('devices')
      .selectAll('devices')
      .select((eb) =>
        eb
          .selectFrom('tickets')
          .select(eb.fn.countAll().as('n'))
          .whereRef('tickets.device_id', '=', 'devices.id')
          .where('tickets.status', 'in', ['new', 'open', 'waiting-on-user'])
          .as('open_tickets'),
      )
      .select((eb) => credentialFlaps(eb, this.clock() - DAY_MS))
      .where('devices.id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toDeviceSummary(row as DeviceRow);
  }

  async list(f: DeviceListFilter): Promise<DevicePage> {
    let q = this.db.selectFrom('devices');
    // The search box also finds a device by its asset tag, the label technicians read off the machine.
    if (f.q !== undefined && f.q !== '') q = q.where(sql<boolean>`(devices.search_text like ${likeContains(f.q)} escape '\\' or lower(devices.asset_tag) = ${f.q.toLowerCase()})`);
    if (f.platform !== undefined) q = q.where('devices.platform', '=', f.platform);
    if (f.av !== undefined) q = q.where('devices.av_state', '=', f.av);
    if (f.backup !== undefined) q = q.where('devices.backup_state', '=', f.backup);
    if (f.seenBefore !== undefined) q = q.where('devices.last_seen_at', '<', Date.parse(f.seenBefore));
    if (f.seenAfter !== undefined) q = q.where('devices.last_seen_at', '>=', Date.parse(f.seenAfter));
    if (f.maxFreeDiskPercent !== undefined) q = q.where('devices.min_free_disk_pct', '<=', f.maxFreeDiskPercent);
    if (f.tag !== undefined) q = q.where('devices.tag', '=', f.tag);
    if (f.assetStatus !== undefined) q = q.where('devices.asset_status', '=', f.assetStatus);
    if (f.department !== undefined && f.department !== '') q = q.where(sql<boolean>`lower(devices.department) = ${f.department.toLowerCase()}`);
    if (f.location !== undefined && f.location !== '') q = q.where(sql<boolean>`lower(devices.location) = ${f.location.toLowerCase()}`);
    if (f.owner !== undefined && f.owner !== '') q = q.where(sql<boolean>`lower(devices.owner) like ${likeContains(f.owner)} escape '\\'`);
    if (f.stale === 'true') q = q.where('devices.stale_since', 'is not', null);
    if (f.warrantyEndsBefore !== undefined) q = q.where('devices.warranty_end', '<=', f.warrantyEndsBefore);
    const finding = f.finding;
    if (finding !== undefined) q = q.where((eb) => findingCondition(finding.code, eb, finding.context));
    if (f.software !== undefined && f.software !== '') {
      // Substring match over the catalog of distinct names; each device's rows are then sought by
      // (device_id, name_id), the table's key, for just those names' numbers.
      const pattern = likeContains(f.software);
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('device_software')
            .select(sql`1`.as('one'))
            .whereRef('device_software.device_id', '=', 'devices.id')
            .where('device_software.name_id', 'in', eb.selectFrom('software_names').select('software_names.id').where(sql<boolean>`software_names.name_lower like ${pattern} escape '\\'`)),
        ),
      );
    }
    const column = SORT_COLUMN[f.sort];
    const since = this.clock() - DAY_MS;
    const [rows, total] = await Promise.all([
      q
        .selectAll('devices')
        .select((eb) =>
          eb
            .selectFrom('tickets')
            .select(eb.fn.countAll().as('n'))
            .whereRef('tickets.device_id', '=', 'devices.id')
            .where('tickets.status', 'in', ['new', 'open', 'waiting-on-user'])
            .as('open_tickets'),
        )
        .select((eb) => credentialFlaps(eb, since))
        // Devices without a warranty date sort last either way, on both engines (they differ on where nulls go).
        .$if(f.sort === 'warrantyEnd', (qb) => qb.orderBy(sql`case when devices.warranty_end is null then 1 else 0 end`))
        .orderBy(column, f.order)
        .orderBy('devices.id', f.order)
        .limit(f.pageSize)
        .offset(offsetOf(f))
        .execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map((r) => toDeviceSummary(r as DeviceRow)), total: count(total?.n), page: f.page, pageSize: f.pageSize };
  }
}
