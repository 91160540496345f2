import { randomUUID } from 'node:crypto';

import type { Routing, Team, TeamChange, TeamCreate, TeamRef, TeamUpdate, TicketCategory } from '@deskside/shared';
import { sql, type Kysely, type Transaction } from 'kysely';

import type { Clock } from './clock.js';
import type { TeamsTable } from './helpdesk-tables.js';
import type { Database } from './tables.js';
import { count, iso } from './values.js';

export class DuplicateTeamNameError extends Error {
  constructor(name: string) {
    super(`a team named "${name}" already exists`);
  }
}

/** The routing rule category that names the default team. */
export const DEFAULT_ROUTE = '*';

type Db = Kysely<Database> | Transaction<Database>;

/** Teams, their members and the routing rules that send new tickets to them. */
export class TeamsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Team[]> {
    const [teams, members] = await Promise.all([
      this.db.selectFrom('teams').selectAll().orderBy('name_key').execute(),
      this.db
        .selectFrom('team_members')
        .innerJoin('technicians', 'technicians.id', 'team_members.technician_id')
        .select(['team_members.team_id', 'technicians.id', 'technicians.display_name'])
        .orderBy('technicians.display_name')
        .execute(),
    ]);
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      slaPolicyId: t.sla_policy_id,
      members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, displayName: m.display_name })),
      createdAt: iso(t.created_at),
    }));
  }

  async get(id: string): Promise<Team | null> {
    return (await this.list()).find((t) => t.id === id) ?? null;
  }

  async row(id: string, db: Db = this.db): Promise<TeamsTable | null> {
    return (await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async refs(ids: readonly string[]): Promise<Map<string, TeamRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('teams').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
  }

  private async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
    let q = this.db.selectFrom('teams').select('id').where('name_key', '=', name.toLowerCase());
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async create(input: TeamCreate): Promise<TeamsTable> {
    if (await this.nameTaken(input.name, null)) throw new DuplicateTeamNameError(input.name);
    const now = this.clock();
    const row: TeamsTable = {
      id: randomUUID(),
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description ?? null,
      sla_policy_id: input.slaPolicyId ?? null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto('teams').values(row).execute();
    } catch (err) {
      // Two admins creating the same name at once: the unique key decides.
      if (await this.nameTaken(input.name, row.id)) throw new DuplicateTeamNameError(input.name);
      throw err;
    }
    return row;
  }

  async update(id: string, patch: TeamUpdate): Promise<TeamsTable | null> {
    if (patch.name !== undefined && (await this.nameTaken(patch.name, id))) throw new DuplicateTeamNameError(patch.name);
    const set: Partial<TeamsTable> = { updated_at: this.clock() };
    if (patch.name !== undefined) {
      set.name = patch.name;
      set.name_key = patch.name.toLowerCase();
    }
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.slaPolicyId !== undefined) set.sla_policy_id = patch.slaPolicyId;
    await this.db.updateTable('teams').set(set).where('id', '=', id).execute();
    return this.row(id);
  }

  /** Tickets that name the team, open or not: a team with history is renamed, not deleted. */
  async ticketCount(id: string): Promise<number> {
    const r = await this.db.selectFrom('tickets').select(sql<number>`count(*)`.as('n')).where('team_id', '=', id).executeTakeFirst();
    return count(r?.n);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('teams').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async memberIds(teamId: string, db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('team_members').select('technician_id').where('team_id', '=', teamId).execute();
    return rows.map((r) => r.technician_id);
  }

  /** Replaces the member list; returns who was added and who removed. */
  async setMembers(teamId: string, technicianIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
    const wanted = [...new Set(technicianIds)];
    return this.db.transaction().execute(async (trx) => {
      const current = await this.memberIds(teamId, trx);
      const added = wanted.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wanted.includes(id));
      if (removed.length > 0) await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('technician_id', 'in', removed).execute();
      if (added.length > 0) {
        const now = this.clock();
        await trx.insertInto('team_members').values(added.map((technician_id) => ({ team_id: teamId, technician_id, added_at: now }))).execute();
      }
      return { added, removed };
    });
  }

  /** Puts one technician into `join` and out of `leave` (a directory sync); returns what changed. */
  async syncTechnician(technicianId: string, join: readonly string[], leave: readonly string[]): Promise<{ joined: string[]; left: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      const current = (await trx.selectFrom('team_members').select('team_id').where('technician_id', '=', technicianId).execute()).map((r) => r.team_id);
      const existing = join.length === 0 ? [] : (await trx.selectFrom('teams').select('id').where('id', 'in', [...join]).execute()).map((r) => r.id);
      const joined = [...new Set(existing)].filter((id) => !current.includes(id));
      const left = current.filter((id) => leave.includes(id) && !join.includes(id));
      if (left.length > 0) await trx.deleteFrom('team_members').where('technician_id', '=', technicianId).where('team_id', 'in', left).execute();
      if (joined.length > 0) {
        const now = this.clock();
        await trx.insertInto('team_members').values(joined.map((team_id) => ({ team_id, technician_id: technicianId, added_at: now }))).execute();
      }
      return { joined, left };
    });
  }

  async isMember(teamId: string, technicianId: string, db: Db = this.db): Promise<boolean> {
    const r = await db.selectFrom('team_members').select('team_id').where('team_id', '=', teamId).where('technician_id', '=', technicianId).executeTakeFirst();
    return r !== undefined;
  }

  async teamIdsOf(technicianId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('team_members').select('team_id').where('technician_id', '=', technicianId).execute();
    return rows.map((r) => r.team_id);
  }

  /** Every team the ticket was routed or transferred to, oldest first. */
  async history(ticketId: string): Promise<TeamChange[]> {
    const rows = await this.db.selectFrom('ticket_team_changes').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
    const refs = await this.refs(rows.flatMap((r) => [r.from_team_id, r.to_team_id].filter((id): id is string => id !== null)));
    // A deleted team keeps its place in the history, unnamed.
    const ref = (id: string | null): TeamRef | null => (id === null ? null : (refs.get(id) ?? null));
    return rows.map((r) => ({
      at: iso(r.at),
      kind: r.kind as TeamChange['kind'],
      from: ref(r.from_team_id),
      to: ref(r.to_team_id),
      by: r.technician_name,
      note: r.note,
    }));
  }

  async routing(): Promise<Routing> {
    const rows = await this.db.selectFrom('routing_rules').selectAll().orderBy('category').execute();
    return {
      defaultTeamId: rows.find((r) => r.category === DEFAULT_ROUTE)?.team_id ?? null,
      rules: rows.filter((r) => r.category !== DEFAULT_ROUTE).map((r) => ({ category: r.category as TicketCategory, teamId: r.team_id })),
    };
  }

  async setRouting(routing: Routing): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('routing_rules').execute();
      const rows = [
        ...routing.rules.map((r) => ({ category: r.category, team_id: r.teamId })),
        ...(routing.defaultTeamId === null ? [] : [{ category: DEFAULT_ROUTE, team_id: routing.defaultTeamId }]),
      ];
      if (rows.length > 0) await trx.insertInto('routing_rules').values(rows).execute();
    });
  }

  /** The team a new ticket of this category goes to: its rule, else the default team, else none. */
  async routeFor(category: string, db: Db = this.db): Promise<string | null> {
    const rows = await db.selectFrom('routing_rules').selectAll().where('category', 'in', [category, DEFAULT_ROUTE]).execute();
    return (rows.find((r) => r.category === category) ?? rows.find((r) => r.category === DEFAULT_ROUTE))?.team_id ?? null;
  }
}
