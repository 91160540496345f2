import { randomUUID } from 'node:crypto';

import type { CannedReply, CannedReplyUpdate } from '@deskside/shared';
import type { Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { CannedRepliesTable } from './helpdesk-tables.js';
import type { Database } from './tables.js';
import { iso } from './values.js';

export const toCannedReply = (r: CannedRepliesTable): CannedReply => ({
  id: r.id,
  teamId: r.team_id,
  title: r.title,
  bodies: { en: r.body_en, 'zh-CN': r.body_zh_cn },
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Canned replies for one team or all; placeholders are filled where the reply is inserted. */
export class CannedRepliesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Every reply, or those a ticket of `teamId` may use (its team's and the global ones). */
  async list(teamId?: string): Promise<CannedReply[]> {
    let q = this.db.selectFrom('canned_replies').selectAll();
    if (teamId !== undefined) q = q.where((eb) => eb.or([eb('team_id', 'is', null), eb('team_id', '=', teamId)]));
    return (await q.orderBy('title').orderBy('id').execute()).map(toCannedReply);
  }

  async get(id: string): Promise<CannedReply | null> {
    const r = await this.db.selectFrom('canned_replies').selectAll().where('id', '=', id).executeTakeFirst();
    return r === undefined ? null : toCannedReply(r);
  }

  async create(input: { teamId: string | null; title: string; bodies: { en: string; 'zh-CN': string } }): Promise<CannedReply> {
    const now = this.clock();
    const row: CannedRepliesTable = {
      id: randomUUID(),
      team_id: input.teamId,
      title: input.title,
      body_en: input.bodies.en,
      body_zh_cn: input.bodies['zh-CN'],
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('canned_replies').values(row).execute();
    return toCannedReply(row);
  }

  async update(id: string, patch: CannedReplyUpdate): Promise<CannedReply | null> {
    const set: Partial<CannedRepliesTable> = { updated_at: this.clock() };
    if (patch.teamId !== undefined) set.team_id = patch.teamId;
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.bodies !== undefined) {
      set.body_en = patch.bodies.en;
      set.body_zh_cn = patch.bodies['zh-CN'];
    }
    await this.db.updateTable('canned_replies').set(set).where('id', '=', id).execute();
    return this.get(id);
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('canned_replies').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
