import { uptime } from 'node:os';

import type { DiagnosticProbe } from '../probe.js';

export function describeUptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `Up ${days} day${days === 1 ? '' : 's'} ${hours} h`;
  if (hours > 0) return `Up ${hours} h ${minutes} min`;
  return `Up ${minutes} min`;
}

export const uptimeProbe: DiagnosticProbe = {
  id: 'uptime',
  timeoutMs: 500,
  async run(ctx) {
    const seconds = Math.round(uptime());
    const bootTime = new Date(ctx.now().getTime() - seconds * 1000).toISOString();
    return { summary: describeUptime(seconds), data: { uptimeSeconds: seconds, bootTime } };
  },
};
