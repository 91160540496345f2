import { hostname, networkInterfaces } from 'node:os';

import type { AnySection, Category, InventoryDocument, Platform, Sections } from '@deskside/shared/inventory';
import { CATEGORIES, FULL_INVENTORY_NEEDS_SYSTEM, INVENTORY_SCHEMA_VERSION, InventoryHeaderSchema, SectionEnvelopeSchema } from '@deskside/shared/inventory';

import { AGENT_VERSION } from '../agent/version.js';
import { DEFAULT_BACKUP_STALE_DAYS, currentPlatform } from './defaults.js';
import { shareIdenticalCommands } from './exec/shared-commands.js';
import { createSystemAccess, withSignal } from './exec/system-access.js';
import { buildDeviceIdentity } from './identity.js';
import type { ProgressListener } from './progress.js';
import { COLLECTORS } from './registry.js';
import { describeIssues, sectionFromData, sectionFromFailure } from './section-outcome.js';
import type { Collector, SystemAccess } from './types.js';

// Kept importable from here, where they have always been.
export { DEFAULT_BACKUP_STALE_DAYS, currentPlatform };

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_COLLECTOR_TIMEOUT_MS = 60_000;
export const DEFAULT_BUDGET_MS = 180_000;

export interface CollectInventoryOptions {
  readonly platform?: Platform;
  readonly system?: SystemAccess;
  readonly collectors?: readonly Collector[];
  /** Only these categories (CLI --only). */
  readonly only?: readonly Category[];
  /** Not these categories (CLI --skip). */
  readonly skip?: readonly Category[];
  /** Switched off by configuration or pushed policy. */
  readonly disabled?: readonly Category[];
  readonly concurrency?: number;
  readonly collectorTimeoutMs?: number;
  /** Per-category overrides: software lists can legitimately take longer than the system section. */
  readonly timeouts?: Partial<Readonly<Record<Category, number>>>;
  /** The whole run's budget; collectors still running or waiting when it is spent get `timeout`. */
  readonly budgetMs?: number;
  /** Cancels the run (the agent is shutting down); collectInventory then rejects. */
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  readonly now?: () => Date;
  readonly backupStaleDays?: number;
  readonly agentVersion?: string;
  /** Given to collectors as CollectContext.cacheDir (the agent passes <data-dir>/cache); absent: no caching. */
  readonly cacheDir?: string;
  /** Collecting as the agent service: see CollectContext.serviceAccount. */
  readonly serviceAccount?: boolean;
}

/** Every category that a run with these options would collect, in reading order. */
export function selectedCategories(options: Pick<CollectInventoryOptions, 'only' | 'skip' | 'disabled'>): Category[] {
  const excluded = new Set<Category>([...(options.skip ?? []), ...(options.disabled ?? [])]);
  const wanted = options.only && options.only.length > 0 ? new Set(options.only) : null;
  return CATEGORIES.filter((c) => !excluded.has(c) && (wanted === null || wanted.has(c)));
}

/**
 * Runs the collectors for this platform concurrently (capped), each with its own timeout, inside an
 * overall budget. One collector's failure costs only its own section. The document is validated
 * against the shared contract before it is returned, so nothing invalid ever reaches the outbox.
 */
