import type { TicketsTable } from './tables.js';

/**
 * The columns of a new ticket that only the helpdesk workflow writes later (0015, 0016): one place, so
 * a ticket filed on a device and one recorded by a technician start alike.
 */
export const FRESH_TICKET_WORKFLOW: Pick<
  TicketsTable,
  'requester_replied_at' | 'closed_at' | 'close_reason' | 'reopen_count' | 'rating' | 'rating_comment' | 'rated_at' | 'merged_into_id' | 'parent_id'
> = {
  requester_replied_at: null,
  closed_at: null,
  close_reason: null,
  reopen_count: 0,
  rating: null,
  rating_comment: null,
  rated_at: null,
  merged_into_id: null,
  parent_id: null,
};
