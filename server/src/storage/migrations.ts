import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

import { deflateJson, storedSectionsText } from './compressed-json.js';
import { teams } from './migrations/0012-teams.js';
import { serviceLevels } from './migrations/0013-service-levels.js';
import { cannedReplies } from './migrations/0014-canned-replies.js';
import { ticketChannelsAndFreshDiagnostics } from './migrations/0015-ticket-channels-and-fresh-diagnostics.js';
import { requesterLoop } from './migrations/0016-requester-loop.js';
import { ticketRelationsAndSavedViews } from './migrations/0017-ticket-relations-and-saved-views.js';
import { knowledgeBase } from './migrations/0018-knowledge-base.js';
import { replyAttachments } from './migrations/0019-reply-attachments.js';
import { housekeepingLease } from './migrations/0020-housekeeping-lease.js';
import { ticketPriorityIndex } from './migrations/0023-ticket-priority-index.js';
import { outboundJobs } from './migrations/0024-outbound-jobs.js';
import { technicianMail } from './migrations/0025-technician-mail.js';
import { ticketsWithoutDevice } from './migrations/0026-tickets-without-device.js';
import { mailIntake } from './migrations/0027-mail-intake.js';
import { webhooks } from './migrations/0029-webhooks.js';
import { connectors } from './migrations/0030-connectors.js';
import { apiTokens } from './migrations/0031-api-tokens.js';
import { singleSignOn } from './migrations/0032-single-sign-on.js';
import { deviceAssets } from './migrations/0033-device-assets.js';
import { fleetFindings } from './migrations/0034-fleet-findings.js';
import { fleetFindingsDaily } from './migrations/0035-fleet-findings-daily.js';
import { requesterMailLinks } from './migrations/0038-requester-mail-links.js';
import { softwareNamesById } from './migrations/0039-software-names-by-id.js';
import { uploadReservations } from './migrations/0040-upload-reservations.js';

