import { randomUUID } from 'node:crypto';

import type { Connector, ConnectorConfig, ConnectorCreate, ConnectorKind, ConnectorSettings, ConnectorUpdate, RemoteTicketLink } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { ConnectorsTable, TicketRemoteLinksTable } from './integration-tables.js';
import type { Database } from './tables.js';
import { bit, bool, iso, json, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The configuration without its secrets. */
export function settingsOf(config: ConnectorConfig): ConnectorSettings {
  switch (config.kind) {
    case 'glpi':
      return { kind: 'glpi', baseUrl: config.baseUrl };
    case 'zammad':
      return { kind: 'zammad', baseUrl: config.baseUrl, group: config.group, fallbackCustomer: config.fallbackCustomer };
    case 'jira':
      return { kind: 'jira', baseUrl: config.baseUrl, email: config.email, serviceDeskId: config.serviceDeskId, requestTypeId: config.requestTypeId };
  }
}

const toConnector = (r: ConnectorsTable): Connector => ({
  id: r.id,
  name: r.name,
  enabled: bool(r.enabled),
  settings: settingsOf(parseJson<ConnectorConfig>(r.config)),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Connectors to other helpdesks, and each ticket's link to its twin there. */
export class ConnectorsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Connector[]> {
    return (await this.db.selectFrom('connectors').selectAll().orderBy('name').orderBy('id').execute()).map(toConnector);
  }

  async get(id: string): Promise<Connector | null> {
    const row = await this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toConnector(row);
  }

  /** The configuration with its credentials, for the runner alone. */
  async config(id: string): Promise<{ name: string; enabled: boolean; config: ConnectorConfig } | null> {
    const row = await this.db.selectFrom('connectors').select(['name', 'enabled', 'config']).where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : { name: row.name, enabled: bool(row.enabled), config: parseJson<ConnectorConfig>(row.config) };
  }

  async create(input: ConnectorCreate & { enabled: boolean; config: ConnectorConfig }): Promise<Connector> {
    const now = this.clock();
    const row: ConnectorsTable = { id: randomUUID(), kind: input.config.kind, name: input.name, enabled: bit(input.enabled), config: json(input.config), created_at: now, updated_at: now };
    await this.db.insertInto('connectors').values(row).execute();
    return toConnector(row);
  }

  async update(id: string, patch: ConnectorUpdate): Promise<Connector | null> {
    const set: Partial<ConnectorsTable> = { updated_at: this.clock() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.enabled !== undefined) set.enabled = bit(patch.enabled);
    if (patch.config !== undefined) {
      set.config = json(patch.config);
      set.kind = patch.config.kind;
    }
    const r = await this.db.updateTable('connectors').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) === 0 ? null : this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('connectors').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async enabledIds(trx: Db): Promise<string[]> {
    return (await trx.selectFrom('connectors').select('id').where('enabled', '=', 1).orderBy('id').execute()).map((r) => r.id);
  }

  /** A new ticket's twins start `pending`, in the ticket's own transaction, so its page shows them at once. */
  async startLinks(trx: Db, ticketId: string, connectorIds: readonly string[]): Promise<void> {
    if (connectorIds.length === 0) return;
    const now = this.clock();
    await trx
      .insertInto('ticket_remote_links')
      .values(connectorIds.map((connector_id) => ({ ticket_id: ticketId, connector_id, state: 'pending', remote_id: null, remote_number: null, remote_url: null, last_error: null, updated_at: now })))
      .onConflict((oc) => oc.columns(['ticket_id', 'connector_id']).doNothing())
      .execute();
  }

  async link(ticketId: string, connectorId: string): Promise<TicketRemoteLinksTable | null> {
    return (await this.db.selectFrom('ticket_remote_links').selectAll().where('ticket_id', '=', ticketId).where('connector_id', '=', connectorId).executeTakeFirst()) ?? null;
  }

  async setLink(ticketId: string, connectorId: string, patch: Partial<Pick<TicketRemoteLinksTable, 'state' | 'remote_id' | 'remote_number' | 'remote_url' | 'last_error'>>): Promise<void> {
    const now = this.clock();
    await this.db
      .insertInto('ticket_remote_links')
      .values({ ticket_id: ticketId, connector_id: connectorId, state: 'pending', remote_id: null, remote_number: null, remote_url: null, last_error: null, ...patch, updated_at: now })
      .onConflict((oc) => oc.columns(['ticket_id', 'connector_id']).doUpdateSet({ ...patch, updated_at: now }))
      .execute();
  }

  /** The ticket's twins, for its page. */
  async links(ticketId: string): Promise<RemoteTicketLink[]> {
    const rows = await this.db
      .selectFrom('ticket_remote_links')
      .innerJoin('connectors', 'connectors.id', 'ticket_remote_links.connector_id')
      .selectAll('ticket_remote_links')
      .select(['connectors.name as connector_name', 'connectors.kind as connector_kind'])
      .where('ticket_remote_links.ticket_id', '=', ticketId)
      .orderBy('connectors.name')
      .execute();
    return rows.map((r) => ({
      connectorId: r.connector_id,
      connectorName: r.connector_name,
      kind: r.connector_kind as ConnectorKind,
      state: r.state as RemoteTicketLink['state'],
      remoteId: r.remote_id,
      remoteNumber: r.remote_number,
      remoteUrl: r.remote_url,
      lastError: r.last_error,
      updatedAt: iso(r.updated_at),
    }));
  }
}
