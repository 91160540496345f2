import type { Clock } from '../storage/clock.js';
import type { UploadReservationsRepo } from '../storage/upload-reservations-repo.js';

/**
 * A device's budget of large bodies being unpacked, counted in the database so that every instance
 * behind a load balancer charges the same budget (`InflateGate` keeps the per-process memory budget,
 * which rightly stays per process). Only bodies of at least `sharedFromBytes` are counted here: an
 * ordinary inventory (a few hundred KiB) costs no extra database write, and the budget exists for
 * the large ones.
 */
export interface SharedDeviceBudget {
  readonly sharedFromBytes: number;
  /** A release function (idempotent), or null when the device's budget is spent across all instances. */
  reserve(deviceId: string, bytes: number): Promise<(() => void) | null>;
}

/** A reservation outlives its request only when its instance dies; then it lapses after this. */
export const RESERVATION_HOLD_MS = 5 * 60_000;

export function sharedDeviceBudget(repo: UploadReservationsRepo, clock: Clock, deviceBytes: number, sharedFromBytes: number): SharedDeviceBudget {
  return {
    sharedFromBytes,
    async reserve(deviceId, bytes) {
      const id = await repo.reserve(deviceId, bytes, deviceBytes, clock(), RESERVATION_HOLD_MS);
      if (id === null) return null;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // The response is already sent; a failed delete leaves a row that lapses on its own.
        repo.release(id).catch(() => undefined);
      };
    },
  };
}