/**
 * Schema migrations, written once with Kysely's schema builder so the same steps run on SQLite and
 * PostgreSQL. New steps are appended; a released step is never edited.
 */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('hardware_uuid', 'text')
      .addColumn('serial', 'text')
      .addColumn('macs', 'text', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('os_name', 'text')
      .addColumn('os_version', 'text')
      .addColumn('ip', 'text')
      .addColumn('logged_in_user', 'text')
      .addColumn('manufacturer', 'text')
      .addColumn('model', 'text')
      .addColumn('agent_version', 'text', (c) => c.notNull())
      .addColumn('av_state', 'text', (c) => c.notNull())
      .addColumn('backup_state', 'text', (c) => c.notNull())
      .addColumn('min_free_disk_pct', 'double precision')
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
      .addColumn('inventory_at', 'bigint')
      .addColumn('full_inventory_requested', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('outbox_items', 'integer')
      .addColumn('search_text', 'text', (c) => c.notNull())
      .execute();
    // The list's filters and sorts, each backed by an index so 100,000 devices page quickly.
    for (const column of ['hostname', 'last_seen_at', 'enrolled_at', 'platform', 'av_state', 'backup_state', 'min_free_disk_pct', 'hardware_uuid', 'serial']) {
      await db.schema.createIndex(`devices_${column}_idx`).on('devices').column(column).execute();
    }

    await db.schema
      .createTable('device_credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('device_credentials_device_idx').on('device_credentials').column('device_id').execute();

    await db.schema
      .createTable('enroll_secrets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('max_uses', 'integer')
      .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_used_at', 'bigint')
      .execute();

    await db.schema
      .createTable('device_inventories')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('collected_at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('agent_version', 'text', (c) => c.notNull())
      .addColumn('sections', 'text', (c) => c.notNull())
      .addColumn('section_updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('device_software')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('pkg_key', 'text', (c) => c.notNull())
      .addColumn('name_lower', 'text', (c) => c.notNull())
      .addColumn('version', 'text')
      .addPrimaryKeyConstraint('device_software_pk', ['device_id', 'pkg_key'])
      .execute();
    await db.schema.createIndex('device_software_name_idx').on('device_software').column('name_lower').execute();

    await db.schema
      .createTable('inventory_history')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('before_value', 'text')
      .addColumn('after_value', 'text')
      .execute();
    await db.schema.createIndex('inventory_history_device_idx').on('inventory_history').columns(['device_id', 'at']).execute();

    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('uploads_received_idx').on('uploads').column('received_at').execute();

    await db.schema
      .createTable('technicians')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_login_at', 'bigint')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'bigint')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('technician_id', 'text', (c) => c.notNull().references('technicians.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('sessions_technician_idx').on('sessions').column('technician_id').execute();
    await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('urgency', 'text', (c) => c.notNull())
      .addColumn('impact', 'text', (c) => c.notNull())
      .addColumn('computed_priority', 'text', (c) => c.notNull())
      .addColumn('priority_override', 'text')
      .addColumn('priority_rank', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text', (c) => c.references('technicians.id').onDelete('set null'))
      .addColumn('contact', 'text', (c) => c.notNull())
      .addColumn('requester', 'text')
      .addColumn('locale', 'text')
      .addColumn('diagnostics', 'text')
      .addColumn('submitted_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('device_updated_at', 'bigint', (c) => c.notNull())
      .addColumn('status_changed_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attachment_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('tickets_status_updated_idx').on('tickets').columns(['status', 'updated_at']).execute();
    await db.schema.createIndex('tickets_updated_idx').on('tickets').column('updated_at').execute();
    await db.schema.createIndex('tickets_created_idx').on('tickets').column('created_at').execute();
    await db.schema.createIndex('tickets_resolved_idx').on('tickets').column('resolved_at').execute();
    await db.schema.createIndex('tickets_assignee_idx').on('tickets').column('assignee_id').execute();
    await db.schema.createIndex('tickets_device_idx').on('tickets').columns(['device_id', 'device_updated_at']).execute();

    await db.schema
      .createTable('ticket_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text')
      .addColumn('technician_id', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_messages_ticket_idx').on('ticket_messages').columns(['ticket_id', 'created_at']).execute();

    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_ticket_idx').on('attachments').column('ticket_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
    await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_kind', 'target_id', 'at']).execute();
    await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

/**
 * Latest inventories stored deflated: seven times smaller on disk and in every write, for about half
 * a millisecond of CPU per upload. Rows written before keep their text until the device's next upload.
 */
const compressedInventories: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .alterTable('device_inventories')
      .addColumn('sections_z', postgres ? 'bytea' : 'blob')
      .execute();
  },
};

/**
 * The package table is written hundreds of rows at a time. On SQLite it becomes a WITHOUT ROWID table
 * clustered on (device_id, pkg_key): one B-tree per write instead of a table plus its key index. The
 * name index goes on both engines: the console searches names by substring, which no B-tree serves.
 */
const leanerSoftwareTable: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema.dropIndex('device_software_name_idx').ifExists().execute();
    if (postgres) return;
    await sql`create table device_software_clustered (
      device_id text not null references devices(id) on delete cascade,
      pkg_key text not null,
      name_lower text not null,
      version text,
      primary key (device_id, pkg_key)
    ) without rowid`.execute(db);
    await sql`insert into device_software_clustered (device_id, pkg_key, name_lower, version)
      select device_id, pkg_key, name_lower, version from device_software`.execute(db);
    await sql`drop table device_software`.execute(db);
    await sql`alter table device_software_clustered rename to device_software`.execute(db);
  },
};

/**
 * Software search that scales: a catalog of every distinct package name seen in the fleet (tens of
 * thousands, not tens of millions), searched by substring; matching names then find their devices
 * through an index on the package table.
 */
const softwareCatalog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('software_names').addColumn('name_lower', 'text', (c) => c.primaryKey()).execute();
    await sql`insert into software_names (name_lower) select distinct name_lower from device_software`.execute(db);
    await db.schema.createIndex('device_software_name_lower_idx').on('device_software').column('name_lower').execute();
  },
};

/**
 * A name index on the package table costs a random index write per package row (measured: a device's
 * first inventory three times slower). Instead the table's key starts (device_id, name_lower): writes
 * stay together per device, and the software filter seeks each device's rows by the few catalog names
 * that match.
 */
const softwareKeyedByName: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema.dropIndex('device_software_name_lower_idx').ifExists().execute();
    if (postgres) {
      await sql`alter table device_software drop constraint device_software_pk`.execute(db);
      await sql`alter table device_software add constraint device_software_pk primary key (device_id, name_lower, pkg_key)`.execute(db);
      return;
    }
    await sql`create table device_software_by_name (
      device_id text not null references devices(id) on delete cascade,
      name_lower text not null,
      pkg_key text not null,
      version text,
      primary key (device_id, name_lower, pkg_key)
    ) without rowid`.execute(db);
    await sql`insert into device_software_by_name (device_id, name_lower, pkg_key, version)
      select device_id, name_lower, pkg_key, version from device_software`.execute(db);
    await sql`drop table device_software`.execute(db);
    await sql`alter table device_software_by_name rename to device_software`.execute(db);
  },
};

/**
 * The installer's tag on each device (a site or department, filtered on in the console), and the
 * attachment blobs waiting for housekeeping to decide whether anything references them.
 */
const deviceTagAndBlobCandidates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('tag', 'text').execute();
    await db.schema.createIndex('devices_tag_idx').on('devices').column('tag').execute();
    await db.schema
      .createTable('blob_candidates')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('noted_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('blob_candidates_noted_at_idx').on('blob_candidates').column('noted_at').execute();
    // "Does any attachment still use this blob?" is asked once per candidate.
    await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();
  },
};

interface StoredInventoryRow {
  readonly device_id: string;
  readonly sections: string;
  readonly sections_z: Buffer | null;
}

/** Devices whose stored inventories are rewritten per batch: bounded memory on a 100,000-device fleet. */
const REWRITE_BATCH = 200;

/**
 * Installed package sizes left the contract (no screen showed them, and they were about a sixth of a
 * full inventory's compressed size). Stored inventories drop them, so every stored document still
 * matches the schema the console's answers are checked against; the rest of each document is kept.
 */
const packageSizesDropped: Migration = {
  async up(db: Kysely<unknown>) {
    let after = '';
    for (;;) {
      const { rows } = await sql<StoredInventoryRow>`select device_id, sections, sections_z from device_inventories
        where device_id > ${after} order by device_id limit ${REWRITE_BATCH}`.execute(db);
      if (rows.length === 0) return;
      for (const row of rows) {
        const text = await storedSectionsText(row);
        if (text === '') continue;
        const sections = JSON.parse(text) as {
          software?: { data?: { packages?: unknown } | null };
        };
        const packages = sections.software?.data?.packages;
        if (!Array.isArray(packages) || !packages.some((p) => typeof p === 'object' && p !== null && 'sizeBytes' in p)) continue;
        for (const p of packages as Record<string, unknown>[]) delete p.sizeBytes;
        const compressed = await deflateJson(JSON.stringify(sections));
        await sql`update device_inventories set sections = '', sections_z = ${compressed} where device_id = ${row.device_id}`.execute(db);
      }
      after = rows[rows.length - 1]!.device_id;
    }
  },
};

/** The OS account a device's agent service verified as a ticket's requester. */
const ticketRequesterAccount: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('requester_account', 'text').execute();
  },
};

