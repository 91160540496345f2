import type { DiagnosticItem, DiagnosticItemId, Diagnostics } from '@deskside/shared';
import { DIAGNOSTIC_ITEM_MAX_BYTES, DIAGNOSTIC_ITEMS, DiagnosticsSchema, LIMITS, diagnosticSummary, wordSummary } from '@deskside/shared';

import { withheldByPolicy } from './policy-withheld.js';
import type { DiagnosticContext, DiagnosticProbe } from './probe.js';
import { ProbeUnsupportedError } from './probe.js';
import { redactItem } from './redact.js';
import { capSize } from './size-cap.js';

export interface RunDiagnosticsOptions {
  readonly probes: readonly DiagnosticProbe[];
  readonly context: Omit<DiagnosticContext, 'signal'>;
  readonly omit?: readonly DiagnosticItemId[];
  readonly agentVersion: string;
  readonly signal?: AbortSignal;
  /** Per-item cap; the schema's cap minus room for the envelope. */
  readonly maxItemBytes?: number;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

async function runProbe(probe: DiagnosticProbe, options: RunDiagnosticsOptions): Promise<DiagnosticItem> {
  const started = performance.now();
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const elapsed = () => Math.round(performance.now() - started);
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      // Settle as a timeout before aborting, so the probe's own abort rejection does not win the race.
      resolve('timeout');
      controller.abort();
    }, probe.timeoutMs);
  });
  try {
    const outcome = await Promise.race([probe.run({ ...options.context, signal }), timedOut]);
    if (outcome === 'timeout') {
      return { id: probe.id, status: 'timeout', durationMs: elapsed(), error: `did not finish within ${probe.timeoutMs} ms`, summary: null, data: null, truncated: null };
    }
    return { id: probe.id, status: 'ok', durationMs: elapsed(), summary: outcome.summary === null ? null : clip(outcome.summary, LIMITS.mediumText), data: (outcome.data ?? null) as DiagnosticItem['data'], truncated: null };
  } catch (e) {
    const unsupported = e instanceof ProbeUnsupportedError;
    const message = clip(e instanceof Error ? e.message : String(e), LIMITS.mediumText) || 'failed';
    return { id: probe.id, status: unsupported ? 'unsupported' : 'error', durationMs: elapsed(), error: message, summary: null, data: null, truncated: null };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * Gather the ticket-time diagnostics: every item at once, each with its own time limit, then the
 * redaction pass and the size cap, item by item. Items the user unticked, and items the organisation's
 * privacy switches turn off, are not run at all.
 */
export async function runDiagnostics(options: RunDiagnosticsOptions): Promise<Diagnostics> {
  const withheld = new Set(withheldByPolicy(options.context.settings));
  const omit = new Set((options.omit ?? []).filter((id) => !withheld.has(id)));
  const maxBytes = options.maxItemBytes ?? DIAGNOSTIC_ITEM_MAX_BYTES - 1024;
  const probes = options.probes.filter((p) => !omit.has(p.id) && !withheld.has(p.id));
  const raw = await Promise.all(probes.map((p) => runProbe(p, options)));
  let redactions = 0;
  const items = raw.map((item): DiagnosticItem => {
    const redacted = redactItem(item.summary, item.data);
    const errorScrub = item.error === undefined ? null : redactItem(item.error, null);
    redactions += redacted.count + (errorScrub?.count ?? 0);
    const capped = capSize(redacted.data, maxBytes);
    const result: DiagnosticItem = {
      ...item,
      ...(errorScrub?.summary ? { error: errorScrub.summary } : {}),
      summary: redacted.summary,
      data: capped.data as DiagnosticItem['data'],
      truncated: capped.note,
    };
    // The English line older readers show, worded from the same codes the console and tray translate.
    const parts = diagnosticSummary(result);
    return parts.length > 0 ? { ...result, summary: clip(wordSummary(parts, 'en'), LIMITS.mediumText) } : result;
  });
  const order = (id: DiagnosticItemId) => DIAGNOSTIC_ITEMS.indexOf(id);
  items.sort((a, b) => order(a.id) - order(b.id));
  return DiagnosticsSchema.parse({
    collectedAt: options.context.now().toISOString(),
    items,
    redactions,
    omitted: DIAGNOSTIC_ITEMS.filter((id) => omit.has(id)),
    withheld: DIAGNOSTIC_ITEMS.filter((id) => withheld.has(id)),
    agentVersion: options.agentVersion,
  });
}
