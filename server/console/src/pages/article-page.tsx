import type { ArticleDetail, ArticleLocale } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import { StatusBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { describeError, ErrorState, Loading } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { ArticleBody } from '../kb/article-body.js';
import { ArticleEditor, EMPTY_ARTICLE, articleFields, type ArticleFormValues } from '../kb/article-editor.js';
import { preferredText } from '../kb/article-title.js';
import { useKbClient } from '../kb/kb-client-hook.js';
import { useTechnician } from '../session/session-context.js';

/** A new article, blank or prefilled from a resolved ticket (`?fromTicket=`). */
export function NewArticlePage() {
  const { t } = useTranslation();
  const kb = useKbClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromTicket = params.get('fromTicket');
  const res = useResource(`kb:new:${fromTicket ?? ''}`, async (signal) => {
    const [page, draft] = await Promise.all([kb.articles({ pageSize: 1 }, signal), fromTicket === null ? Promise.resolve(null) : kb.draftFromTicket(fromTicket, signal)]);
    return { categories: page.categories, draft };
  });
  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} />;
  const draft = res.data.draft;
  const initial: ArticleFormValues = draft === null ? EMPTY_ARTICLE : { ...EMPTY_ARTICLE, texts: draft.texts, category: draft.category, tags: draft.tags };
  return (
    <>
      <div className="page-head">
        <Link to="/kb">← {t('kb.pageTitle')}</Link>
        <h1>{t('kb.newArticle')}</h1>
      </div>
      {draft !== null && <p className="notice">{t('kb.fromTicketNotice')}</p>}
      <ArticleEditor
        initial={initial}
        categories={res.data.categories}
        onCancel={() => void navigate(-1)}
        onSave={async (values) => {
          const created = await kb.createArticle({ ...articleFields(values), sourceTicketId: draft?.sourceTicketId ?? null });
          void navigate(`/kb/articles/${created.article.id}`, { replace: true });
        }}
      />
    </>
  );
}

function Revisions({ detail }: { readonly detail: ArticleDetail }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t('kb.revisions')}</h2>
      <ol className="timeline small">
        {detail.revisions.map((r) => (
          <li key={r.revision}>
            <strong>#{r.revision}</strong> <DateText iso={r.at} /> <span className="user-text">{r.authorName ?? t('activity.anotherTechnician')}</span>
            <div className="muted">{r.changes.map((c) => t(`kb.change.${c.split('.')[0]}`, { language: c.split('.')[1] ?? '', defaultValue: c })).join(', ')}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One article: read it in either language, its tickets and history; edit it (a new revision) or delete it. */
export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const kb = useKbClient();
  const me = useTechnician();
  const navigate = useNavigate();
  const res = useResource(`kb:article:${id}`, (signal) => kb.article(id, signal));
  const [editing, setEditing] = useState(false);
  const [locale, setLocale] = useState<ArticleLocale | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} />;
  const detail = res.data;
  const a = detail.article;
  const shown = a.texts.find((x) => x.locale === locale) ?? preferredText(a.texts, i18n.language);

  if (editing) {
    return (
      <>
        <div className="page-head">
          <h1>{t('kb.editing', { title: shown?.title ?? '' })}</h1>
        </div>
        <ArticleEditor
          initial={a}
          categories={[]}
          onCancel={() => setEditing(false)}
          onSave={async (values) => {
            await kb.updateArticle(a.id, { ...articleFields(values), revision: a.revision });
            setEditing(false);
            res.reload();
          }}
        />
      </>
    );
  }

  return (
    <>
      <div className="page-head">
        <Link to="/kb">← {t('kb.pageTitle')}</Link>
        <h1 className="user-text" lang={shown?.locale}>
          {shown?.title}
        </h1>
        <span className={`badge ${a.status === 'draft' ? 'warn' : 'ok'}`}>{t(`kb.statuses.${a.status}`)}</span>
        <span className="badge">{t(`kb.visibilities.${a.visibility}`)}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setEditing(true)}>
          {t('kb.edit')}
        </button>
        {me.role === 'admin' && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (!window.confirm(t('kb.confirmDelete'))) return;
              kb.deleteArticle(a.id).then(
                () => void navigate('/kb'),
                (err: unknown) => setError(describeError(err, t)),
              );
            }}
          >
            {t('kb.delete')}
          </button>
        )}
      </div>
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      <div className="ticket-layout">
        <div>
          {a.texts.length > 1 && (
            <div className="row" role="group" aria-label={t('kb.language')}>
              {a.texts.map((x) => (
                <button key={x.locale} type="button" className="btn" aria-pressed={x.locale === shown?.locale} onClick={() => setLocale(x.locale)}>
                  {t(`languages.${x.locale}`)}
                </button>
              ))}
            </div>
          )}
          <section className="panel">{shown !== undefined && <ArticleBody body={shown.body} lang={shown.locale} />}</section>
        </div>
        <div>
          <section className="panel" aria-labelledby="article-props">
            <h2 id="article-props">{t('kb.properties')}</h2>
            <dl className="props">
              <dt>{t('kb.category')}</dt>
              <dd className="user-text">{a.category}</dd>
              <dt>{t('kb.tags')}</dt>
              <dd className="user-text">{a.tags.join(', ') || '—'}</dd>
              <dt>{t('kb.solved')}</dt>
              <dd>{a.usage.solved}</dd>
              <dt>{t('kb.updated')}</dt>
              <dd>
                <DateText iso={a.updatedAt} /> <span className="user-text">{a.updatedBy}</span>
              </dd>
              {detail.sourceTicket !== null && (
                <>
                  <dt>{t('kb.sourceTicket')}</dt>
                  <dd>
                    <Link to={`/tickets/${detail.sourceTicket.id}`}>
                      #{detail.sourceTicket.number} <span className="user-text">{detail.sourceTicket.subject}</span>
                    </Link>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section className="panel" aria-labelledby="linked-title">
            <h2 id="linked-title">{t('kb.linkedTickets')}</h2>
            {detail.linkedTickets.length === 0 ? (
              <p className="muted">{t('kb.noLinkedTickets')}</p>
            ) : (
              <ul className="plain-list">
                {detail.linkedTickets.map((lt) => (
                  <li key={lt.id}>
                    <Link to={`/tickets/${lt.id}`}>
                      #{lt.number} <span className="user-text">{lt.subject}</span>
                    </Link>{' '}
                    <StatusBadge status={lt.status} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Revisions detail={detail} />
        </div>
      </div>
    </>
  );
}
