import { z } from 'zod';

import { maybeDateTime } from './limits.js';

/**
 * How a request reached the desk. `tray` is everything filed on a device; the others are recorded by
 * a technician who took the call, the visit or the mail.
 */
export const TICKET_CHANNELS = ['tray', 'phone', 'walk-up', 'mail', 'chat', 'other'] as const;
export const TicketChannelSchema = z.enum(TICKET_CHANNELS);
export type TicketChannel = z.infer<typeof TicketChannelSchema>;
/** The channels a technician may record (a tray ticket is only ever filed by its device). */
export const TECHNICIAN_CHANNELS = ['phone', 'walk-up', 'mail', 'chat', 'other'] as const satisfies readonly TicketChannel[];
export const TechnicianChannelSchema = z.enum(TECHNICIAN_CHANNELS);

/** The requester's loop as a device sees it on its ticket. */
export const TicketLoopViewSchema = z.strictObject({
  resolvedAt: maybeDateTime,
  closedAt: maybeDateTime,
  /** Null until rated. */
  rating: z.number().int().min(1).max(5).nullable(),
});
export type TicketLoopView = z.infer<typeof TicketLoopViewSchema>;

