import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrate, openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/storage/database.js';
import { migrationProvider } from '../src/storage/migrations.js';
import { DATABASES, PG_URL } from './helpers/harness.js';

/**
 * The storage migrations on a populated database of each kind: rows written as the schema stood just
 * before them must come out the other side whole.
 */
describe.each(DATABASES)('storage migrations on %s', (kind: DatabaseKind) => {
  let dataDir: string;
  let handle: DatabaseHandle;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const migrator = () =>
    new Migrator({ db: handle.db, provider: migrationProvider, ...(kind === 'postgres' ? { migrationTableSchema: schema } : {}) });
  const db = () => handle.db as unknown as Kysely<unknown>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-migrations-'));
    handle = kind === 'sqlite' ? openDatabase(`sqlite:${join(dataDir, 'deskside.db')}`) : openDatabase(PG_URL ?? '', { schema, poolSize: 2 });
    if (kind === 'postgres') await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
    const { error } = await migrator().migrateTo('0023-ticket-priority-index');
    expect(error).toBeUndefined();
    for (const id of ['d1', 'd2']) {
      await sql`insert into devices (id, hostname, macs, platform, agent_version, av_state, backup_state, last_seen_at, enrolled_at, full_inventory_requested, search_text)
        values (${id}, ${`pc-${id}`}, '[]', 'win32', '1', 'ok', 'ok', 1, 1, 0, ${`pc-${id}`})`.execute(db());
    }
    // As the package table stood: a row per package, the name twice for two architectures.
    await sql`insert into device_software (device_id, pkg_key, name_lower, version) values
      ('d1', ${'Firefox\u001fx64\u001fregistry'}, 'firefox', '120.0'),
      ('d1', ${'Firefox\u001fx86\u001fregistry'}, 'firefox', '119.0'),
      ('d1', ${'7-Zip\u001fx64\u001fregistry'}, '7-zip', '23.01'),
      ('d2', ${'Firefox\u001fx64\u001fregistry'}, 'firefox', '121.0'),
      ('d2', ${'VLC\u001fx64\u001fregistry'}, 'vlc', null)`.execute(db());
    // The catalog also keeps a name no device has any more.
    await sql`insert into software_names (name_lower) values ('7-zip'), ('firefox'), ('vlc'), ('zoom')`.execute(db());
    await migrate(handle, kind === 'postgres' ? { schema } : {});
  }, 60_000);

  afterAll(async () => {
    if (kind === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
    await handle.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  const names = async (deviceId: string) =>
    (
      await handle.db
        .selectFrom('device_software')
        .innerJoin('software_names', 'software_names.id', 'device_software.name_id')
        .select('software_names.name_lower')
        .where('device_software.device_id', '=', deviceId)
        .execute()
    )
      .map((r) => r.name_lower)
      .sort();

  it('0039 keeps every device name as one catalog number and the whole catalog', async () => {
    expect(await names('d1')).toEqual(['7-zip', 'firefox']);
    expect(await names('d2')).toEqual(['firefox', 'vlc']);
    const catalog = await handle.db.selectFrom('software_names').select(['id', 'name_lower']).orderBy('name_lower').execute();
    expect(catalog.map((r) => r.name_lower)).toEqual(['7-zip', 'firefox', 'vlc', 'zoom']);
    expect(new Set(catalog.map((r) => r.id)).size).toBe(4);
  });

  it('0039 numbers new names after the carried ones, keeps names unique and cascades with the device', async () => {
    const added = await handle.db.insertInto('software_names').values({ name_lower: 'slack' }).returning('id').executeTakeFirstOrThrow();
    const highest = await handle.db.selectFrom('software_names').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    expect(Number(added.id)).toBe(Number(highest.max));
    await expect(handle.db.insertInto('software_names').values({ name_lower: 'slack' }).execute()).rejects.toThrow();
    await handle.db.insertInto('device_software').values({ device_id: 'd2', name_id: Number(added.id) }).execute();
    expect(await names('d2')).toEqual(['firefox', 'slack', 'vlc']);
    await handle.db.deleteFrom('devices').where('id', '=', 'd2').execute();
    expect(await names('d2')).toEqual([]);
  });
});