export async function collectInventory(options: CollectInventoryOptions = {}): Promise<InventoryDocument> {
  const platform = options.platform ?? currentPlatform();
  const collectors = options.collectors ?? COLLECTORS;
  const now = options.now ?? (() => new Date());
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const collectedAt = now().toISOString();

  options.signal?.throwIfAborted();
  const budget = AbortSignal.timeout(options.budgetMs ?? DEFAULT_BUDGET_MS);
  const runSignal = options.signal ? AbortSignal.any([options.signal, budget]) : budget;
  const system = shareIdenticalCommands(options.system ?? createSystemAccess(), runSignal);

  const sections: Partial<Record<Category, AnySection>> = {};
  const queue: { category: Category; collector: Collector }[] = [];
  const wanted = selectedCategories(options);
  for (const category of wanted) {
    const collector = collectors.find((c) => c.category === category && c.platforms.includes(platform));
    if (collector) queue.push({ category, collector });
    else sections[category] = { status: 'unsupported', durationMs: 0, error: `no ${category} collector for ${platform}`, data: null };
  }

  const runOne = async ({ category, collector }: (typeof queue)[number]): Promise<void> => {
    if (runSignal.aborted) {
      options.signal?.throwIfAborted();
      sections[category] = { status: 'timeout', durationMs: 0, error: `not started: the inventory budget was spent`, data: null };
      options.onProgress?.({ type: 'finished', category, status: 'timeout', durationMs: 0 });
      return;
    }
    options.onProgress?.({ type: 'started', category });
    const timeoutMs = options.timeouts?.[category] ?? options.collectorTimeoutMs ?? DEFAULT_COLLECTOR_TIMEOUT_MS;
    const section = await runWithTimeout(collector, category, timeoutMs, runSignal, {
      platform,
      system,
      now,
      backupStaleDays: options.backupStaleDays ?? DEFAULT_BACKUP_STALE_DAYS,
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      ...(options.serviceAccount === true ? { serviceAccount: true } : {}),
    });
    sections[category] = section;
    options.onProgress?.({ type: 'finished', category, status: section.status, durationMs: section.durationMs });
  };

  const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await runOne(next);
  });
  await Promise.all(workers);
  options.signal?.throwIfAborted();

  const ordered: Record<string, AnySection> = {};
  for (const category of CATEGORIES) {
    const section = sections[category];
    if (section) ordered[category] = section;
  }
  const typedSections = ordered as Sections;
  const macs = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => ({ mac: i.mac, internal: i.internal })));
  const header = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    // "full" means every enabled section (policy may switch some off); an ad-hoc --only/--skip run is a
    // subset, and a full document must carry the system section.
    kind: selectedCategories({ disabled: options.disabled }).length === wanted.length && wanted.includes('system') ? ('full' as const) : ('partial' as const),
    agentVersion: options.agentVersion ?? AGENT_VERSION,
    collectedAt,
    device: buildDeviceIdentity(typedSections, hostname(), macs),
  };
  return validatedDocument(header, typedSections);
}

/**
 * The whole document checked against the shared contract before it leaves the runner, without
 * checking every section's data a second time: each section's data went through its own schema as it
 * was made (sectionFromData), so here the header, each envelope and the full-needs-system rule make
 * up what InventoryDocumentSchema would check.
 */
function validatedDocument(header: unknown, sections: Sections): InventoryDocument {
  const checked = InventoryHeaderSchema.safeParse(header);
  if (!checked.success) throw new Error(`inventory document failed validation: ${describeIssues(checked.error)}`);
  for (const [category, section] of Object.entries(sections)) {
    const envelope = SectionEnvelopeSchema.safeParse(section);
    if (!envelope.success) throw new Error(`inventory document failed validation: sections.${category}: ${describeIssues(envelope.error)}`);
  }
  if (checked.data.kind === 'full' && sections.system === undefined) throw new Error(`inventory document failed validation: ${FULL_INVENTORY_NEEDS_SYSTEM}`);
  return { ...checked.data, sections };
}

interface BaseContext {
  readonly platform: Platform;
  readonly system: SystemAccess;
  readonly now: () => Date;
  readonly backupStaleDays: number;
  readonly cacheDir?: string;
  readonly serviceAccount?: boolean;
}

async function runWithTimeout(
  collector: Collector,
  category: Category,
  timeoutMs: number,
  runSignal: AbortSignal,
  base: BaseContext,
): Promise<AnySection> {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, runSignal]);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  let onRunAbort: (() => void) | undefined;

  const stopped = new Promise<AnySection>((resolve) => {
    const finish = (why: string): void => {
      controller.abort();
      resolve({ status: 'timeout', durationMs: elapsed(), error: why, data: null });
    };
    timer = setTimeout(() => finish(`${category} did not finish within ${timeoutMs} ms`), timeoutMs);
    onRunAbort = () => finish('stopped: the inventory budget was spent or the run was cancelled');
    runSignal.addEventListener('abort', onRunAbort, { once: true });
  });
  const work = (async (): Promise<AnySection> => {
    try {
      const data = await collector.collect({ ...base, system: withSignal(base.system, signal), signal });
      return sectionFromData(category, data, elapsed());
    } catch (error) {
      return sectionFromFailure(category, error, elapsed());
    }
  })();
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (onRunAbort) runSignal.removeEventListener('abort', onRunAbort);
    // Anything the collector still has running is killed through the bound signal.
    controller.abort();
  }
}
