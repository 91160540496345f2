import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { migrate, openDatabase, type DatabaseKind } from '../../src/storage/database.js';
import { MIGRATIONS, migrationProvider } from '../../src/storage/migrations.js';
import type { DevicesTable, TicketsTable } from '../../src/storage/tables.js';

const PG_URL = process.env.DESKSIDE_TEST_PG_URL;

/** A device row as written before migration 0010 added device keys. */
type DeviceBeforeKeys = Omit<DevicesTable, 'public_key' | 'key_fingerprint' | 'enroll_state' | 'resembles_device_id' | AssetAndFindingColumns>;
/** Device columns added by migrations 0033 (asset record) and 0034 (fleet findings). */
type AssetAndFindingColumns =
  | 'asset_tag' | 'owner' | 'department' | 'location' | 'purchase_date' | 'supplier' | 'warranty_end' | 'asset_notes' | 'asset_status' | 'asset_status_at'
  | 'stale_since' | 'retired_contact_at' | 'firewall_state' | 'encryption_state' | 'restart_pending_since' | 'security_updates_since' | 'battery_health_pct';

/** Every registered migration from `first` on, in the order Kysely runs them (by name). */
const migrationsFrom = (first: string) =>
  Object.keys(MIGRATIONS)
    .filter((name) => name >= first)
    .sort();

