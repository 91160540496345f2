import type { DiagnosticItem, Diagnostics, UserScopeReport, UserScopeSectionName } from '@deskside/shared';
import { DIAGNOSTIC_ITEM_MAX_BYTES, DIAGNOSTIC_ITEMS, DiagnosticsSchema, USER_SCOPE_SECTIONS } from '@deskside/shared';

import { redactItem } from '../diagnostics/redact.js';
import { capSize } from '../diagnostics/size-cap.js';

const LABELS: Readonly<Record<UserScopeSectionName, string>> = { proxy: 'proxy', oneDrive: 'OneDrive', fileHistory: 'File History', dejaDup: 'Déjà Dup' };

/** "jdoe: proxy pac, OneDrive failing, File History ok" — the sections that say something, for the first glance. */
export function userScopeSummary(report: UserScopeReport): string {
  const parts: string[] = [];
  for (const name of USER_SCOPE_SECTIONS) {
    const s = report.sections[name];
    if (s === undefined || s.status === 'unsupported') continue;
    if (s.status !== 'ok' || s.data === null) parts.push(`${LABELS[name]} ${s.status}`);
    else if (name === 'proxy') parts.push(`proxy ${(s.data as { mode: string }).mode}`);
    else parts.push(`${LABELS[name]} ${(s.data as { state: string }).state}`);
  }
  return `${report.account.name}: ${parts.length > 0 ? parts.join(', ') : 'nothing applies on this platform'}`;
}

/**
 * The service's diagnostics plus the ticket author's own user-scope report, as one more item
 * (`user-scope`), so a ticket shows both views. The same redaction pass and size cap as every item.
 * Left out when the user unticked it; an `error` item when that user's session never sent a report
 * (unknown is never shown as "no proxy" or "no backup").
 */
export function combineDiagnostics(machine: Diagnostics, report: UserScopeReport | null, now: Date = new Date()): Diagnostics {
  if (machine.omitted.includes('user-scope')) return machine;
  const others = machine.items.filter((i) => i.id !== 'user-scope');
  let item: DiagnosticItem;
  let redactions = 0;
  if (report === null) {
    item = { id: 'user-scope', status: 'error', durationMs: 0, error: "this user's session has not sent its user-scope report", summary: null, data: null, truncated: null };
  } else {
    const ageMinutes = Math.max(0, Math.round((now.getTime() - Date.parse(report.collectedAt)) / 60_000));
    const data = { account: report.account, collectedAt: report.collectedAt, ageMinutes, sections: report.sections };
    const redacted = redactItem(userScopeSummary(report), data);
    const capped = capSize(redacted.data, DIAGNOSTIC_ITEM_MAX_BYTES - 1024);
    redactions = redacted.count;
    item = { id: 'user-scope', status: 'ok', durationMs: 0, summary: redacted.summary, data: capped.data as DiagnosticItem['data'], truncated: capped.note };
  }
  const order = (i: DiagnosticItem) => DIAGNOSTIC_ITEMS.indexOf(i.id);
  return DiagnosticsSchema.parse({ ...machine, items: [...others, item].sort((a, b) => order(a) - order(b)), redactions: machine.redactions + redactions });
}
