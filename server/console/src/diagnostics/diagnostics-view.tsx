import { DIAGNOSTIC_CATALOGS, diagnosticFindings, diagnosticSummary, likelyCauses, wordSummary, wordingLanguage, type DiagnosticItem, type Diagnostics, type Finding } from '@deskside/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DataView } from '../components/data-view.js';
import { DateText } from '../components/date-text.js';
import { findingText } from './finding-text.js';

/** "Collected" is neutral: a green badge beside "pressure high" would read as "all is well". */
function statusTone(status: DiagnosticItem['status']): string {
  switch (status) {
    case 'ok':
      return '';
    case 'error':
    case 'timeout':
      return 'bad';
    case 'permission-denied':
      return 'warn';
    case 'unsupported':
      return '';
  }
}

/** The summary worded in the technician's language; the agent's English line only for shapes we do not know. */
function ItemSummary({ item }: { readonly item: DiagnosticItem }) {
  const { i18n } = useTranslation();
  const parts = diagnosticSummary(item);
  if (parts.length > 0) return <p>{wordSummary(parts, wordingLanguage(i18n.language))}</p>;
  return item.summary === null ? null : <p className="user-text">{item.summary}</p>;
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
        <span className={`badge ${statusTone(item.status)}`}>{DIAGNOSTIC_CATALOGS[wordingLanguage(i18n.language)].statuses[item.status]}</span>
        <span className="spacer" />
        <span className="small muted">{t('diagnostics.took', { ms: item.durationMs })}</span>
        <button type="button" className="btn btn-small" aria-pressed={raw} onClick={() => setRaw((v) => !v)}>
          {raw ? t('diagnostics.readable') : t('diagnostics.raw')}
        </button>
      </div>
      <ItemSummary item={item} />
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
          <div aria-label={t('diagnostics.problems')} role="group">
            {likelyCauses(findings).map((group) => (
              <div key={group.cause} className="cause-group">
                <h4 className={group.severity === 'problem' ? 'bad-text' : 'warn-text'}>{DIAGNOSTIC_CATALOGS[wordingLanguage(i18n.language)].causes[group.cause]}</h4>
                <ul className="problem-list">
                  {group.findings.map((f, i) => (
                    <li key={i} className={f.severity === 'warning' ? 'warn' : undefined}>
                      <strong>{t('diagnostics.itemLabel', { item: t(`diagItems.${f.item}`) })}</strong>
                      {findingText(f, t, i18n.language)}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {diagnostics.withheld !== undefined && diagnostics.withheld.length > 0 && (
          <p className="small muted">{t('diagnostics.withheld', { items: diagnostics.withheld.map((id) => t(`diagItems.${id}`)).join(', ') })}</p>
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
