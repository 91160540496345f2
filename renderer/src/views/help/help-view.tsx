import type { DeviceArticle, HelpArticles } from '@deskside/shared';
import { articlePlainText } from '@deskside/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { request } from '../../bridge';
import { ArticleBody } from '../../components/article-body';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { navigate } from '../../routing';

const SEARCH_PAUSE_MS = 400;

function Reader({ article, onBack }: { readonly article: DeviceArticle; readonly onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <article aria-labelledby="article-title" lang={article.locale}>
      <button type="button" className="link" onClick={onBack}>
        ← {t('help.back')}
      </button>
      <h2 id="article-title">{article.title}</h2>
      <p className="hint">{article.category}</p>
      <ArticleBody body={article.body} lang={article.locale} />
    </article>
  );
}

/** IT's help articles: listed, searchable, readable offline (the agent keeps a copy). */
export function HelpView({ articleId }: { readonly articleId: string | null }) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState<HelpArticles | null>(null);
  const [found, setFound] = useState<HelpArticles | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = (refresh: boolean) => {
    setError(null);
    request('help:list', { refresh })
      .then(setAll)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  useEffect(() => load(false), []);

  useEffect(() => {
    const q = text.trim();
    if (q === '') {
      setFound(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      request('help:search', q, { record: true })
        .then((r) => {
          if (!stale) setFound(r);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }, SEARCH_PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text]);

  if (error) return <ErrorBox message={error} onRetry={() => load(false)} />;
  if (all === null) return <p role="status">{t('app.loading')}</p>;
  const shown = found ?? all;
  const open = articleId === null ? undefined : [...(found?.articles ?? []), ...all.articles].find((a) => a.id === articleId);

  return (
    <div className="view">
      <ViewHeading>{t('help.title')}</ViewHeading>
      {open !== undefined ? (
        <Reader article={open} onBack={() => navigate({ view: 'help' })} />
      ) : (
        <>
          <label htmlFor="help-search">{t('help.search')}</label>
          <input id="help-search" type="search" value={text} placeholder={t('help.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
          {shown.offline || (shown.source === 'offline' && all.fetchedAt !== null) ? (
            <p className="hint" role="status">
              {all.fetchedAt === null ? t('help.noCopy') : t('help.offlineCopy', { date: new Date(all.fetchedAt).toLocaleString(i18n.language) })}
            </p>
          ) : null}
          {shown.articles.length === 0 ? (
            <p>{text.trim() === '' ? t('help.empty') : t('help.noMatch')}</p>
          ) : (
            <ul className="article-list">
              {shown.articles.map((a) => (
                <li key={a.id} lang={a.locale}>
                  <a href={`#/help/${a.id}`}>{a.title}</a>
                  <p className="hint">{articlePlainText(a.body).replace(/\s+/g, ' ').slice(0, 140)}</p>
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => load(true)}>
            {t('help.refresh')}
          </button>
        </>
      )}
    </div>
  );
}
