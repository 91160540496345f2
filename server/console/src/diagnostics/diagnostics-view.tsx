import type { DiagnosticItem, Diagnostics } from '@deskside/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DataView } from '../components/data-view.js';
import { DateText } from '../components/date-text.js';
import { findingText } from './finding-text.js';
import { diagnosticFindings, type Finding } from './findings.js';

function statusTone(status: DiagnosticItem['status']): string {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'error':
    case 'timeout':
      return 'bad';
    case 'permission-denied':
      return 'warn';
    case 'unsupported':
      return '';
  }
}

function ItemPanel({ item, findings }: { readonly item: DiagnosticItem; readonly findings: readonly Finding[] }) {
  const { t, i18n } = useTranslation();
  const [raw, setRaw] = useState(false);
  const worst = findings.some((f) => f.severity === 'problem') ? 'problem' : findings.length > 0 ? 'warning' : '';
  const headingId = `diag-${item.id}`;
  return (
    <section className={`panel ${worst}`} aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId}>{t(`diagItems.${item.id}`)}</h3>
        <span className={`badge ${statusTone(item.status)}`}>{t(`sectionStatus.${item.status}`)}</span>
        <span className="spacer" />
        <span className="small muted">{t('diagnostics.took', { ms: item.durationMs })}</span>
        <button type="button" className="btn btn-small" aria-pressed={raw} onClick={() => setRaw((v) => !v)}>
          {raw ? t('diagnostics.readable') : t('diagnostics.raw')}
        </button>
      </div>
      {item.summary !== null && <p className="user-text">{item.summary}</p>}
      {item.error !== undefined && <p className="inline-error user-text">{item.error}</p>}
      {findings.length > 0 && (
        <ul className="problem-list" aria-label={t('diagnostics.problemsIn', { item: t(`diagItems.${item.id}`) })}>
          {findings.map((f, i) => (
            <li key={i} className={f.severity === 'warning' ? 'warn' : undefined}>
              {findingText(f, t, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      {item.truncated !== null && <p className="small muted">{t('diagnostics.truncated', { what: item.truncated })}</p>}
      {raw ? <pre className="raw-json">{JSON.stringify(item.data, null, 2)}</pre> : item.data != null && <DataView value={item.data} />}
    </section>
  );
}

/** Diagnostics as a technician reads them: what is wrong first, then each item as its own panel. */
export function DiagnosticsView({ diagnostics }: { readonly diagnostics: Diagnostics }) {
  const { t, i18n } = useTranslation();
  const [rawAll, setRawAll] = useState(false);
  const findings = useMemo(() => diagnosticFindings(diagnostics), [diagnostics]);
  return (
    <section aria-labelledby="diagnostics-title">
      <div className="panel-head">
        <h2 id="diagnostics-title">{t('diagnostics.title')}</h2>
        <span className="small muted">
          <DateText iso={diagnostics.collectedAt} /> · {t('diagnostics.agent', { version: diagnostics.agentVersion })}
          {diagnostics.redactions > 0 && ` · ${t('diagnostics.redactions', { count: diagnostics.redactions })}`}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" aria-pressed={rawAll} onClick={() => setRawAll((v) => !v)}>
          {rawAll ? t('diagnostics.hideJson') : t('diagnostics.showJson')}
        </button>
      </div>
      {rawAll && (
        <pre className="raw-json" aria-label={t('diagnostics.rawLabel')}>
          {JSON.stringify(diagnostics, null, 2)}
        </pre>
      )}
      <div className={`panel ${findings.some((f) => f.severity === 'problem') ? 'problem' : findings.length > 0 ? 'warning' : ''}`}>
        <h3>{t('diagnostics.atAGlance')}</h3>
        {findings.length === 0 ? (
          <p className="muted">{t('diagnostics.noProblems')}</p>
        ) : (
          <ul className="problem-list" aria-label={t('diagnostics.problems')}>
            {findings.map((f, i) => (
              <li key={i} className={f.severity === 'warning' ? 'warn' : undefined}>
                <strong>{t('diagnostics.itemLabel', { item: t(`diagItems.${f.item}`) })}</strong>
                {findingText(f, t, i18n.language)}
              </li>
            ))}
          </ul>
        )}
        {diagnostics.omitted.length > 0 && (
          <p className="small muted">{t('diagnostics.omitted', { items: diagnostics.omitted.map((id) => t(`diagItems.${id}`)).join(', ') })}</p>
        )}
      </div>
      <details className="diagnostic-items">
        <summary>{t('diagnostics.allItems', { count: diagnostics.items.length })}</summary>
        {diagnostics.items.map((item) => (
          <ItemPanel key={item.id} item={item} findings={findings.filter((f) => f.item === item.id)} />
        ))}
      </details>
    </section>
  );
}
