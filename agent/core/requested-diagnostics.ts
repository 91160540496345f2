import type { Diagnostics, DiagnosticsRequest, DiagnosticsUpload } from '@deskside/shared';

import type { Logger } from '../host.js';
import type { Outbox, OutboxCaps } from '../outbox/outbox.js';

export interface RequestedDiagnosticsDeps {
  readonly outbox: Outbox;
  readonly caps: () => OutboxCaps;
  /** The same diagnostics the tray attaches to a ticket. */
  readonly diagnose: () => Promise<Diagnostics>;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * Technicians asked for fresh diagnostics on these tickets: collect them once (one run serves every
 * request of this check-in) and queue one upload per request, keyed by the request's id. The server
 * keeps handing a request over until its upload arrives, so a request already queued is skipped and a
 * failed collection is simply tried again at the next check-in.
 */
export async function queueRequestedDiagnostics(d: RequestedDiagnosticsDeps, requests: readonly DiagnosticsRequest[]): Promise<number> {
  const fresh: DiagnosticsRequest[] = [];
  for (const r of requests) if ((await d.outbox.get(r.id)) === null) fresh.push(r);
  if (fresh.length === 0) return 0;
  let diagnostics: Diagnostics;
  try {
    diagnostics = await d.diagnose();
  } catch (e) {
    d.logger.warn('requested diagnostics could not be collected; trying again at the next check-in', { error: (e as Error).message });
    return 0;
  }
  for (const r of fresh) {
    const upload: DiagnosticsUpload = { id: r.id, diagnostics, collectedAt: d.now().toISOString() };
    await d.outbox.enqueue({ id: r.id, kind: 'diagnostics', label: `diagnostics for ticket ${r.ticketId}`, body: JSON.stringify(upload), ticketId: r.ticketId }, d.caps());
  }
  return fresh.length;
}
