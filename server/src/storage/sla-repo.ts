import { randomUUID } from 'node:crypto';

import { minutesOf, type BusinessSpan, type SlaPolicy, type SlaPolicyUpdate, type SlaTargets } from '@deskside/shared';
import type { Kysely, Transaction } from 'kysely';

import type { BusinessCalendar } from '../sla/business-calendar.js';
import type { Clock } from './clock.js';
import type { SlaPoliciesTable } from './helpdesk-tables.js';
import type { Database } from './tables.js';
import { bit, bool, iso, json, parseJson } from './values.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewSlaPolicy {
  readonly name: string;
  readonly timeZone: string;
  readonly week: readonly (readonly BusinessSpan[])[];
  readonly holidays: readonly string[];
  readonly targets: SlaTargets;
  readonly isDefault: boolean;
}

export const toSlaPolicy = (r: SlaPoliciesTable): SlaPolicy => ({
  id: r.id,
  name: r.name,
  timeZone: r.time_zone,
  week: parseJson(r.week),
  holidays: parseJson(r.holidays),
  targets: parseJson(r.targets),
  isDefault: bool(r.is_default),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** A stored policy as the pure clock reads it. */
export function calendarOf(p: SlaPolicy): BusinessCalendar {
  return {
    timeZone: p.timeZone,
    week: p.week.map((day) => day.map((s) => ({ start: minutesOf(s.start), end: minutesOf(s.end) }))),
    holidays: new Set(p.holidays),
  };
}

/** Service-level policies; at most one is the default. */
export class SlaRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<SlaPolicy[]> {
    return (await this.db.selectFrom('sla_policies').selectAll().orderBy('name').execute()).map(toSlaPolicy);
  }

  async get(id: string, db: Db = this.db): Promise<SlaPolicy | null> {
    const r = await db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? null : toSlaPolicy(r);
  }

  /** The policy a team's tickets run on: the team's own, else the default; null when neither exists. */
  async forTeam(teamId: string | null, db: Db = this.db): Promise<SlaPolicy | null> {
    if (teamId !== null) {
      const own = await db
        .selectFrom('teams')
        .innerJoin('sla_policies', 'sla_policies.id', 'teams.sla_policy_id')
        .selectAll('sla_policies')
        .where('teams.id', '=', teamId)
        .executeTakeFirst();
      if (own !== undefined) return toSlaPolicy(own);
    }
    const fallback = await db.selectFrom('sla_policies').selectAll().where('is_default', '=', 1).executeTakeFirst();
    return fallback === undefined ? null : toSlaPolicy(fallback);
  }

  async create(p: NewSlaPolicy): Promise<SlaPolicy> {
    const now = this.clock();
    const row: SlaPoliciesTable = {
      id: randomUUID(),
      name: p.name,
      time_zone: p.timeZone,
      week: json(p.week),
      holidays: json([...new Set(p.holidays)].sort()),
      targets: json(p.targets),
      is_default: bit(p.isDefault),
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      if (p.isDefault) await trx.updateTable('sla_policies').set({ is_default: 0 }).execute();
      await trx.insertInto('sla_policies').values(row).execute();
    });
    return toSlaPolicy(row);
  }

  async update(id: string, patch: SlaPolicyUpdate): Promise<SlaPolicy | null> {
    const set: Partial<SlaPoliciesTable> = { updated_at: this.clock() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
    if (patch.week !== undefined) set.week = json(patch.week);
    if (patch.holidays !== undefined) set.holidays = json([...new Set(patch.holidays)].sort());
    if (patch.targets !== undefined) set.targets = json(patch.targets);
    if (patch.isDefault !== undefined) set.is_default = bit(patch.isDefault);
    await this.db.transaction().execute(async (trx) => {
      if (patch.isDefault === true) await trx.updateTable('sla_policies').set({ is_default: 0 }).where('id', '<>', id).execute();
      await trx.updateTable('sla_policies').set(set).where('id', '=', id).execute();
    });
    return this.get(id);
  }

  /** Teams on the policy fall back to the default one. */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('teams').set({ sla_policy_id: null }).where('sla_policy_id', '=', id).execute();
      const r = await trx.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }
}
