import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookSecretIssued, type WebhookSubscription } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { EmptyState, ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

interface Draft {
  readonly name: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly enabled: boolean;
}

const draftOf = (s: WebhookSubscription | null): Draft => ({ name: s?.name ?? '', url: s?.url ?? 'https://', events: s?.events ?? ['ticket.created'], enabled: s?.enabled ?? true });

/** The secret, shown this once; the receiver needs it to check signatures. */
function IssuedSecret({ issued, onDone }: { readonly issued: WebhookSecretIssued; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="panel warning" role="status">
      <p>
        <strong>{t('webhooks.secretIssued', { name: issued.subscription.name })}</strong> {t('webhooks.secretOnce')}
      </p>
      <div className="row">
        <input type="text" readOnly value={issued.secret} aria-label={t('webhooks.secret')} className="mono" style={{ flex: 1 }} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {t('admin.copy')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
      {copied === 'yes' && <p className="small">{t('admin.copied')}</p>}
      {copied === 'failed' && <p className="small inline-error">{t('admin.copyFailed')}</p>}
    </div>
  );
}

function WebhookEditor({ hook, onSaved, onCancel }: { readonly hook: WebhookSubscription | null; readonly onSaved: (issued: WebhookSecretIssued | null) => void; readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState<Draft>(draftOf(hook));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (event: WebhookEvent, on: boolean) => setDraft((d) => ({ ...d, events: on ? [...d.events, event] : d.events.filter((e) => e !== event) }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { name: draft.name.trim(), url: draft.url.trim(), events: WEBHOOK_EVENTS.filter((x) => draft.events.includes(x)), enabled: draft.enabled };
    try {
      if (hook === null) onSaved(await client.integrations.createWebhook(body));
      else {
        await client.integrations.updateWebhook(hook.id, body);
        onSaved(null);
      }
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} style={{ display: 'grid', gap: 8 }} aria-label={hook === null ? t('webhooks.add') : hook.name}>
      <div className="filters">
        <Field label={t('webhooks.name')}>
          <input type="text" required maxLength={80} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('webhooks.url')}>
          <input type="url" required maxLength={2000} value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} style={{ minWidth: 320 }} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="row small">
            <input type="checkbox" checked={draft.events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} /> {t(`webhooks.event.${event}`)} <code>{event}</code>
          </label>
        ))}
      </fieldset>
      <label className="row">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> {t('webhooks.enabled')}
      </label>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy || draft.name.trim() === '' || draft.events.length === 0}>
          {t('webhooks.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/** A subscription's newest deliveries, with the receiver's last answer and a redeliver button each. */
function DeliveryLog({ hook }: { readonly hook: WebhookSubscription }) {
  const { t } = useTranslation();
  const client = useClient();
  const log = useResource(`webhook-deliveries:${hook.id}`, (signal) => client.integrations.deliveries(hook.id, signal));
  const [error, setError] = useState<string | null>(null);
  if (log.state === 'loading') return <Loading />;
  if (log.data === undefined) return <ErrorState error={log.error} onRetry={log.reload} />;
  const redeliver = async (id: string) => {
    setError(null);
    try {
      await client.integrations.redeliver(id);
      log.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <div>
      <div className="row">
        <h3>{t('webhooks.log', { name: hook.name })}</h3>
        <button type="button" className="btn btn-small" onClick={log.reload}>
          {t('webhooks.refresh')}
        </button>
      </div>
      {log.data.items.length === 0 ? (
        <EmptyState>{t('webhooks.noDeliveries')}</EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('webhooks.log', { name: hook.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.when')}</th>
              <th scope="col">{t('webhooks.eventColumn')}</th>
              <th scope="col">{t('webhooks.state')}</th>
              <th scope="col">{t('webhooks.attempts')}</th>
              <th scope="col">{t('webhooks.response')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('webhooks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <DateText iso={d.lastAttemptAt ?? d.createdAt} />
                </td>
                <td>
                  <code>{d.event}</code>
                </td>
                <td>
                  <span className={`badge ${d.state === 'delivered' ? 'ok' : d.state === 'failed' ? 'bad' : ''}`}>{t(`webhooks.deliveryState.${d.state}`)}</span>
                  {d.state === 'pending' && d.nextAttemptAt !== null && d.attempts > 0 && (
                    <span className="small muted">
                      {' '}
                      {t('webhooks.nextAttempt')} <DateText iso={d.nextAttemptAt} />
                    </span>
                  )}
                </td>
                <td>{d.attempts}</td>
                <td className="small">
                  {d.responseStatus !== null && <strong>HTTP {d.responseStatus} </strong>}
                  {d.error !== null && <span className="inline-error">{d.error} </span>}
                  {d.responseExcerpt !== null && d.responseExcerpt !== '' && <pre className="mono small" style={{ whiteSpace: 'pre-wrap', maxHeight: 96, overflow: 'auto' }}>{d.responseExcerpt}</pre>}
                </td>
                <td>
                  {d.state !== 'pending' && (
                    <button type="button" className="btn btn-small" onClick={() => void redeliver(d.id)}>
                      {t('webhooks.redeliver')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Outgoing webhooks: subscriptions per event, a test button, the delivery log, secret rotation. */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const data = useResource('admin:webhooks', (signal) => client.integrations.webhooks(signal));
  const [editing, setEditing] = useState<WebhookSubscription | 'new' | null>(null);
  const [issued, setIssued] = useState<WebhookSecretIssued | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (data.state === 'loading') return <Loading />;
  if (data.data === undefined) return <ErrorState error={data.error} onRetry={data.reload} />;
  const hooks = data.data.items;
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      if (done !== undefined) setNotice(done);
      data.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const viewed = hooks.find((h) => h.id === viewing) ?? null;
  return (
    <section className="panel" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('webhooks.title')}</h2>
      <p className="small muted">{t('webhooks.help')}</p>
      {issued !== null && <IssuedSecret issued={issued} onDone={() => setIssued(null)} />}
      {hooks.length === 0 ? (
        <EmptyState>{t('webhooks.none')}</EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('webhooks.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.name')}</th>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.lastDelivery')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('webhooks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hooks.map((h) => (
              <tr key={h.id}>
                <td>
                  <strong>{h.name}</strong> {!h.enabled && <span className="badge">{t('webhooks.disabled')}</span>}
                  <div className="small muted mono">{t('webhooks.secretHint', { hint: h.secretHint })}</div>
                </td>
                <td className="mono small">{h.url}</td>
                <td className="small">{h.events.map((e) => t(`webhooks.event.${e}`)).join(', ')}</td>
                <td className="small">
                  {h.lastDelivery === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <span className={`badge ${h.lastDelivery.state === 'delivered' ? 'ok' : h.lastDelivery.state === 'failed' ? 'bad' : ''}`}>{t(`webhooks.deliveryState.${h.lastDelivery.state}`)}</span>{' '}
                      {h.lastDelivery.responseStatus !== null && `HTTP ${h.lastDelivery.responseStatus} `}
                      <DateText iso={h.lastDelivery.lastAttemptAt ?? h.lastDelivery.createdAt} relative />
                    </>
                  )}
                </td>
                <td>
                  <div className="row">
                    <button type="button" className="btn btn-small" onClick={() => void act(() => client.integrations.testWebhook(h.id), t('webhooks.testQueued', { name: h.name }))}>
                      {t('webhooks.sendTest')}
                    </button>
                    <button type="button" className="btn btn-small" aria-pressed={viewing === h.id} onClick={() => setViewing(viewing === h.id ? null : h.id)}>
                      {t('webhooks.deliveries')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(h)}>
                      {t('webhooks.edit')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => void act(async () => setIssued(await client.integrations.rotateWebhookSecret(h.id)))}>
                      {t('webhooks.rotate')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => void act(() => client.integrations.deleteWebhook(h.id))}>
                      {t('webhooks.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice !== null && (
        <p className="small" role="status">
          {notice}
        </p>
      )}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {editing === null ? (
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('webhooks.add')}
        </button>
      ) : (
        <WebhookEditor
          key={editing === 'new' ? 'new' : editing.id}
          hook={editing === 'new' ? null : editing}
          onSaved={(created) => {
            setEditing(null);
            if (created !== null) setIssued(created);
            data.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {viewed !== null && <DeliveryLog key={viewed.id} hook={viewed} />}
    </section>
  );
}
