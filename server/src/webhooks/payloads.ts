import { randomUUID } from 'node:crypto';

import {
  AV_STATES,
  WebhookBodySchema,
  type AvState,
  type Priority,
  type TicketStatus,
  type WebhookBody,
  type WebhookDeliveryEvent,
  type WebhookData,
  type WebhookTicket,
} from '@deskside/shared';

import type { DevicesTable, TicketsTable } from '../storage/tables.js';
import { iso, isoOrNull } from '../storage/values.js';

/** A stored state outside the contract's list reads as unknown rather than breaking a body. */
export const avStateOf = (v: string): AvState => ((AV_STATES as readonly string[]).includes(v) ? (v as AvState) : 'unknown');

export function webhookTicket(t: TicketsTable, hostname: string): WebhookTicket {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as TicketStatus,
    priority: (t.priority_override ?? t.computed_priority) as Priority,
    category: t.category,
    channel: t.channel,
    requester: t.requester,
    teamId: t.team_id,
    assigneeId: t.assignee_id,
    device: t.device_id === null ? null : { id: t.device_id, hostname },
    createdAt: iso(t.created_at),
    updatedAt: iso(t.updated_at),
    resolvedAt: isoOrNull(t.resolved_at),
  };
}

export function webhookDevice(d: Pick<DevicesTable, 'id' | 'hostname' | 'platform' | 'os_name' | 'enroll_state' | 'av_state'>) {
  return {
    id: d.id,
    hostname: d.hostname,
    platform: d.platform,
    osName: d.os_name,
    enrollState: d.enroll_state as 'active' | 'pending' | 'rejected',
    protection: avStateOf(d.av_state),
  };
}

/**
 * The body of one event, checked against the published schema before it is stored: a body that does
 * not match the documentation is a bug here, and is refused rather than sent.
 */
export function webhookBody<E extends WebhookDeliveryEvent>(event: E, data: WebhookData<E>, at: number): WebhookBody {
  return WebhookBodySchema.parse({ id: randomUUID(), event, occurredAt: iso(at), data });
}
