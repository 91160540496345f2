import type { Platform, UserAccount, UserScopeReport, UserScopeSectionName } from '@deskside/shared/inventory';
import { USER_SCOPE_DATA_SCHEMAS, USER_SCOPE_LIMITS, USER_SCOPE_SCHEMA_VERSION, USER_SCOPE_SECTIONS, UserScopeReportSchema } from '@deskside/shared/inventory';

import { AGENT_VERSION } from '../../agent/version.js';
import { DEFAULT_BACKUP_STALE_DAYS, currentPlatform } from '../defaults.js';
import { createSystemAccess, withSignal } from '../exec/system-access.js';
import type { Envelope } from '../section-outcome.js';
import { describeIssues } from '../section-outcome.js';
import type { CollectContext, SystemAccess } from '../types.js';
import { runPart } from './run-part.js';
import type { PlatformUserScope, PlatformUserScopeFactory } from './types.js';

export const DEFAULT_USER_SCOPE_TIMEOUT_MS = 60_000;

export interface CollectUserScopeOptions {
  readonly platform?: Platform;
  readonly system?: SystemAccess;
  readonly now?: () => Date;
  readonly backupStaleDays?: number;
  /** Each section's limit; every command still running when it is spent is killed. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly agentVersion?: string;
  /** The user's environment (proxy variables); this process's by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Only these sections; the rest are left out of the report. */
  readonly only?: readonly UserScopeSectionName[];
}

// Each OS's code is loaded on demand, as the machine collectors do.
async function platformParts(platform: Platform): Promise<PlatformUserScopeFactory> {
  switch (platform) {
    case 'win32':
      return (await import('./win32.js')).windowsUserScope;
    case 'darwin':
      return (await import('./darwin.js')).macUserScope;
    case 'linux':
      return (await import('./linux.js')).linuxUserScope;
  }
}

/** The largest section is replaced by an error until the report fits: one odd profile never blocks the rest. */
function withinLimit(sections: Record<string, Envelope>): Record<string, Envelope> {
  const out = { ...sections };
  const size = (): number => JSON.stringify(out).length;
  while (size() > USER_SCOPE_LIMITS.reportBytes - 1024) {
    const largest = Object.entries(out).sort(([, a], [, b]) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
    if (largest === undefined || largest[1].data === null) break;
    out[largest[0]] = { status: 'error', durationMs: largest[1].durationMs, error: `the section is larger than a user-scope report may carry (${USER_SCOPE_LIMITS.reportBytes} bytes)`, data: null };
  }
  return out;
}

async function sectionsOf(scope: PlatformUserScope, wanted: readonly UserScopeSectionName[], timeoutMs: number): Promise<Record<string, Envelope>> {
  const sections: Record<string, Envelope> = {};
  await Promise.all(
    wanted.map(async (name) => {
      const part = scope.parts[name];
      sections[name] = part ? await runPart(USER_SCOPE_DATA_SCHEMAS[name], part, timeoutMs) : { status: 'unsupported', durationMs: 0, error: scope.unsupported[name] || `${name} is not read on this platform`, data: null };
    }),
  );
  // Reading order, whatever order the parts finished in.
  return Object.fromEntries(USER_SCOPE_SECTIONS.filter((n) => sections[n] !== undefined).map((n) => [n, sections[n] as Envelope]));
}

/**
 * What only the signed-in user's own process can see: their proxy, OneDrive Known Folder Move, File
 * History, Déjà Dup. Called by the tray app or the CLI in the user's session; the result goes to the
 * agent service through its local endpoint (`recordUserScope`). Sections that do not apply to this
 * platform are `unsupported` with the reason. The report is validated before it is returned.
 */
export async function collectUserScope(options: CollectUserScopeOptions = {}): Promise<UserScopeReport> {
  const platform = options.platform ?? currentPlatform();
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_USER_SCOPE_TIMEOUT_MS;
  options.signal?.throwIfAborted();
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const ctx: CollectContext = {
    platform,
    system: withSignal(options.system ?? createSystemAccess(), signal),
    signal,
    now,
    backupStaleDays: options.backupStaleDays ?? DEFAULT_BACKUP_STALE_DAYS,
  };
  const collectedAt = now().toISOString();
  try {
    const scope = (await platformParts(platform))(ctx, options.env ?? process.env);
    const wanted = USER_SCOPE_SECTIONS.filter((n) => options.only === undefined || options.only.includes(n));
    const [account, sections] = await Promise.all([withinTime(scope.account(), timeoutMs), sectionsOf(scope, wanted, timeoutMs)]);
    options.signal?.throwIfAborted();
    return validated(account, platform, collectedAt, options.agentVersion ?? AGENT_VERSION, withinLimit(sections));
  } finally {
    // Whatever a timed-out part still has running is killed here.
    stop.abort();
  }
}

/** Without the account there is no report to key: its lookup gets the same limit as a section. */
async function withinTime<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the signed-in account could not be read within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function validated(account: UserAccount, platform: Platform, collectedAt: string, agentVersion: string, sections: Record<string, Envelope>): UserScopeReport {
  const report = { schemaVersion: USER_SCOPE_SCHEMA_VERSION, account, platform, agentVersion, collectedAt, sections };
  const checked = UserScopeReportSchema.safeParse(report);
  if (!checked.success) throw new Error(`user-scope report failed validation: ${describeIssues(checked.error)}`);
  return checked.data;
}
