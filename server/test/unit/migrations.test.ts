import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { migrate, openDatabase } from '../../src/storage/database.js';
import { MIGRATIONS, migrationProvider } from '../../src/storage/migrations.js';
import type { DevicesTable, TicketsTable } from '../../src/storage/tables.js';

/** A device row as written before migration 0010 added device keys. */
type DeviceBeforeKeys = Omit<DevicesTable, 'public_key' | 'key_fingerprint' | 'enroll_state' | 'resembles_device_id'>;

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
      })
      .execute();
    // A ticket row as written before migration 0012 (and before the channel and requester-loop columns of 0015-0017).
    type LaterColumns =
      | 'team_id' | 'first_response_at' | 'sla_policy_id' | 'sla_pauses' | 'sla_first_response_due_at' | 'sla_resolution_due_at' | 'sla_next_due_at'
      | 'channel' | 'created_by' | 'requester_replied_at' | 'closed_at' | 'close_reason' | 'reopen_count' | 'rating' | 'rating_comment' | 'rated_at' | 'merged_into_id' | 'parent_id';
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
    await handle.close();
  });
});
