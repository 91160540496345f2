import type { DiagnosticProbe } from '../probe.js';

const GiB = 1024 ** 3;
const gib = (n: number) => `${(n / GiB).toFixed(1)} GiB`;

export type MemoryPressure = 'normal' | 'elevated' | 'high';

/** Pressure from what applications can still get (available, not "free": caches are reclaimable) and swap use. */
export function memoryPressure(totalBytes: number, availableBytes: number, swapTotal: number, swapUsed: number): MemoryPressure {
  const availablePct = totalBytes > 0 ? (availableBytes / totalBytes) * 100 : 100;
  const swapPct = swapTotal > 0 ? (swapUsed / swapTotal) * 100 : 0;
  if (availablePct < 5 || (availablePct < 10 && swapPct > 50)) return 'high';
  if (availablePct < 15 || swapPct > 50) return 'elevated';
  return 'normal';
}

export const memoryProbe: DiagnosticProbe = {
  id: 'memory',
  timeoutMs: 1500,
  async run() {
    const si = await import('systeminformation');
    const m = await si.mem();
    const pressure = memoryPressure(m.total, m.available, m.swaptotal, m.swapused);
    return {
      summary: `${gib(m.available)} of ${gib(m.total)} available, swap ${gib(m.swapused)} used, pressure ${pressure}`,
      data: { totalBytes: m.total, availableBytes: m.available, usedBytes: m.active, swapTotalBytes: m.swaptotal, swapUsedBytes: m.swapused, pressure },
    };
  },
};
