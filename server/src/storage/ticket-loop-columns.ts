import type { DeviceTicketView, TicketStatus } from '@deskside/shared';

import type { TicketsTable } from './tables.js';
import { ticketRequesterAccount } from './ticket-views.js';
import { isoOrNull } from './values.js';

const DONE: readonly string[] = ['resolved', 'closed'];

/**
 * What a technician's status change means for the report columns: closing records when and that a
 * technician did it; leaving resolved or closed for an open state counts a reopen.
 */
export function closingColumns(ticket: Pick<TicketsTable, 'status' | 'reopen_count'>, next: TicketStatus, now: number): Partial<TicketsTable> {
  if (next === 'closed') return { closed_at: now, close_reason: 'technician' };
  const leavesDone = DONE.includes(ticket.status) && !DONE.includes(next);
  return {
    ...(ticket.status === 'closed' ? { closed_at: null, close_reason: null } : {}),
    ...(leavesDone ? { reopen_count: ticket.reopen_count + 1 } : {}),
  };
}

/** The channel, the named requester and the loop's times a device's tray needs for a ticket. */
export function deviceLoopFields(r: TicketsTable): Pick<DeviceTicketView, 'channel' | 'requesterAccountName' | 'loop'> {
  return {
    channel: r.channel as DeviceTicketView['channel'] & string,
    requesterAccountName: r.channel === 'tray' ? null : (ticketRequesterAccount(r)?.name ?? null),
    loop: { resolvedAt: isoOrNull(r.resolved_at), closedAt: isoOrNull(r.closed_at), rating: r.rating },
  };
}
