import { PRIORITIES, type Priority, type SlaPolicy } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';
import { draftOf, newDraft, toPolicyBody, type SlaPolicyDraft } from './sla-policy-form.js';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Zone names the browser knows, to suggest while typing; the server checks the one saved. */
const zoneNames = (): readonly string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

function weekdayName(day: number, language: string): string {
  // 4 January 1970 was a Sunday.
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 4 + day)));
}

function PolicyEditor({ policy, onSaved, onCancel }: { readonly policy: SlaPolicy | null; readonly onSaved: () => void; readonly onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [draft, setDraft] = useState<SlaPolicyDraft>(policy === null ? newDraft(localZone()) : draftOf(policy));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<SlaPolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTarget = (p: Priority, field: 'firstResponseMinutes' | 'resolutionMinutes', value: number) =>
    setDraft((d) => ({ ...d, targets: { ...d.targets, [p]: { ...d.targets[p], [field]: value } } }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = toPolicyBody(draft);
    if ('badDay' in parsed) {
      setError(t('sla.badSpans', { day: weekdayName(parsed.badDay, i18n.language) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (policy === null) await client.helpdesk.createSlaPolicy(parsed.body);
      else await client.helpdesk.updateSlaPolicy(policy.id, parsed.body);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={policy === null ? t('sla.add') : t('sla.editNamed', { name: policy.name })} style={{ display: 'grid', gap: 10 }}>
      <div className="filters">
        <Field label={t('sla.name')}>
          <input type="text" required maxLength={80} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field label={t('sla.timeZone')}>
          <input type="text" required list="sla-zones" value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
        </Field>
        <datalist id="sla-zones">
          {zoneNames().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <label className="row">
          <input type="checkbox" checked={draft.isDefault} onChange={(e) => set({ isDefault: e.target.checked })} />
          {t('sla.isDefault')}
        </label>
      </div>
      <fieldset>
        <legend>{t('sla.businessHours')}</legend>
        <p className="small muted">{t('sla.hoursHelp')}</p>
        <div className="filters">
          {WEEKDAYS.map((day) => (
            <Field key={day} label={weekdayName(day, i18n.language)}>
              <input type="text" value={draft.days[day] ?? ''} placeholder={t('sla.closed')} onChange={(e) => set({ days: draft.days.map((v, i) => (i === day ? e.target.value : v)) })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <Field label={t('sla.holidays')}>
        <textarea rows={3} value={draft.holidays} placeholder="2026-12-25" onChange={(e) => set({ holidays: e.target.value })} />
      </Field>
      <table className="data" aria-label={t('sla.targets')}>
        <thead>
          <tr>
            <th>{t('ticket.priority')}</th>
            <th>{t('sla.firstResponseMinutes')}</th>
            <th>{t('sla.resolutionMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <td>{t(`priority.${p}`)}</td>
              <td>
                <input
                  type="number"
                  min={1}
                  required
                  aria-label={`${t(`priority.${p}`)} · ${t('sla.firstResponseMinutes')}`}
                  value={draft.targets[p].firstResponseMinutes}
                  onChange={(e) => setTarget(p, 'firstResponseMinutes', Number(e.target.value))}
                />
              </td>
              <td>
                <input
                  type="number"
                  min={1}
                  required
                  aria-label={`${t(`priority.${p}`)} · ${t('sla.resolutionMinutes')}`}
                  value={draft.targets[p].resolutionMinutes}
                  onChange={(e) => setTarget(p, 'resolutionMinutes', Number(e.target.value))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('sla.save')}
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

/** Service-level policies: targets per priority, business hours and holidays in a time zone. */
export function SlaPoliciesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const policies = useResource('admin:sla', (signal) => client.helpdesk.slaPolicies(signal));
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (policies.state === 'loading') return <Loading />;
  if (policies.data === undefined) return <ErrorState error={policies.error} onRetry={policies.reload} />;
  const done = () => {
    setEditing(null);
    policies.reload();
  };
  const remove = async (p: SlaPolicy) => {
    setError(null);
    try {
      await client.helpdesk.deleteSlaPolicy(p.id);
      policies.reload();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 id="sla-title">{t('sla.title')}</h2>
      <p className="small muted">{t('sla.help')}</p>
      {policies.data.items.length === 0 ? (
        <p className="muted">{t('sla.nonePolicies')}</p>
      ) : (
        <ul>
          {policies.data.items.map((p) => (
            <li key={p.id} className="row">
              <strong>{p.name}</strong> <span className="muted small">{p.timeZone}</span>
              {p.isDefault && <span className="badge info">{t('sla.default')}</span>}
              <button type="button" className="btn btn-small" onClick={() => setEditing(p)}>
                {t('sla.edit')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void remove(p)}>
                {t('sla.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {editing === null ? (
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('sla.add')}
        </button>
      ) : (
        <PolicyEditor key={editing === 'new' ? 'new' : editing.id} policy={editing === 'new' ? null : editing} onSaved={done} onCancel={() => setEditing(null)} />
      )}
    </section>
  );
}
