import type { DeviceArticle } from '@deskside/shared';
import { articlePlainText } from '@deskside/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { request } from '../../bridge';
import { ArticleBody } from '../../components/article-body';

/** Words typed before suggestions are looked up, and the pause after the last key. */
const MIN_QUERY_CHARS = 2;
const TYPING_PAUSE_MS = 400;

/**
 * Public articles that match what the user is writing, beside the report form. "This solved it" ends
 * the report (counted by IT, through the agent's outbox); "Still need help" puts the suggestions away.
 */
export function ArticleSuggestions({ subject, description, onSolved }: { readonly subject: string; readonly description: string; readonly onSolved: (article: DeviceArticle) => void }) {
  const { t } = useTranslation();
  const query = `${subject} ${description.slice(0, 150)}`.trim();
  const [articles, setArticles] = useState<readonly DeviceArticle[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (query.length < MIN_QUERY_CHARS) {
      setArticles([]);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      request('help:search', query.slice(0, 200), { record: false })
        .then((found) => {
          if (!stale) setArticles(found.articles.slice(0, 3));
        })
        .catch(() => undefined);
    }, TYPING_PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  if (dismissed || articles.length === 0) return null;

  const solved = async (article: DeviceArticle) => {
    setBusy(true);
    setError(null);
    try {
      await request('help:solved', article.id, query.slice(0, 200));
      onSolved(article);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <aside className="suggestions" aria-labelledby="suggestions-title" data-testid="article-suggestions">
      <h2 id="suggestions-title">{t('help.suggestionsTitle')}</h2>
      <p className="hint">{t('help.suggestionsHint')}</p>
      <ul>
        {articles.map((a) => (
          <li key={a.id}>
            <button type="button" className="link" aria-expanded={open === a.id} onClick={() => setOpen(open === a.id ? null : a.id)}>
              {a.title}
            </button>
            {open === a.id ? (
              <div>
                <ArticleBody body={a.body} lang={a.locale} />
                <div className="actions">
                  <button type="button" className="primary" disabled={busy} onClick={() => void solved(a)}>
                    {t('help.solvedIt')}
                  </button>
                  <button type="button" onClick={() => setDismissed(true)}>
                    {t('help.stillNeedHelp')}
                  </button>
                </div>
              </div>
            ) : (
              <p className="hint">{articlePlainText(a.body).replace(/\s+/g, ' ').slice(0, 120)}</p>
            )}
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </aside>
  );
}
