import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';

import { migrate, openDatabase } from '../../src/storage/database.js';
import { migrationProvider } from '../../src/storage/migrations.js';
import type { DevicesTable } from '../../src/storage/tables.js';

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
      } satisfies Omit<DevicesTable, 'tag'> as DevicesTable)
      .execute();
    await handle.db.insertInto('device_software').values([
      { device_id: 'd1', pkg_key: 'a', name_lower: 'alpha', version: '1' },
      { device_id: 'd1', pkg_key: 'b', name_lower: 'beta', version: null },
    ]).execute();
    expect(await migrate(handle)).toEqual(['0003-leaner-software-table', '0004-software-catalog', '0005-software-keyed-by-name', '0006-device-tag-and-blob-candidates']);
    expect(await handle.db.selectFrom('devices').select('tag').execute()).toEqual([{ tag: null }]);
    expect((await handle.db.selectFrom('software_names').selectAll().orderBy('name_lower').execute()).map((r) => r.name_lower)).toEqual(['alpha', 'beta']);
    const rows = await handle.db.selectFrom('device_software').selectAll().orderBy('pkg_key').execute();
    expect(rows).toEqual([
      { device_id: 'd1', pkg_key: 'a', name_lower: 'alpha', version: '1' },
      { device_id: 'd1', pkg_key: 'b', name_lower: 'beta', version: null },
    ]);
    // Still cascades with its device.
    await handle.db.deleteFrom('devices').where('id', '=', 'd1').execute();
    expect(await handle.db.selectFrom('device_software').selectAll().execute()).toEqual([]);
    expect(await migrate(handle)).toEqual([]);
    await handle.close();
  });
});
