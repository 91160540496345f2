import type { FleetRules, FleetRulesView } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { ErrorState, Loading, describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

type RuleKey = keyof FleetRules;
const RULES: readonly RuleKey[] = [
  'staleAfterDays',
  'autoRetireAfterDays',
  'deleteRetiredAfterDays',
  'warrantyWarningDays',
  'restartPendingDays',
  'securityUpdatesDays',
  'batteryHealthPercent',
  'lowDiskPercent',
];
/** Rules an empty box switches off; the others always apply. */
const OPTIONAL: readonly RuleKey[] = ['autoRetireAfterDays', 'deleteRetiredAfterDays'];

function RulesForm({ initial, onSaved }: { readonly initial: FleetRulesView; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [values, setValues] = useState(Object.fromEntries(RULES.map((k) => [k, initial[k]?.toString() ?? ''])) as Record<RuleKey, string>);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    // An empty box switches an optional rule off; the others keep their value (the browser requires them anyway).
    const value = (k: RuleKey) => (values[k].trim() === '' ? (OPTIONAL.includes(k) ? null : initial[k]) : Number(values[k]));
    try {
      await client.assets.saveFleetRules(Object.fromEntries(RULES.map((k) => [k, value(k)])) as unknown as FleetRules);
      onSaved();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('assets.rulesTitle')}>
      <div className="filters">
        {RULES.map((k) => (
          <Field key={k} label={t(`assets.${k}`)}>
            <input
              type="number"
              min={k === 'lowDiskPercent' ? 0 : 1}
              max={k === 'batteryHealthPercent' || k === 'lowDiskPercent' ? 100 : 3650}
              step={1}
              required={!OPTIONAL.includes(k)}
              value={values[k]}
              placeholder={OPTIONAL.includes(k) ? t('assets.never') : undefined}
              onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            />
          </Field>
        ))}
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          {t('helpdesk.save')}
        </button>
        {error !== null && (
          <span className="inline-error" role="alert">
            {error}
          </span>
        )}
        <span className="small muted">
          {initial.updatedAt !== null && (
            <>
              {t('admin.lastChanged')} <DateText iso={initial.updatedAt} /> {initial.updatedBy ?? ''}
            </>
          )}
        </span>
      </div>
    </form>
  );
}

/** When silent devices are flagged, retired and deleted, and how early a warranty's end is a finding. */
export function FleetRulesPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('fleet-rules', (signal) => client.assets.fleetRules(signal));
  const [saved, setSaved] = useState(false);
  return (
    <section className="panel" aria-labelledby="admin-fleet-rules">
      <h2 id="admin-fleet-rules">{t('assets.rulesTitle')}</h2>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.data === undefined ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <RulesForm
          key={res.data.updatedAt ?? 'default'}
          initial={res.data}
          onSaved={() => {
            setSaved(true);
            res.reload();
          }}
        />
      )}
      {saved && (
        <p className="small" role="status">
          {t('assets.rulesSaved')}
        </p>
      )}
    </section>
  );
}
