import { SLA_SOON_MS, type SlaTargetClock, type TicketSla } from '@deskside/shared';

/** How a clock is shown: tone for the colour, and the key of its words. */
export type SlaTone = 'overdue' | 'soon' | 'running' | 'paused' | 'met' | 'breached';

/**
 * A target's tone at `now`: a running target past due is overdue even before the server's watch has
 * recorded the breach (it records within a minute), and "soon" within SLA_SOON_MS of due.
 */
export function targetTone(clock: SlaTargetClock, now: number): SlaTone {
  if (clock.state !== 'running') return clock.state;
  const due = Date.parse(clock.dueAt);
  if (due < now) return 'overdue';
  return due - now < SLA_SOON_MS ? 'soon' : 'running';
}

/** The queue's one-cell summary: the next running target, or how the clocks ended. */
export function nextTone(sla: TicketSla, now: number): { tone: SlaTone; dueAt: string | null } {
  if (sla.nextDueAt !== null) {
    const due = Date.parse(sla.nextDueAt);
    return { tone: due < now ? 'overdue' : due - now < SLA_SOON_MS ? 'soon' : 'running', dueAt: sla.nextDueAt };
  }
  if (sla.firstResponse.state === 'breached' || sla.resolution.state === 'breached') return { tone: 'breached', dueAt: null };
  if (sla.resolution.state === 'met') return { tone: 'met', dueAt: null };
  return { tone: 'paused', dueAt: null };
}

export const TONE_CLASS: Record<SlaTone, string> = {
  overdue: 'bad',
  breached: 'bad',
  soon: 'warn',
  running: '',
  paused: 'info',
  met: 'ok',
};
