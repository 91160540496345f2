import type { Impact, Priority, Urgency } from './ticket.js';

/**
 * Priority from urgency × impact, the ITIL matrix IT departments know: wider impact or higher urgency
 * each raise priority one step. Technicians can override it.
 */
const URGENCY_RANK: Record<Urgency, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const IMPACT_RANK: Record<Impact, number> = { me: 0, team: 1, organisation: 2 };
const BY_SCORE: readonly Priority[] = ['low', 'low', 'medium', 'high', 'critical', 'critical'];

export function priorityFor(urgency: Urgency, impact: Impact): Priority {
  const score = URGENCY_RANK[urgency] + IMPACT_RANK[impact];
  return BY_SCORE[score] ?? 'critical';
}
