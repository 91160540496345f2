import { type Kysely, type Migration } from 'kysely';

/**
 * Fleet findings from indexed columns, so each is one index range at 100,000 devices: the firewall
 * and system-disk encryption at a glance, since when a restart and security updates have been pending
 * (kept while they stay pending, cleared when they are not), and the weakest battery's health. IPv4
 * observations per hour feed the IP-conflict finding: the same address in the same network from two
 * different MAC addresses within one hour.
 */
export const fleetFindings: Migration = {
  async up(db: Kysely<unknown>) {
    // 'on' | 'off' | 'unknown': unknown (not reported, not readable) is never counted as off.
    await db.schema.alterTable('devices').addColumn('firewall_state', 'text', (c) => c.notNull().defaultTo('unknown')).execute();
    await db.schema.alterTable('devices').addColumn('encryption_state', 'text', (c) => c.notNull().defaultTo('unknown')).execute();
    await db.schema.alterTable('devices').addColumn('restart_pending_since', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('security_updates_since', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('battery_health_pct', 'double precision').execute();
    for (const column of ['firewall_state', 'encryption_state', 'restart_pending_since', 'security_updates_since', 'battery_health_pct', 'agent_version']) {
      await db.schema.createIndex(`devices_${column}_idx`).on('devices').column(column).execute();
    }

    await db.schema
      .createTable('ip_observations')
      /** Whole hours since the epoch: "within the same hour". */
      .addColumn('hour', 'bigint', (c) => c.notNull())
      /** The IPv4 network in CIDR form, e.g. 10.1.2.0/24. */
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('mac', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('ip_observations_pk', ['hour', 'network', 'ip', 'mac', 'device_id'])
      .execute();
    await db.schema.createIndex('ip_observations_device_idx').on('ip_observations').columns(['device_id', 'hour']).execute();
  },
};
