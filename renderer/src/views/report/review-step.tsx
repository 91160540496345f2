import { diagnosticSummary, wordSummary, wordingLanguage, type DiagnosticItem, type DiagnosticItemId, type DiagnosticsRun, type TicketPreview } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';


import { formatBytes } from '../../format';
import type { FileDraft, ScreenshotDraft } from './attachments';

/** What the item says, in the user's language; the agent's English line only for a shape we do not know. */
function itemSummary(item: DiagnosticItem, language: string): string | null {
  const parts = diagnosticSummary(item);
  return parts.length > 0 ? wordSummary(parts, wordingLanguage(language)) : item.summary;
}

export interface ReviewChoices {
  readonly screenshots: readonly ScreenshotDraft[];
  readonly files: readonly FileDraft[];
  readonly keep: ReadonlySet<DiagnosticItemId>;
}

/** Every attachment and diagnostic item with a toggle, and the exact document that will be sent. */
export function ReviewStep({
  choices,
  diagnostics,
  diagnosticsError,
  preview,
  sending,
  onChange,
  onBack,
  onSend,
}: {
  choices: ReviewChoices;
  diagnostics: DiagnosticsRun | null;
  diagnosticsError: string | null;
  preview: TicketPreview | null;
  sending: boolean;
  onChange: (c: ReviewChoices) => void;
  onBack: () => void;
  onSend: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggleOpen = (key: string) => setOpen((s) => (s.has(key) ? new Set([...s].filter((k) => k !== key)) : new Set([...s, key])));
  const attachments = [
    ...choices.screenshots.map((s, i) => ({ key: `s-${s.shot.id}`, name: t('report.review.screenshotOf', { name: s.shot.displayName }), include: s.include, size: null as number | null, set: (v: boolean) => onChange({ ...choices, screenshots: choices.screenshots.map((x, j) => (j === i ? { ...x, include: v } : x)) }) })),
    ...choices.files.map((f, i) => ({ key: `f-${f.id}`, name: f.name, include: f.include, size: f.size as number | null, set: (v: boolean) => onChange({ ...choices, files: choices.files.map((x, j) => (j === i ? { ...x, include: v } : x)) }) })),
  ];

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t('report.review.title')}</h2>
      <p>{t('report.review.intro')}</p>

      <h3>{t('report.review.attachments')}</h3>
      {attachments.length === 0 ? <p className="hint">{t('report.review.noAttachments')}</p> : null}
      <ul className="review-list">
        {attachments.map((a) => (
          <li key={a.key}>
            <label className="check">
              <input type="checkbox" checked={a.include} onChange={(e) => a.set(e.target.checked)} />
              {t('report.review.include', { name: a.name })}
              {a.size !== null ? <span className="hint"> ({formatBytes(a.size)})</span> : null}
            </label>
          </li>
        ))}
      </ul>

      <h3>{t('report.review.diagnostics')}</h3>
      {diagnosticsError ? <p className="notice notice-warn">{t('report.review.diagnosticsFailed')}</p> : null}
      {diagnostics ? (
        <>
          {diagnostics.redactions > 0 ? <p className="hint">{t('report.review.redactions', { count: diagnostics.redactions })}</p> : null}
          {diagnostics.withheld && diagnostics.withheld.length > 0 ? (
            <p className="hint">{t('report.review.withheld', { items: diagnostics.withheld.map((id) => t(`report.items.${id}`)).join(i18n.language.startsWith('zh') ? '、' : ', ') })}</p>
          ) : null}
          <ul className="review-list">
            {diagnostics.items.map((item) => {
              const key = `d-${item.id}`;
              const kept = choices.keep.has(item.id);
              return (
                <li key={key}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={kept}
                      onChange={(e) => {
                        const keep = new Set(choices.keep);
                        if (e.target.checked) keep.add(item.id);
                        else keep.delete(item.id);
                        onChange({ ...choices, keep });
                      }}
                    />
                    {t('report.review.include', { name: t(`report.items.${item.id}`) })}
                    <span className={`pill pill-${item.status}`}>{t(`report.itemStatus.${item.status}`)}</span>
                  </label>
                  {itemSummary(item, i18n.language) ? <p className="hint">{itemSummary(item, i18n.language)}</p> : null}
                  <button type="button" className="link" aria-expanded={open.has(key)} aria-controls={`${key}-data`} onClick={() => toggleOpen(key)}>
                    {open.has(key) ? t('report.review.hide') : t('report.review.show')}
                  </button>
                  {open.has(key) ? (
                    <pre id={`${key}-data`} className="data" tabIndex={0}>
                      {JSON.stringify({ status: item.status, summary: item.summary, error: item.error, data: item.data, truncated: item.truncated }, null, 2)}
                    </pre>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      <details className="exact">
        <summary>{t('report.review.exact')}</summary>
        {preview ? (
          <>
            <p className="hint">{t('report.review.totalSize', { size: formatBytes(preview.totalBytes) })}</p>
            <pre className="data" tabIndex={0} data-testid="exact-preview">
              {JSON.stringify(preview.submission, null, 2)}
            </pre>
          </>
        ) : (
          <p className="hint">…</p>
        )}
      </details>

      <div className="actions">
        <button type="button" onClick={onBack} disabled={sending}>
          {t('report.review.back')}
        </button>
        <button type="button" className="primary" onClick={onSend} disabled={sending || preview === null}>
          {sending ? t('report.review.sending') : t('report.review.send')}
        </button>
      </div>
    </section>
  );
}
