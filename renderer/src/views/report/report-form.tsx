import { IMPACTS, LIMITS, TICKET_CATEGORIES, URGENCIES, type Contact, type Impact, type ReportContext, type TicketCategory, type Urgency } from '@deskside/shared';
import { useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';


import type { FileDraft, ScreenshotDraft } from './attachments';
import { FileDrop } from './file-drop';
import { ScreenshotEditor } from './screenshot-editor';

export interface FormValues {
  readonly subject: string;
  readonly description: string;
  readonly category: TicketCategory;
  readonly urgency: Urgency;
  readonly impact: Impact;
  readonly contact: Contact;
  readonly screenshots: readonly ScreenshotDraft[];
  readonly files: readonly FileDraft[];
}

export function ReportForm({
  context,
  values,
  onChange,
  onNext,
  showRequired,
}: {
  context: ReportContext;
  values: FormValues;
  onChange: (v: FormValues) => void;
  onNext: () => void;
  showRequired: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => onChange({ ...values, [key]: value });
  const setContact = (key: keyof Contact, value: string) => set('contact', { ...values.contact, [key]: value === '' ? null : value });
  const subjectRef = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // On a long form the subject may be far above the button: take the user to it, so "Review" never
    // seems to do nothing (the field's own alert says what is missing).
    if (values.subject.trim() === '') {
      subjectRef.current?.focus();
      subjectRef.current?.scrollIntoView?.({ block: 'center' });
    }
    onNext();
  };
  const attached = values.files.length + values.screenshots.filter((s) => s.include).length;
  const subjectMissing = showRequired && values.subject.trim() === '';

  return (
    <form onSubmit={submit} noValidate aria-describedby={`${id}-intro`}>
      <p id={`${id}-intro`}>{t('report.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('report.subject')}</label>
        <input
          id={`${id}-subject`}
          ref={subjectRef}
          value={values.subject}
          maxLength={LIMITS.ticketSubject}
          required
          aria-invalid={subjectMissing}
          aria-describedby={`${id}-subject-hint${subjectMissing ? ` ${id}-subject-error` : ''}`}
          onChange={(e) => set('subject', e.target.value)}
        />
        <p id={`${id}-subject-hint`} className="hint">
          {t('report.subjectHint')}
        </p>
        {subjectMissing ? (
          <p id={`${id}-subject-error`} role="alert" className="field-error">
            {t('report.required')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('report.description')}</label>
        <textarea
          id={`${id}-description`}
          rows={6}
          value={values.description}
          maxLength={LIMITS.ticketDescription}
          aria-describedby={`${id}-description-hint`}
          onChange={(e) => set('description', e.target.value)}
        />
        <p id={`${id}-description-hint`} className="hint">
          {t('report.descriptionHint')}
        </p>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('report.category')}</label>
          <select id={`${id}-category`} value={values.category} onChange={(e) => set('category', e.target.value as TicketCategory)}>
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`report.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-urgency`}>{t('report.urgency')}</label>
          <select id={`${id}-urgency`} value={values.urgency} onChange={(e) => set('urgency', e.target.value as Urgency)}>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`report.urgencies.${u}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="field">
        <legend>{t('report.impact')}</legend>
        {IMPACTS.map((i) => (
          <label key={i} className="radio">
            <input type="radio" name={`${id}-impact`} value={i} checked={values.impact === i} onChange={() => set('impact', i)} />
            {t(`report.impacts.${i}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('report.contact')}</legend>
        <div className="row">
          <label>
            {t('report.contactName')}
            <input autoComplete="name" value={values.contact.name ?? ''} onChange={(e) => setContact('name', e.target.value)} />
          </label>
          <label>
            {t('report.contactEmail')}
            <input type="email" autoComplete="email" value={values.contact.email ?? ''} onChange={(e) => setContact('email', e.target.value)} />
          </label>
          <label>
            {t('report.contactPhone')}
            <input type="tel" autoComplete="tel" value={values.contact.phone ?? ''} onChange={(e) => setContact('phone', e.target.value)} />
          </label>
        </div>
      </fieldset>
      <section className="field" aria-labelledby={`${id}-shots`}>
        <h2 id={`${id}-shots`}>{t('report.screenshots')}</h2>
        {!context.screenshotsAllowed ? (
          <p className="hint">{t('report.screenshotsOff')}</p>
        ) : values.screenshots.length === 0 ? (
          <p className="hint">{t('report.screenshotsNone')}</p>
        ) : (
          <>
            <p className="hint">{t('report.screenshotsIntro')}</p>
            {values.screenshots.map((s, index) => (
              <ScreenshotEditor
                key={s.shot.id}
                draft={s}
                onChange={(d) => set('screenshots', values.screenshots.map((x, i) => (i === index ? d : x)))}
              />
            ))}
          </>
        )}
      </section>
      <section className="field" aria-labelledby={`${id}-files`}>
        <h2 id={`${id}-files`}>{t('report.files')}</h2>
        <FileDrop rules={context.rules} files={values.files} attachedCount={attached - values.files.length} onChange={(f) => set('files', f)} />
      </section>
      <div className="actions">
        <button type="submit" className="primary">
          {t('report.next')}
        </button>
      </div>
    </form>
  );
}
