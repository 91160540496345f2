import { articlePlainText, type ArticleDetail, type TicketDetail } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { describeError } from '../components/states.js';
import { useDebounced } from '../hooks/use-debounced.js';
import { useResource } from '../hooks/use-resource.js';
import { preferredText } from './article-title.js';
import { useKbClient } from './kb-client-hook.js';

export type InsertMode = 'text' | 'link';

/** What goes into the reply: the article's text, or its title and where the user finds it in the tray. */
export function replyInsertion(detail: ArticleDetail, ticketLocale: string | null, mode: InsertMode, t: (key: string, o?: Record<string, unknown>) => string): string {
  const text = preferredText(detail.article.texts, ticketLocale ?? 'en');
  if (text === undefined) return '';
  if (mode === 'text') return `${text.title}\n\n${articlePlainText(text.body)}`;
  return t('kb.insertLinkText', { title: text.title, lng: text.locale === 'zh-CN' ? 'zh-CN' : 'en' });
}

/**
 * Search the knowledge base from the reply box and insert an article (its text or a pointer to it in
 * the user's Help page); the article is linked to the ticket at the same time.
 */
export function ArticleInsert({ ticket, onInsert }: { readonly ticket: TicketDetail; readonly onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const kb = useKbClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [error, setError] = useState<string | null>(null);
  const results = useResource(`kb:insert:${open ? q : ''}`, (signal) => (open ? kb.articles({ q: q || undefined, status: 'published', pageSize: 8 }, signal) : Promise.resolve(null)));

  const insert = async (articleId: string, mode: InsertMode) => {
    setError(null);
    try {
      const [detail] = await Promise.all([kb.article(articleId), kb.linkArticle(ticket.ticket.id, articleId)]);
      onInsert(replyInsertion(detail, ticket.locale, mode, t));
      setOpen(false);
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  if (!open) {
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('kb.insertArticle')}
      </button>
    );
  }
  return (
    <div className="panel" role="dialog" aria-label={t('kb.insertArticle')}>
      <div className="row">
        <input type="search" className="grow" autoFocus aria-label={t('kb.search')} placeholder={t('kb.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.close')}
        </button>
      </div>
      <ul className="plain-list">
        {(results.data?.items ?? []).map((a) => (
          <li key={a.id} className="row">
            <span className="grow user-text">{preferredText(a.texts, ticket.locale ?? 'en')?.title}</span>
            {a.visibility === 'technicians' && <span className="badge warn">{t('kb.visibilities.technicians')}</span>}
            <button type="button" className="btn" onClick={() => void insert(a.id, 'text')}>
              {t('kb.insertText')}
            </button>
            <button type="button" className="btn" disabled={a.visibility !== 'everyone'} onClick={() => void insert(a.id, 'link')}>
              {t('kb.insertLink')}
            </button>
          </li>
        ))}
      </ul>
      {results.data?.items.length === 0 && <p className="muted">{t('kb.noMatch')}</p>}
      {error !== null && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
