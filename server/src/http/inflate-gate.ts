/**
 * Bounds the memory spent on large request bodies at once. A ~32 KiB gzip body can inflate to the
 * 32 MiB cap, and its text and parsed JSON cost about three times that again: sixty at once took a
 * process past 1.6 GiB. So each large body reserves its (inflated) size from a per-process budget and
 * from its device's budget before it is unpacked, and keeps the reservation until the response is
 * sent, because the parsed document lives that long. When a budget is spent the request is refused at
 * once (429 for the device, 503 for the process, both with Retry-After), which the agent's outbox
 * already retries with backoff. Ordinary inventories (a few hundred KiB) never notice.
 */
export interface InflateGateOptions {
  /** Bytes of inflated body text in flight in this process. */
  readonly processBytes: number;
  /** Bytes in flight for one device (a device may always have one body in flight, whatever its size). */
  readonly deviceBytes: number;
}

const MiB = 1024 * 1024;

/** Two maximum-size inflations at once (three peaked at 390-490 MiB of RSS in bench:server, too near 512). */
export const DEFAULT_INFLATE_GATE: InflateGateOptions = { processBytes: 64 * MiB, deviceBytes: 32 * MiB };

export type GateRefusal = 'process' | 'device';

export class InflateGate {
  private reserved = 0;
  private readonly byKey = new Map<string, number>();

  constructor(readonly options: InflateGateOptions = DEFAULT_INFLATE_GATE) {}

  get inUse(): number {
    return this.reserved;
  }

  /** Reserve `bytes` for `key` (a device id): a release function (idempotent), or why there is no room. */
  enter(key: string, bytes: number): (() => void) | GateRefusal {
    const mine = this.byKey.get(key) ?? 0;
    if (mine > 0 && mine + bytes > this.options.deviceBytes) return 'device';
    if (this.reserved > 0 && this.reserved + bytes > this.options.processBytes) return 'process';
    this.reserved += bytes;
    this.byKey.set(key, mine + bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved -= bytes;
      const left = (this.byKey.get(key) ?? bytes) - bytes;
      if (left <= 0) this.byKey.delete(key);
      else this.byKey.set(key, left);
    };
  }
}
