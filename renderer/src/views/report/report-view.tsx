import type { DiagnosticsProgress, DiagnosticsRun, ReportContext, SubmitResult, TicketPreview } from '@deskside/shared';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';


import { request, subscribe } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { navigate } from '../../routing';
import { ArticleSuggestions } from './article-suggestions';
import { buildDraft } from './build-draft';
import { ReportForm, type FormValues } from './report-form';
import { ReviewStep, type ReviewChoices } from './review-step';

type Step = 'form' | 'gathering' | 'review' | 'done';

function outcomeText(result: SubmitResult, t: TFunction): string {
  switch (result.outcome) {
    case 'sent':
      return result.number === null ? t('report.sentNoNumber') : t('report.sent', { number: result.number });
    case 'queued':
      return t('report.queued');
    case 'refused':
      return t('report.refused', { message: result.message });
  }
}

function initialForm(context: ReportContext): FormValues {
  return {
    subject: '',
    description: '',
    category: 'other',
    urgency: 'medium',
    impact: 'me',
    contact: context.contact,
    screenshots: context.screenshots.map((shot) => ({ shot, include: true, areas: [] })),
    files: [],
  };
}

/** Report a problem: the form, then computer checks with progress, then review, then the outcome. */
export function ReportView() {
  const { t, i18n } = useTranslation();
  const [context, setContext] = useState<ReportContext | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<FormValues | null>(null);
  const [step, setStep] = useState<Step>('form');
  const [showRequired, setShowRequired] = useState(false);
  const [progress, setProgress] = useState<DiagnosticsProgress | null>(null);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsRun | null>(null);
  const [diagnosticsError, setDiagnosticsError] = useState<string | null>(null);
  const [choices, setChoices] = useState<ReviewChoices | null>(null);
  const [preview, setPreview] = useState<TicketPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [solvedBy, setSolvedBy] = useState<string | null>(null);
  const draftId = useRef(crypto.randomUUID());

  const load = async () => {
    setLoadError(null);
    try {
      const c = await request('report:prepare');
      setContext(c);
      setForm(initialForm(c));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    void load();
    return subscribe('diagnostics:progress', setProgress);
  }, []);

  // The exact preview follows every toggle on the review step.
  useEffect(() => {
    if (step !== 'review' || form === null || choices === null) return;
    let stale = false;
    setPreview(null);
    void buildDraft(draftId.current, form, choices, diagnostics?.runId ?? null, i18n.language)
      .then((draft) => request('report:preview', draft))
      .then((p) => {
        if (!stale) setPreview(p);
      })
      .catch((e: unknown) => {
        if (!stale) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      stale = true;
    };
  }, [step, form, choices, diagnostics, i18n.language]);

  if (loadError) return <ErrorBox message={loadError} onRetry={() => void load()} />;
  if (context === null || form === null) return <p role="status">{t('app.loading')}</p>;

  const gather = async () => {
    if (form.subject.trim() === '') {
      setShowRequired(true);
      return;
    }
    setStep('gathering');
    setProgress(null);
    setError(null);
    try {
      const run = await request('report:gather-diagnostics');
      setDiagnostics(run);
      setDiagnosticsError(null);
      setChoices({ screenshots: form.screenshots, files: form.files, keep: new Set(run.items.map((i) => i.id)) });
    } catch (e) {
      setDiagnostics(null);
      setDiagnosticsError(e instanceof Error ? e.message : String(e));
      setChoices({ screenshots: form.screenshots, files: form.files, keep: new Set() });
    }
    setStep('review');
  };

  const send = async () => {
    if (choices === null) return;
    setSending(true);
    setError(null);
    try {
      const draft = await buildDraft(draftId.current, form, choices, diagnostics?.runId ?? null, i18n.language);
      setResult(await request('report:submit', draft));
      setStep('done');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  const restart = () => {
    draftId.current = crypto.randomUUID();
    setForm(initialForm({ ...context, screenshots: [] }));
    setDiagnostics(null);
    setChoices(null);
    setResult(null);
    setShowRequired(false);
    setStep('form');
  };

  return (
    <div className="view">
      <ViewHeading>{t('report.title')}</ViewHeading>
      {!context.online && step !== 'done' ? <p className="notice notice-warn">{t('app.offlineBanner')}</p> : null}
      {error ? <ErrorBox message={error} /> : null}
      {step === 'form' && solvedBy === null ? (
        <div className="report-with-help">
          <ReportForm context={context} values={form} onChange={setForm} onNext={() => void gather()} showRequired={showRequired} />
          <ArticleSuggestions subject={form.subject} description={form.description} onSolved={(a) => setSolvedBy(a.title)} />
        </div>
      ) : null}
      {solvedBy !== null ? (
        <div role="status" className="notice notice-ok" data-testid="report-solved">
          <p>{t('help.solved', { title: solvedBy })}</p>
          <div className="actions">
            <button type="button" onClick={() => (setSolvedBy(null), restart())}>
              {t('report.another')}
            </button>
          </div>
        </div>
      ) : null}
      {step === 'gathering' ? (
        <div role="status" aria-live="polite" className="gathering">
          <progress max={progress?.total ?? undefined} value={progress && progress.total > 0 ? progress.done : undefined} />
          <p>{progress && progress.done > 0 ? t('report.gathering', { done: progress.done, total: progress.total }) : t('report.gatheringStart')}</p>
        </div>
      ) : null}
      {step === 'review' && choices ? (
        <ReviewStep
          choices={choices}
          diagnostics={diagnostics}
          diagnosticsError={diagnosticsError}
          preview={preview}
          sending={sending}
          onChange={setChoices}
          onBack={() => {
            setForm({ ...form, screenshots: choices.screenshots, files: choices.files });
            setStep('form');
          }}
          onSend={() => void send()}
        />
      ) : null}
      {step === 'done' && result ? (
        <div role="status" className={`notice ${result.outcome === 'sent' ? 'notice-ok' : result.outcome === 'queued' ? 'notice-warn' : 'notice-error'}`} data-testid="report-result">
          <p>{outcomeText(result, t)}</p>
          <div className="actions">
            <button type="button" onClick={restart}>
              {t('report.another')}
            </button>
            <button type="button" className="primary" onClick={() => navigate({ view: 'tickets', ticketId: result.ticketId })}>
              {t('report.viewTickets')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