describe('migrations', () => {
  it('carry package rows across the SQLite table rebuild', async () => {
    const handle = openDatabase('sqlite::memory:');
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    expect((await migrator.migrateTo('0002-compressed-inventories')).error).toBeUndefined();
    await handle.db
      .insertInto('devices')
      // Written as of migration 0002, before devices had a tag column.
      .values({
        id: 'd1', hostname: 'pc', hardware_uuid: null, serial: null, macs: '[]', platform: 'linux', os_name: null, os_version: null, ip: null,
        logged_in_user: null, manufacturer: null, model: null, agent_version: '1', av_state: 'unknown', backup_state: 'unknown',
        min_free_disk_pct: null, last_seen_at: 1, enrolled_at: 1, inventory_at: null, full_inventory_requested: 1, outbox_items: null, search_text: 'pc',
      } satisfies Omit<DeviceBeforeKeys, 'tag'> as DevicesTable)
      .execute();
    await sql`insert into device_software (device_id, pkg_key, name_lower, version) values ('d1', 'a', 'alpha', '1'), ('d1', 'b', 'beta', null)`.execute(handle.db);
    expect(await migrate(handle)).toEqual(migrationsFrom('0003'));
    expect(await handle.db.selectFrom('devices').select('tag').execute()).toEqual([{ tag: null }]);
    // Devices from before keys: active, no key (they bind one at their next check-in).
    expect(await handle.db.selectFrom('devices').select(['enroll_state', 'key_fingerprint', 'resembles_device_id']).execute()).toEqual([
      { enroll_state: 'active', key_fingerprint: null, resembles_device_id: null },
    ]);
    expect((await handle.db.selectFrom('software_names').selectAll().orderBy('name_lower').execute()).map((r) => r.name_lower)).toEqual(['alpha', 'beta']);
    // Since 0039 the index keeps each device's names, by catalog number.
    const rows = await handle.db
      .selectFrom('device_software')
      .innerJoin('software_names', 'software_names.id', 'device_software.name_id')
      .select(['device_software.device_id', 'software_names.name_lower'])
      .orderBy('software_names.name_lower')
      .execute();
    expect(rows).toEqual([
      { device_id: 'd1', name_lower: 'alpha' },
      { device_id: 'd1', name_lower: 'beta' },
    ]);
    // Still cascades with its device.
    await handle.db.deleteFrom('devices').where('id', '=', 'd1').execute();
    expect(await handle.db.selectFrom('device_software').selectAll().execute()).toEqual([]);
    expect(await migrate(handle)).toEqual([]);
    await handle.close();
  });

  it('drop installed package sizes from stored inventories and keep everything else', async () => {
    const handle = openDatabase('sqlite::memory:');
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    expect((await migrator.migrateTo('0006-device-tag-and-blob-candidates')).error).toBeUndefined();
    const device = (id: string) => ({
      id, hostname: id, hardware_uuid: null, serial: null, macs: '[]', platform: 'linux', os_name: null, os_version: null, ip: null,
      logged_in_user: null, manufacturer: null, model: null, agent_version: '0.1.0', av_state: 'unknown', backup_state: 'unknown',
      min_free_disk_pct: null, last_seen_at: 1, enrolled_at: 1, inventory_at: 1, full_inventory_requested: 0, outbox_items: null, search_text: id, tag: null,
    }) satisfies DeviceBeforeKeys;
    await handle.db.insertInto('devices').values([device('d1'), device('d2'), device('d3')] as DevicesTable[]).execute();
    const withSizes = {
      system: { status: 'ok', durationMs: 1, data: { hostname: 'd1' } },
      software: {
        status: 'ok',
        durationMs: 2,
        data: { packages: [{ name: 'adduser', version: '3.134', source: 'dpkg', sizeBytes: 869376 }, { name: '微信', source: 'registry', sizeBytes: null }], truncated: false },
      },
    };
    const stored = (sections: unknown) => ({ collected_at: 1, received_at: 1, agent_version: '0.1.0', section_updated_at: '{}', sections: '', sections_z: deflateRawSync(JSON.stringify(sections)) });
    await handle.db
      .insertInto('device_inventories')
      .values([
        { device_id: 'd1', ...stored(withSizes) },
        { device_id: 'd2', ...stored({ software: { status: 'error', durationMs: 1, error: 'dpkg failed', data: null } }) },
        // A legacy row kept as plain JSON.
        { device_id: 'd3', collected_at: 1, received_at: 1, agent_version: '0.1.0', section_updated_at: '{}', sections: JSON.stringify(withSizes), sections_z: null },
      ])
      .execute();
    expect(await migrate(handle)).toEqual(migrationsFrom('0007'));
    const rows = await handle.db.selectFrom('device_inventories').selectAll().orderBy('device_id').execute();
    const read = (r: (typeof rows)[number]) => JSON.parse(r.sections_z !== null ? inflateRawSync(r.sections_z).toString('utf8') : r.sections) as unknown;
    const withoutSizes = {
      ...withSizes,
      software: { ...withSizes.software, data: { packages: [{ name: 'adduser', version: '3.134', source: 'dpkg' }, { name: '微信', source: 'registry' }], truncated: false } },
    };
    expect(read(rows[0]!)).toEqual(withoutSizes);
    expect(read(rows[1]!)).toEqual({ software: { status: 'error', durationMs: 1, error: 'dpkg failed', data: null } });
    expect(read(rows[2]!)).toEqual(withoutSizes);
    await handle.close();
  });

  it('give tickets from before teams and service levels no team, no clock and an empty pause list', async () => {
    const handle = openDatabase('sqlite::memory:');
    const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
    expect((await migrator.migrateTo('0011-login-throttle')).error).toBeUndefined();
    await handle.db
      .insertInto('devices')
      .values({
        id: 'd1', hostname: 'pc', hardware_uuid: null, serial: null, macs: '[]', platform: 'linux', os_name: null, os_version: null, ip: null,
        logged_in_user: null, manufacturer: null, model: null, agent_version: '1', av_state: 'unknown', backup_state: 'unknown', min_free_disk_pct: null,
        last_seen_at: 1, enrolled_at: 1, inventory_at: null, full_inventory_requested: 1, outbox_items: null, search_text: 'pc', tag: null,
        public_key: null, key_fingerprint: null, enroll_state: 'active', resembles_device_id: null,
      } satisfies Omit<DevicesTable, AssetAndFindingColumns> as DevicesTable)
      .execute();
    // A ticket row as written before migration 0012 (and before the channel and requester-loop columns of 0015-0017).
    type LaterColumns =
      | 'team_id' | 'first_response_at' | 'sla_policy_id' | 'sla_pauses' | 'sla_first_response_due_at' | 'sla_resolution_due_at' | 'sla_next_due_at'
      | 'channel' | 'created_by' | 'requester_replied_at' | 'closed_at' | 'close_reason' | 'reopen_count' | 'rating' | 'rating_comment' | 'rated_at' | 'merged_into_id' | 'parent_id'
      | 'requester_email';
    const before: Omit<TicketsTable, LaterColumns> = {
      id: 't1', number: 1, device_id: 'd1', subject: 's', description: '', category: 'other', urgency: 'low', impact: 'me', computed_priority: 'low',
      priority_override: null, priority_rank: 0, status: 'open', assignee_id: null, contact: '{}', requester: null, requester_account: null, locale: null,
      diagnostics: null, submitted_at: 1, created_at: 1, updated_at: 1, device_updated_at: 1, status_changed_at: 1, resolved_at: null, message_count: 0, attachment_count: 0,
    };
    await handle.db.insertInto('tickets').values(before as TicketsTable).execute();
    // The later migrations run too; these are the ones this test is about.
    expect((await migrate(handle)).slice(0, 3)).toEqual(['0012-teams', '0013-service-levels', '0014-canned-replies']);
    expect(await handle.db.selectFrom('tickets').select(['team_id', 'first_response_at', 'sla_policy_id', 'sla_pauses', 'sla_next_due_at']).execute()).toEqual([
      { team_id: null, first_response_at: null, sla_policy_id: null, sla_pauses: '[]', sla_next_due_at: null },
    ]);
    // One breach per ticket and target, enforced by the schema itself.
    const breach = { ticket_id: 't1', target: 'resolution', due_at: 2, recorded_at: 3, policy_id: null, team_id: null, assignee_id: null, priority: 'low' };
    await handle.db.insertInto('sla_breaches').values({ id: 'b1', ...breach }).execute();
    await expect(handle.db.insertInto('sla_breaches').values({ id: 'b2', ...breach }).execute()).rejects.toThrow(/UNIQUE/);
    // Devices from before asset records are in use, with no record yet, and their protection not known until the next inventory.
    expect(
      await handle.db.selectFrom('devices').select(['asset_status', 'asset_tag', 'stale_since', 'firewall_state', 'encryption_state', 'restart_pending_since', 'battery_health_pct']).execute(),
    ).toEqual([{ asset_status: 'in-use', asset_tag: null, stale_since: null, firewall_state: 'unknown', encryption_state: 'unknown', restart_pending_since: null, battery_health_pct: null }]);
    await handle.close();
  });

  describe.each(PG_URL ? (['sqlite', 'postgres'] as DatabaseKind[]) : (['sqlite'] as DatabaseKind[]))('0026 and 0027 on %s', (kind) => {
    it('lets a ticket have no device and keeps every row, index and cascade of a populated table', { timeout: 30_000 }, async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const handle = kind === 'sqlite' ? openDatabase('sqlite::memory:') : openDatabase(PG_URL ?? '', { schema, poolSize: 1 });
      if (kind === 'postgres') await sql`create schema ${sql.id(schema)}`.execute(handle.db);
      const migrator = new Migrator({ db: handle.db, provider: migrationProvider, ...(kind === 'postgres' ? { migrationTableSchema: schema } : {}) });
      try {
        expect((await migrator.migrateTo('0023-ticket-priority-index')).error).toBeUndefined();
        await handle.db.insertInto('devices').values({
          id: 'd1', hostname: 'pc', hardware_uuid: null, serial: null, macs: '[]', platform: 'linux', os_name: null, os_version: null, ip: null,
          logged_in_user: null, manufacturer: null, model: null, agent_version: '1', av_state: 'unknown', backup_state: 'unknown', min_free_disk_pct: null,
          last_seen_at: 1, enrolled_at: 1, inventory_at: null, full_inventory_requested: 1, outbox_items: null, search_text: 'pc', tag: null,
          public_key: null, key_fingerprint: null, enroll_state: 'active', resembles_device_id: null,
          // A row as of 0023: the columns later migrations add do not exist yet.
        } as never).execute();
        const ticket = (id: string, number: number, deviceId: string | null): Omit<TicketsTable, 'requester_email'> => ({
          id, number, device_id: deviceId, subject: `s${number}`, description: 'd', category: 'other', urgency: 'low', impact: 'me', computed_priority: 'low',
          priority_override: null, priority_rank: 0, status: 'open', assignee_id: null, contact: number === 2 ? '{"name":"Bob","email":"Bob@Example.org","phone":null}' : '{}', requester: null, requester_account: null, locale: null,
          diagnostics: null, submitted_at: 1, created_at: 1, updated_at: 1, device_updated_at: 1, status_changed_at: 1, resolved_at: null, message_count: 1, attachment_count: 0,
          team_id: null, first_response_at: null, sla_policy_id: null, sla_pauses: '[]', sla_first_response_due_at: null, sla_resolution_due_at: null, sla_next_due_at: null,
          channel: 'tray', created_by: null, requester_replied_at: null, closed_at: null, close_reason: null, reopen_count: 2, rating: 4, rating_comment: 'ok', rated_at: 5,
          merged_into_id: null, parent_id: null,
        });
        // As written before 0027 added requester_email.
        await handle.db.insertInto('tickets').values([ticket('t1', 1, 'd1'), ticket('t2', 2, 'd1')] as TicketsTable[]).execute();
        await handle.db.insertInto('ticket_messages').values({ id: 'm1', ticket_id: 't1', visibility: 'public', author: 'requester', author_name: null, technician_id: null, body: 'hi', created_at: 1 }).execute();
        await expect(handle.db.insertInto('tickets').values(ticket('t3', 3, null) as TicketsTable).execute()).rejects.toThrow();

        expect(await migrate(handle, kind === 'postgres' ? { schema } : {})).toContain('0026-tickets-without-device');

        // Every row and column survived, the children too (dropping the old table cascaded nothing).
        expect(await handle.db.selectFrom('tickets').selectAll().orderBy('number').execute()).toEqual([
          { ...ticket('t1', 1, 'd1'), requester_email: null },
          // 0027 filled in the contact's address, lower-cased.
          { ...ticket('t2', 2, 'd1'), requester_email: 'bob@example.org' },
        ]);
        expect(await handle.db.selectFrom('ticket_messages').select('id').execute()).toEqual([{ id: 'm1' }]);
        const withEmail = (t: Omit<TicketsTable, 'requester_email'>): TicketsTable => ({ ...t, requester_email: null });
        await handle.db.insertInto('tickets').values(withEmail(ticket('t3', 3, null))).execute();
        // Unique numbers and the device reference still hold.
        await expect(handle.db.insertInto('tickets').values(withEmail(ticket('t4', 3, null))).execute()).rejects.toThrow();
        await expect(handle.db.insertInto('tickets').values(withEmail(ticket('t5', 5, 'no-such-device'))).execute()).rejects.toThrow();
        if (kind === 'sqlite') {
          const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'tickets' and sql is not null order by name`.execute(handle.db);
          expect(indexes.rows.map((r) => r.name)).toEqual([
            'tickets_assignee_idx', 'tickets_channel_idx', 'tickets_created_idx', 'tickets_device_idx', 'tickets_merged_into_idx', 'tickets_parent_idx',
            'tickets_priority_number_idx', 'tickets_requester_email_idx', 'tickets_resolved_idx', 'tickets_sla_next_due_idx', 'tickets_status_resolved_idx', 'tickets_status_updated_idx',
            'tickets_team_idx', 'tickets_updated_idx',
          ]);
          expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db)).rows[0]?.foreign_keys).toBe(1);
        }
        // Deleting a device still deletes its tickets and their messages; the device-less ticket stays.
        await handle.db.deleteFrom('devices').where('id', '=', 'd1').execute();
        expect(await handle.db.selectFrom('tickets').select('id').execute()).toEqual([{ id: 't3' }]);
        expect(await handle.db.selectFrom('ticket_messages').select('id').execute()).toEqual([]);
      } finally {
        if (kind === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
        await handle.close();
      }
    });
  });
});
