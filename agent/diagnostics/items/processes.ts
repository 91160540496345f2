import type { DiagnosticProbe } from '../probe.js';

export interface ProcessRow {
  readonly name: string;
  readonly pid: number;
  readonly cpuPercent: number;
  readonly memoryBytes: number;
  readonly user: string | null;
}

export function topBy<K extends 'cpuPercent' | 'memoryBytes'>(rows: readonly ProcessRow[], key: K, n: number): ProcessRow[] {
  return [...rows].sort((a, b) => b[key] - a[key]).slice(0, n);
}

/** Top processes by CPU and by memory. Command lines are left out: they carry arguments and secrets. */
export const processesProbe: DiagnosticProbe = {
  id: 'processes',
  timeoutMs: 3000,
  async run() {
    const si = await import('systeminformation');
    const list = (await si.processes()).list;
    const rows: ProcessRow[] = list.map((p) => ({
      name: p.name,
      pid: p.pid,
      cpuPercent: Math.round(p.cpu * 10) / 10,
      memoryBytes: Math.round(p.memRss * 1024),
      user: p.user || null,
    }));
    const byCpu = topBy(rows, 'cpuPercent', 10);
    const byMemory = topBy(rows, 'memoryBytes', 10);
    const top = byCpu[0];
    const summary = top ? `${rows.length} processes; busiest ${top.name} ${top.cpuPercent}% CPU; largest ${byMemory[0]?.name} ${Math.round((byMemory[0]?.memoryBytes ?? 0) / 1048576)} MiB` : `${rows.length} processes`;
    return { summary, data: { count: rows.length, byCpu, byMemory } };
  },
};
