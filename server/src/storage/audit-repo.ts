import { randomUUID } from 'node:crypto';

import type { AuditEntry, AuditPage, AuditTarget } from '@deskside/shared';
import { sql, type Kysely, type Transaction } from 'kysely';

import type { AuditLogTable, Database } from './tables.js';
import { count, iso, json, offsetOf, parseJson } from './values.js';

export interface Actor {
  readonly kind: 'technician' | 'device' | 'system';
  readonly id: string | null;
  readonly name: string | null;
}

export interface AuditRecord {
  readonly actor: Actor;
  readonly action: string;
  readonly target: { readonly kind: AuditTarget; readonly id: string | null };
  readonly details?: Readonly<Record<string, unknown>>;
  readonly ip?: string | null;
}

export interface AuditFilter {
  readonly targetKind?: AuditTarget | undefined;
  readonly targetId?: string | undefined;
  readonly actorId?: string | undefined;
  readonly action?: string | undefined;
  readonly since?: number | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export function toAuditEntry(r: AuditLogTable): AuditEntry {
  return {
    id: r.id,
    at: iso(r.at),
    actor: { kind: r.actor_kind as AuditEntry['actor']['kind'], id: r.actor_id, name: r.actor_name },
    action: r.action,
    target: { kind: r.target_kind as AuditTarget, id: r.target_id },
    details: parseJson<Record<string, never>>(r.details),
    ip: r.ip,
  };
}

/** Append-only record of every change a person or device made. */
export class AuditRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: AuditRecord, at: number, trx: Kysely<Database> | Transaction<Database> = this.db): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        id: randomUUID(),
        at,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        actor_name: entry.actor.name,
        action: entry.action,
        target_kind: entry.target.kind,
        target_id: entry.target.id,
        details: json(entry.details ?? {}),
        ip: entry.ip ?? null,
      })
      .execute();
  }

  async forTarget(kind: AuditTarget, id: string, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_kind', '=', kind)
      .where('target_id', '=', id)
      .orderBy('at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toAuditEntry);
  }

  async page(f: AuditFilter): Promise<AuditPage> {
    let q = this.db.selectFrom('audit_log');
    if (f.targetKind !== undefined) q = q.where('target_kind', '=', f.targetKind);
    if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
    if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
    if (f.action !== undefined) q = q.where('action', '=', f.action);
    if (f.since !== undefined) q = q.where('at', '>=', f.since);
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset(offsetOf(f)).execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(toAuditEntry), total: count(total?.n), page: f.page, pageSize: f.pageSize };
  }
}
