import {
  ARTICLE_LIMITS,
  ARTICLE_LOCALES,
  ARTICLE_STATUSES,
  ARTICLE_VISIBILITIES,
  type ArticleLocale,
  type ArticleStatus,
  type ArticleText,
  type ArticleVisibility,
} from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { ArticleBody } from './article-body.js';

export interface ArticleFormValues {
  readonly texts: readonly ArticleText[];
  readonly category: string;
  readonly tags: readonly string[];
  readonly visibility: ArticleVisibility;
  readonly status: ArticleStatus;
}

/** Exactly the fields the API takes: the form may start from a whole article detail. */
export function articleFields(v: ArticleFormValues) {
  return { texts: v.texts.map((x) => ({ locale: x.locale, title: x.title, body: x.body })), category: v.category, tags: [...v.tags], visibility: v.visibility, status: v.status };
}

export const EMPTY_ARTICLE: ArticleFormValues = { texts: [{ locale: 'en', title: '', body: '' }], category: '', tags: [], visibility: 'everyone', status: 'draft' };

/** One language version: title, Markdown body and a preview rendered exactly as users will see it. */
function VersionFields({ text, onChange, onRemove }: { readonly text: ArticleText; readonly onChange: (t: ArticleText) => void; readonly onRemove: (() => void) | null }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const lang = text.locale;
  return (
    <fieldset className="panel" lang={lang}>
      <legend>{t(`languages.${lang}`)}</legend>
      <Field label={t('kb.title')}>
        <input value={text.title} maxLength={ARTICLE_LIMITS.title} required onChange={(e) => onChange({ ...text, title: e.target.value })} />
      </Field>
      <div className="row">
        <span className="grow small muted">{t('kb.markdownHelp')}</span>
        <button type="button" className="btn" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {preview ? t('kb.edit') : t('kb.preview')}
        </button>
        {onRemove !== null && (
          <button type="button" className="btn" onClick={onRemove}>
            {t('kb.removeVersion', { language: t(`languages.${lang}`) })}
          </button>
        )}
      </div>
      {preview ? (
        <ArticleBody body={text.body} lang={lang} />
      ) : (
        <Field label={t('kb.body')}>
          <textarea rows={14} value={text.body} maxLength={ARTICLE_LIMITS.body} onChange={(e) => onChange({ ...text, body: e.target.value })} />
        </Field>
      )}
    </fieldset>
  );
}

/** Create or edit an article; `save` throws to keep the form (and what was typed) on screen. */
export function ArticleEditor({
  initial,
  categories,
  onSave,
  onCancel,
}: {
  readonly initial: ArticleFormValues;
  readonly categories: readonly string[];
  readonly onSave: (values: ArticleFormValues) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [tagText, setTagText] = useState(initial.tags.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missing = ARTICLE_LOCALES.filter((l) => !values.texts.some((x) => x.locale === l));
  const setText = (locale: ArticleLocale, next: ArticleText | null) =>
    setValues((v) => ({ ...v, texts: next === null ? v.texts.filter((x) => x.locale !== locale) : v.texts.map((x) => (x.locale === locale ? next : x)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tags = tagText
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      await onSave({ ...values, tags });
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('kb.editorLabel')}>
      <div className="filters">
        <Field label={t('kb.category')}>
          <input list="kb-categories" value={values.category} required maxLength={ARTICLE_LIMITS.category} onChange={(e) => setValues({ ...values, category: e.target.value })} />
        </Field>
        <datalist id="kb-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field label={t('kb.tags')} className="grow">
          <input value={tagText} placeholder={t('kb.tagsPlaceholder')} onChange={(e) => setTagText(e.target.value)} />
        </Field>
        <Field label={t('kb.visibility')}>
          <select value={values.visibility} onChange={(e) => setValues({ ...values, visibility: e.target.value as ArticleVisibility })}>
            {ARTICLE_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(`kb.visibilities.${v}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('kb.status')}>
          <select value={values.status} onChange={(e) => setValues({ ...values, status: e.target.value as ArticleStatus })}>
            {ARTICLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`kb.statuses.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {values.texts.map((text) => (
        <VersionFields key={text.locale} text={text} onChange={(next) => setText(text.locale, next)} onRemove={values.texts.length > 1 ? () => setText(text.locale, null) : null} />
      ))}
      <div className="row">
        {missing.map((locale) => (
          <button key={locale} type="button" className="btn" onClick={() => setValues((v) => ({ ...v, texts: [...v.texts, { locale, title: '', body: '' }] }))}>
            {t('kb.addVersion', { language: t(`languages.${locale}`) })}
          </button>
        ))}
        <span className="spacer" style={{ flex: 1 }} />
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
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
