import type { UpdatesData } from '@deskside/shared/inventory';

export type LastInstalled = NonNullable<UpdatesData['lastInstalled']>;

/** A reason a reboot is pending, or proof that a check ran and found none. */
export interface RebootCheck {
  /** true: this marker says a reboot is pending; false: checked, nothing pending; null: could not check. */
  readonly pending: boolean | null;
  readonly reasons: readonly string[];
  readonly source: string;
}

/** Pending when any check says so; not pending only when at least one check ran and none did. */
export function combineRebootChecks(checks: readonly RebootCheck[]): { pendingReboot: boolean | null; pendingRebootReasons: string[] } {
  const reasons = checks.filter((c) => c.pending === true).flatMap((c) => c.reasons);
  if (checks.some((c) => c.pending === true)) return { pendingReboot: true, pendingRebootReasons: reasons.slice(0, 32) };
  return { pendingReboot: checks.some((c) => c.pending === false) ? false : null, pendingRebootReasons: [] };
}
