/** Milliseconds since the epoch. Injected so tests can move time (session expiry, lockouts, staleness). */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
