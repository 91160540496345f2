import { ASSET_FIELDS, ASSET_STATUSES, isOutOfService, type AssetField, type AssetStatus, type AssetView } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { AssetStatusBadge } from '../components/asset-badges.js';
import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

const DATE_FIELDS: readonly AssetField[] = ['purchaseDate', 'warrantyEnd'];

/** The record's fields as a form; only what changed is sent, so two technicians editing different fields do not undo each other. */
function AssetForm({ deviceId, view, onSaved }: { readonly deviceId: string; readonly view: AssetView; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const initial = Object.fromEntries(ASSET_FIELDS.map((f) => [f, view.fields[f] ?? ''])) as Record<AssetField, string>;
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changed = ASSET_FIELDS.filter((f) => values[f].trim() !== initial[f]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await client.assets.updateAsset(deviceId, Object.fromEntries(changed.map((f) => [f, DATE_FIELDS.includes(f) && values[f].trim() === '' ? null : values[f]])));
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('assets.recordTitle')}>
      <div className="filters">
        {ASSET_FIELDS.filter((f) => f !== 'notes').map((f) => (
          <Field key={f} label={t(`assets.fields.${f}`)}>
            <input type={DATE_FIELDS.includes(f) ? 'date' : 'text'} value={values[f]} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          </Field>
        ))}
      </div>
      <Field label={t('assets.fields.notes')}>
        <textarea rows={3} value={values.notes} onChange={(e) => setValues({ ...values, notes: e.target.value })} />
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={changed.length === 0}>
          {t('assets.save')}
        </button>
        {error !== null && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
        {saved && (
          <span className="small" role="status">
            {t('assets.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

/** Moves the device through its life; taking it out of service says what that does before it does it. */
function StatusChanger({ deviceId, status, onChanged }: { readonly deviceId: string; readonly status: AssetStatus; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [next, setNext] = useState<AssetStatus>(status);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await client.assets.changeStatus(deviceId, { status: next, ...(reason.trim() === '' ? {} : { reason }) });
      setReason('');
      onChanged();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('assets.changeStatus')}>
      <div className="filters">
        <Field label={t('assets.newStatus')}>
          <select value={next} onChange={(e) => setNext(e.target.value as AssetStatus)}>
            {ASSET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`assets.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('assets.reason')}>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
      {isOutOfService(next) && next !== status && (
        <p className="notice" role="note">
          {t('assets.outOfServiceWarning')}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={next === status}>
          {t('assets.changeStatus')}
        </button>
        {error !== null && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}

/** The device's asset record: who owns it, where it is, warranty, and its life-cycle status with its history. */
export function AssetTab({ deviceId }: { readonly deviceId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`asset:${deviceId}`, (signal) => client.assets.asset(deviceId, signal));
  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} />;
  const view = res.data;
  return (
    <>
      <section className="panel" aria-labelledby="asset-record">
        <h2 id="asset-record">{t('assets.recordTitle')}</h2>
        <AssetForm key={JSON.stringify(view.fields)} deviceId={deviceId} view={view} onSaved={res.reload} />
      </section>
      <section className="panel" aria-labelledby="asset-status">
        <h2 id="asset-status">
          {t('assets.statusTitle')} <AssetStatusBadge status={view.status} />
        </h2>
        {view.staleSince !== null && (
          <p className="notice">
            {t('assets.staleSince')} <DateText iso={view.staleSince} />
          </p>
        )}
        {view.retiredContactAt !== null && (
          <p className="notice" role="note">
            {t('assets.retiredContact')} <DateText iso={view.retiredContactAt} relative />
          </p>
        )}
        <StatusChanger key={view.status} deviceId={deviceId} status={view.status} onChanged={res.reload} />
        {view.history.length > 0 && (
          <table className="data compact" aria-label={t('assets.historyTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('assets.when')}</th>
                <th scope="col">{t('assets.change')}</th>
                <th scope="col">{t('assets.by')}</th>
                <th scope="col">{t('assets.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <DateText iso={h.at} />
                  </td>
                  <td>
                    {h.from === null ? '' : `${t(`assets.status.${h.from}`)} → `}
                    {t(`assets.status.${h.to}`)}
                  </td>
                  <td>{h.by === 'housekeeping' ? t('assets.automatic') : h.by}</td>
                  <td>{h.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
