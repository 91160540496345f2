import type { BackupData, BackupMechanism, BackupState } from '@deskside/shared/inventory';

import { ageInDays } from '../protection/dates.js';

export interface Evidence {
  readonly configured: boolean | null;
  readonly enabled: boolean | null;
  readonly lastSuccessAt: string | null;
  /** False when the last-success time could not be read at all (so its absence proves nothing). */
  readonly lastSuccessKnown: boolean;
  readonly lastAttemptAt?: string | null;
  /** The product's own word that its latest run failed. */
  readonly lastRunFailed?: boolean | null;
  /** Why we could not read what we needed (permission, unmounted destination, …). */
  readonly unknownBecause?: string | null;
}

const days = (n: number): string => (n === 0 ? 'today' : n === 1 ? '1 day ago' : `${n} days ago`);

/**
 * One rule for every product: not set up → not-configured; failed last run → failing; no success
 * within `staleDays` → stale; a success we cannot see → unknown (never "ok", never "failing").
 */
export function judge(evidence: Evidence, staleDays: number, now: Date): { state: BackupState; reason: string } {
  if (evidence.configured === false) return { state: 'not-configured', reason: 'not set up' };
  const age = ageInDays(evidence.lastSuccessAt, now);
  const last = age == null ? null : `last success ${days(age)}`;
  const off = evidence.enabled === false ? '; automatic backups are off' : '';
  if (evidence.lastRunFailed === true) {
    return { state: 'failing', reason: `the latest run failed${evidence.lastAttemptAt ? ` (${evidence.lastAttemptAt})` : ''}${last ? `; ${last}` : ''}` };
  }
  if (age == null) {
    if (!evidence.lastSuccessKnown) return { state: 'unknown', reason: evidence.unknownBecause ?? 'the last backup time is not readable' };
    return { state: 'failing', reason: `no backup has completed yet${off}` };
  }
  if (age > staleDays) return { state: 'stale', reason: `${last} (threshold ${staleDays} days)${off}` };
  if (evidence.configured === null && evidence.unknownBecause) return { state: 'unknown', reason: evidence.unknownBecause };
  return { state: 'ok', reason: `${last}${off}` };
}

const RANK: Readonly<Record<BackupState, number>> = { 'not-configured': 0, ok: 1, unknown: 2, stale: 3, failing: 4 };

/** Worst state over mechanisms that are (or may be) configured; "not-configured" when none is. */
export function overallState(mechanisms: readonly BackupMechanism[]): BackupState {
  let worst: BackupState = 'not-configured';
  for (const m of mechanisms) {
    if (m.configured === false || m.state === 'not-configured') continue;
    if (worst === 'not-configured' || RANK[m.state] > RANK[worst]) worst = m.state;
  }
  return worst;
}

export function backupData(mechanisms: readonly BackupMechanism[], staleDays: number): BackupData {
  const list = mechanisms.slice(0, 32);
  return { staleAfterDays: Math.min(365, Math.max(1, Math.round(staleDays))), mechanisms: list, overall: overallState(list) };
}

/** Builds a mechanism from its evidence, judging the state with the shared rule. */
export function mechanism(
  base: Pick<BackupMechanism, 'product' | 'kind' | 'source'> & Partial<Pick<BackupMechanism, 'destination' | 'missingPermission'>>,
  evidence: Evidence,
  staleDays: number,
  now: Date,
): BackupMechanism {
  const { state, reason } = judge(evidence, staleDays, now);
  return {
    product: base.product,
    kind: base.kind,
    configured: evidence.configured,
    enabled: evidence.enabled,
    lastSuccessAt: evidence.lastSuccessAt,
    lastAttemptAt: evidence.lastAttemptAt ?? null,
    destination: base.destination ?? null,
    state,
    reason: reason.slice(0, 2000),
    source: base.source.slice(0, 256),
    missingPermission: base.missingPermission ?? null,
  };
}
