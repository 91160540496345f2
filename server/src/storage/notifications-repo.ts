import type { Notification, NotificationList, RequesterNotificationKind, SlaTargetKind } from '@deskside/shared';
import { sql, type Kysely } from 'kysely';

import type { Clock } from './clock.js';
import type { Database } from './tables.js';
import { count, iso, isoOrNull, parseJson } from './values.js';

/** Each technician's own notifications (service-level breaches, requesters' answers), newest first. */
export class NotificationsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(technicianId: string, options: { unreadOnly: boolean; limit: number }): Promise<NotificationList> {
    let q = this.db
      .selectFrom('notifications')
      .innerJoin('tickets', 'tickets.id', 'notifications.ticket_id')
      .select(['notifications.id', 'notifications.kind', 'notifications.details', 'notifications.created_at', 'notifications.read_at', 'tickets.id as ticket_id', 'tickets.number', 'tickets.subject'])
      .where('notifications.technician_id', '=', technicianId);
    if (options.unreadOnly) q = q.where('notifications.read_at', 'is', null);
    const [rows, unread] = await Promise.all([
      q.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(options.limit).execute(),
      this.db.selectFrom('notifications').select(sql<number>`count(*)`.as('n')).where('technician_id', '=', technicianId).where('read_at', 'is', null).executeTakeFirst(),
    ]);
    const items: Notification[] = rows.map((r) => {
      const ticket = { id: r.ticket_id, number: r.number, subject: r.subject };
      const common = { id: r.id, ticket, createdAt: iso(r.created_at), readAt: isoOrNull(r.read_at) };
      if (r.kind !== 'sla-breach') return { ...common, kind: r.kind as RequesterNotificationKind };
      const d = parseJson<{ target: SlaTargetKind; dueAt: number }>(r.details);
      return { ...common, kind: 'sla-breach', target: d.target, dueAt: iso(d.dueAt) };
    });
    return { items, unread: count(unread?.n) };
  }

  /** Marks the technician's own notifications read (these ids, or all); answers how many changed. */
  async markRead(technicianId: string, ids: readonly string[] | undefined): Promise<number> {
    let q = this.db.updateTable('notifications').set({ read_at: this.clock() }).where('technician_id', '=', technicianId).where('read_at', 'is', null);
    if (ids !== undefined) q = q.where('id', 'in', [...ids]);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
