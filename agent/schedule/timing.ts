/** The longest an idle agent sleeps: it also bounds how late a task runs after the machine's clock jumps (sleep, resume). */
export const MAX_SLEEP_MS = 60_000;
/** Shortest gap between wake-ups, so a burst of triggers never turns into a busy loop. */
export const MIN_SLEEP_MS = 1_000;

/** `interval` ± `fraction` of itself, uniformly: a fleet installed the same day spreads out. */
export function jittered(intervalMs: number, random: () => number, fraction = 0.1): number {
  return Math.round(intervalMs * (1 - fraction + 2 * fraction * random()));
}

/** The first inventory after install lands anywhere in the first interval, not all at 9:00 on Monday. */
export function firstRunAt(now: Date, intervalMs: number, random: () => number): Date {
  return new Date(now.getTime() + Math.floor(random() * intervalMs));
}

/** How long to sleep until the earliest due time, capped so idle wake-ups happen at most once a minute. */
export function sleepFor(now: Date, dues: readonly (Date | null)[]): number {
  const times = dues.filter((d): d is Date => d !== null).map((d) => d.getTime());
  if (times.length === 0) return MAX_SLEEP_MS;
  const delta = Math.min(...times) - now.getTime();
  return Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, delta));
}
