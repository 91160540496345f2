import { ARTICLE_SANITIZE_CONFIG, installArticleLinkHook, renderArticleMarkdown } from '@deskside/shared/article-markdown';
import DOMPurify from 'dompurify';
import { useMemo, type MouseEvent } from 'react';

import { request } from '../bridge';

installArticleLinkHook(DOMPurify as unknown as Parameters<typeof installArticleLinkHook>[0]);

/**
 * A click on a link in an article: the tray never navigates (its window stays on our page), so the
 * link is handed to the main process, which opens http, https and mailto links in the user's browser
 * or mail client and refuses anything else.
 */
function openLinkOutside(event: MouseEvent<HTMLDivElement>): void {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (link === null || !event.currentTarget.contains(link)) return;
  event.preventDefault();
  const href = link.getAttribute('href');
  if (href === null || href === '') return;
  void request('links:open-external', href).catch(() => {
    // Refused (not a web or mail link) or the OS had nothing to open it with: the main process logged why.
  });
}

/** An IT help article: Markdown rendered with raw HTML off, then sanitised before it reaches the page. */
export function ArticleBody({ body, lang }: { readonly body: string; readonly lang: string }) {
  const html = useMemo(
    () =>
      DOMPurify.sanitize(renderArticleMarkdown(body), {
        ...ARTICLE_SANITIZE_CONFIG,
        ALLOWED_TAGS: [...ARTICLE_SANITIZE_CONFIG.ALLOWED_TAGS],
        ALLOWED_ATTR: [...ARTICLE_SANITIZE_CONFIG.ALLOWED_ATTR],
      }),
    [body],
  );
  return <div className="article-body" lang={lang} data-testid="article-body" onClick={openLinkOutside} dangerouslySetInnerHTML={{ __html: html }} />;
}
