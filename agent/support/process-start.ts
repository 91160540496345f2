import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * When a process started, as an opaque string, or null when this OS does not tell us cheaply.
 * A pid alone is reused after its process exits; pid + start time names one process for good, so a
 * lock whose owner died is never mistaken for one held by an unrelated process that got the same pid.
 */
export function processStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    if (process.platform === 'linux') {
      // Field 22 (starttime, clock ticks since boot). The command name (field 2) sits in parentheses
      // and may itself hold spaces or ')', so count from the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19] ?? null;
    }
    if (process.platform === 'darwin' || process.platform === 'freebsd' || process.platform === 'openbsd') {
      const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
      return out.trim() || null;
    }
  } catch {
    return null;
  }
  // Windows: no cheap way without PowerShell; the pid check alone applies there.
  return null;
}
