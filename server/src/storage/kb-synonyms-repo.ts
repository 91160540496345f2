import { randomUUID } from 'node:crypto';

import type { SynonymGroup } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database, KbSynonymsTable } from './tables.js';
import { iso, json, parseJson } from './values.js';

const toGroup = (r: KbSynonymsTable): SynonymGroup => ({ id: r.id, terms: parseJson<string[]>(r.terms), updatedAt: iso(r.updated_at), updatedBy: r.updated_by });

/** Technicians' synonym groups ("wifi" = "wireless" = 无线): read by every search, so kept small. */
export class KbSynonymsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Told after each change, so this instance's searches stop using the groups they cached. */
    private readonly changed: () => void = () => {},
  ) {}

  async list(): Promise<SynonymGroup[]> {
    const rows = await this.db.selectFrom('kb_synonyms').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
    return rows.map(toGroup);
  }

  async byId(id: string): Promise<SynonymGroup | null> {
    const row = await this.db.selectFrom('kb_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toGroup(row);
  }

  async create(terms: readonly string[], by: string): Promise<SynonymGroup> {
    const row = { id: randomUUID(), terms: json(terms), updated_at: this.clock(), updated_by: by };
    await this.db.insertInto('kb_synonyms').values(row).execute();
    this.changed();
    return toGroup(row);
  }

  async update(id: string, terms: readonly string[], by: string): Promise<SynonymGroup | null> {
    const result = await this.db.updateTable('kb_synonyms').set({ terms: json(terms), updated_at: this.clock(), updated_by: by }).where('id', '=', id).executeTakeFirst();
    this.changed();
    return Number(result.numUpdatedRows) === 1 ? this.byId(id) : null;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('kb_synonyms').where('id', '=', id).executeTakeFirst();
    this.changed();
    return Number(result.numDeletedRows) === 1;
  }
}