/**
 * Each signed-in user's own sections (proxy, OneDrive, File History, Déjà Dup) beside the device's
 * inventory: one JSON list per device, null until an agent reports users. A few KiB per user, so kept
 * plain; merged per account on upload like the sections are per category.
 */
const userScopeSections: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('device_inventories').addColumn('user_scope', 'text').execute();
  },
};

/**
 * Device keys (issue 13): each device may hold the public half of its agent's key, found by
 * fingerprint when the same key enrolls again. An enrollment that repeats an existing device's
 * hardware identifiers without its key becomes a separate `pending` device pointing at the one it
 * resembles. One-time enrollment challenges live here too, so any instance can check any other's.
 */
const deviceKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('public_key', 'text').execute();
    await db.schema.alterTable('devices').addColumn('key_fingerprint', 'text').execute();
    await db.schema.alterTable('devices').addColumn('enroll_state', 'text', (c) => c.notNull().defaultTo('active')).execute();
    await db.schema.alterTable('devices').addColumn('resembles_device_id', 'text').execute();
    // Unique: one key, one device, even when two enrollments with a new key race (the loser retries and re-enrolls).
    await db.schema.createIndex('devices_key_fingerprint_idx').on('devices').column('key_fingerprint').unique().execute();
    // The console's pending list; every other device is 'active'.
    await db.schema.createIndex('devices_enroll_state_idx').on('devices').column('enroll_state').execute();
    await db.schema
      .createTable('enroll_challenges')
      .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('enroll_challenges_expires_idx').on('enroll_challenges').column('expires_at').execute();
  },
};

/** Sign-in throttling per source, per account and per both (replaces the per-account lockout). */
const loginThrottle: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_throttle_window_idx').on('login_throttle').column('window_start').execute();
  },
};

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-compressed-inventories': compressedInventories,
  '0003-leaner-software-table': leanerSoftwareTable,
  '0004-software-catalog': softwareCatalog,
  '0005-software-keyed-by-name': softwareKeyedByName,
  '0006-device-tag-and-blob-candidates': deviceTagAndBlobCandidates,
  '0007-package-sizes-dropped': packageSizesDropped,
  '0008-user-scope-sections': userScopeSections,
  '0009-ticket-requester-account': ticketRequesterAccount,
  '0010-device-keys': deviceKeys,
  '0011-login-throttle': loginThrottle,
  '0012-teams': teams,
  '0013-service-levels': serviceLevels,
  '0014-canned-replies': cannedReplies,
  '0015-ticket-channels-and-fresh-diagnostics': ticketChannelsAndFreshDiagnostics,
  '0016-requester-loop': requesterLoop,
  '0017-ticket-relations-and-saved-views': ticketRelationsAndSavedViews,
  '0018-knowledge-base': knowledgeBase,
  '0019-reply-attachments': replyAttachments,
  '0020-housekeeping-lease': housekeepingLease,
  '0023-ticket-priority-index': ticketPriorityIndex,
  '0024-outbound-jobs': outboundJobs,
  '0025-technician-mail': technicianMail,
  '0026-tickets-without-device': ticketsWithoutDevice,
  '0027-mail-intake': mailIntake,
  '0029-webhooks': webhooks,
  '0030-connectors': connectors,
  '0031-api-tokens': apiTokens,
  '0032-single-sign-on': singleSignOn,
  '0033-device-assets': deviceAssets,
  '0034-fleet-findings': fleetFindings,
  '0035-fleet-findings-daily': fleetFindingsDaily,
  '0038-requester-mail-links': requesterMailLinks,
  '0039-software-names-by-id': softwareNamesById,
  '0040-upload-reservations': uploadReservations,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
