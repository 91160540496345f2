import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { describeError } from '../components/states.js';
import { DiagnosticsView } from '../diagnostics/diagnostics-view.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** The device answers at its next check-in (minutes): polled while a request is pending. */
const PENDING_POLL_MS = 15_000;

/** Fresh diagnostics asked of the ticket's device, as they arrive; and the button that asks. */
export function TicketFreshDiagnostics({ ticketId }: { readonly ticketId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`fresh-diagnostics:${ticketId}`, (signal) => client.diagnosticsRequests(ticketId, signal), { pollMs: PENDING_POLL_MS });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = res.data?.items ?? [];
  const pending = items.some((r) => r.fulfilledAt === null);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.requestDiagnostics(ticketId);
      res.reload();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="fresh-diagnostics-title">
      <h2 id="fresh-diagnostics-title">{t('helpdesk.freshDiagnostics')}</h2>
      {items.length === 0 && res.data !== undefined && <p className="small muted">{t('helpdesk.noFreshDiagnostics')}</p>}
      {items.map((r) =>
        r.fulfilledAt === null ? (
          <p key={r.id} className="small" role="status">
            {t('helpdesk.diagnosticsPending', { who: r.requestedBy ?? '—' })} <DateText iso={r.requestedAt} relative />
          </p>
        ) : (
          <div key={r.id}>
            <p className="small muted">
              {t('helpdesk.diagnosticsArrived', { who: r.requestedBy ?? '—' })} <DateText iso={r.fulfilledAt} relative />
            </p>
            {r.diagnostics !== null && <DiagnosticsView diagnostics={r.diagnostics} />}
          </div>
        ),
      )}
      <div className="row">
        <button type="button" className="btn" disabled={busy || pending} onClick={() => void ask()}>
          {busy ? t('helpdesk.asking') : t('helpdesk.askDiagnostics')}
        </button>
        {error !== null && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
      </div>
    </section>
  );
}
