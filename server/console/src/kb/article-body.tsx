import { ARTICLE_SANITIZE_CONFIG, installArticleLinkHook, renderArticleMarkdown } from '@deskside/shared/article-markdown';
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

installArticleLinkHook(DOMPurify as unknown as Parameters<typeof installArticleLinkHook>[0]);

/** Rendered Markdown of an article: raw HTML off in the renderer, then sanitised before it reaches the page. */
export function ArticleBody({ body, lang }: { readonly body: string; readonly lang?: string }) {
  const html = useMemo(
    () =>
      DOMPurify.sanitize(renderArticleMarkdown(body), {
        ...ARTICLE_SANITIZE_CONFIG,
        ALLOWED_TAGS: [...ARTICLE_SANITIZE_CONFIG.ALLOWED_TAGS],
        ALLOWED_ATTR: [...ARTICLE_SANITIZE_CONFIG.ALLOWED_ATTR],
      }),
    [body],
  );
  return <div className="article-body" lang={lang} data-testid="article-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
