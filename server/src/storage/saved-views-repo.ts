import { randomUUID } from 'node:crypto';

import type { SavedView } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { iso } from './values.js';

/** A technician's named queue views are few; this bounds a runaway client. */
const MAX_VIEWS = 100;

export class DuplicateViewNameError extends Error {
  constructor(name: string) {
    super(`you already have a view named "${name}"`);
  }
}
export class TooManyViewsError extends Error {
  constructor() {
    super(`at most ${MAX_VIEWS} saved views per technician; delete one first`);
  }
}

/** Each technician's own saved queue views: a name and the queue URL's filters. */
export class SavedViewsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(technicianId: string): Promise<SavedView[]> {
    const rows = await this.db.selectFrom('saved_views').selectAll().where('technician_id', '=', technicianId).orderBy('name', 'asc').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: iso(r.created_at) }));
  }

  async create(technicianId: string, name: string, query: string): Promise<SavedView> {
    const existing = await this.db.selectFrom('saved_views').select(['name']).where('technician_id', '=', technicianId).execute();
    if (existing.some((v) => v.name === name)) throw new DuplicateViewNameError(name);
    if (existing.length >= MAX_VIEWS) throw new TooManyViewsError();
    const row = { id: randomUUID(), technician_id: technicianId, name, query, created_at: this.clock() };
    try {
      await this.db.insertInto('saved_views').values(row).execute();
    } catch (err) {
      // Two tabs saving the same name at once: the unique index decides.
      const again = await this.db.selectFrom('saved_views').select('id').where('technician_id', '=', technicianId).where('name', '=', name).executeTakeFirst();
      if (again !== undefined) throw new DuplicateViewNameError(name);
      throw err;
    }
    return { id: row.id, name, query, createdAt: iso(row.created_at) };
  }

  /** Deletes one of the technician's own views; another's looks like a missing one. */
  async remove(technicianId: string, id: string): Promise<SavedView | null> {
    const row = await this.db.selectFrom('saved_views').selectAll().where('id', '=', id).where('technician_id', '=', technicianId).executeTakeFirst();
    if (row === undefined) return null;
    await this.db.deleteFrom('saved_views').where('id', '=', id).execute();
    return { id: row.id, name: row.name, query: row.query, createdAt: iso(row.created_at) };
  }
}
