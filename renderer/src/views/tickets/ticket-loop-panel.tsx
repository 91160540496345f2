import { LIMITS, type DeviceTicketView, type ReplyResult, type TrayFeedback } from '@deskside/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { request } from '../../bridge';
import { ErrorBox } from '../../components/error-box';

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * The requester's part once IT has acted: on a resolved ticket "Did this fix it?" (fixed closes it,
 * still broken reopens it with the user's words); on a closed one a 1–5 rating with an optional
 * comment. Answers go through the agent's outbox, so offline they are kept and sent once.
 */
export function TicketLoopPanel({ ticket }: { ticket: DeviceTicketView }) {
  const { t } = useTranslation();
  const id = useId();
  const [stillBroken, setStillBroken] = useState<string | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ReplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const answer = async (feedback: TrayFeedback) => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await request('tickets:feedback', ticket.id, feedback));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const reopen = (e: FormEvent) => {
    e.preventDefault();
    if (stillBroken !== null && stillBroken.trim() !== '') void answer({ kind: 'still-broken', body: stillBroken.trim() });
  };
  const rate = (e: FormEvent) => {
    e.preventDefault();
    if (rating !== null) void answer({ kind: 'rating', rating, body: comment.trim() === '' ? null : comment.trim() });
  };

  const answered = outcome !== null && outcome.outcome !== 'refused';
  const status = (
    <>
      <p role="status" aria-live="polite">
        {outcome?.outcome === 'sent' ? t('loop.sent') : outcome?.outcome === 'queued' ? t('loop.queued') : null}
      </p>
      {outcome?.outcome === 'refused' ? <ErrorBox message={t('loop.refused', { message: outcome.message })} /> : null}
      {error ? <ErrorBox message={error} /> : null}
    </>
  );

  if (ticket.status === 'resolved') {
    return (
      <section className="loop" aria-labelledby={`${id}-question`}>
        <h2 id={`${id}-question`}>{t('loop.question')}</h2>
        {!answered && stillBroken === null && (
          <>
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void answer({ kind: 'confirm' })}>
                {t('loop.fixed')}
              </button>
              <button type="button" disabled={busy} onClick={() => setStillBroken('')}>
                {t('loop.notFixed')}
              </button>
            </div>
            <p className="hint">{t('loop.autoClose')}</p>
          </>
        )}
        {!answered && stillBroken !== null && (
          <form onSubmit={reopen}>
            <label htmlFor={`${id}-still`}>{t('loop.whatStill')}</label>
            <textarea id={`${id}-still`} rows={3} value={stillBroken} maxLength={LIMITS.longText} onChange={(e) => setStillBroken(e.target.value)} />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || stillBroken.trim() === ''}>
                {t('loop.reopen')}
              </button>
              <button type="button" disabled={busy} onClick={() => setStillBroken(null)}>
                {t('loop.cancel')}
              </button>
            </div>
          </form>
        )}
        {status}
      </section>
    );
  }

  if (ticket.status !== 'closed') return null;
  const given = ticket.loop?.rating ?? null;
  if (given !== null && !answered) {
    return <p className="hint">{t('loop.rated', { rating: given })}</p>;
  }
  return (
    <section className="loop" aria-labelledby={`${id}-rate`}>
      <h2 id={`${id}-rate`}>{t('loop.rateQuestion')}</h2>
      {!answered && (
        <form onSubmit={rate}>
          <fieldset>
            <legend>
              {t('loop.rating')} <span className="hint">(1 {t('loop.ratingLow')} – 5 {t('loop.ratingHigh')})</span>
            </legend>
            {STARS.map((n) => (
              <label key={n} className="star">
                <input type="radio" name={`${id}-stars`} value={n} checked={rating === n} onChange={() => setRating(n)} /> {t('loop.stars', { count: n })}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-comment`}>{t('loop.comment')}</label>
          <textarea id={`${id}-comment`} rows={2} value={comment} maxLength={LIMITS.mediumText} onChange={(e) => setComment(e.target.value)} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || rating === null}>
              {t('loop.sendRating')}
            </button>
          </div>
        </form>
      )}
      {status}
    </section>
  );
}
