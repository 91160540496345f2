import MarkdownIt from 'markdown-it';

/**
 * Article bodies are Markdown written by technicians and read by every user, so they are rendered
 * with two locks: markdown-it with raw HTML off (a `<script>` in the text stays text) and only
 * http, https and mailto links; then the HTML is sanitised in the page with DOMPurify under
 * `ARTICLE_SANITIZE_CONFIG`, in case a renderer bug ever let markup through.
 */
const SAFE_LINK = /^(?:https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// Images would fetch from anywhere the author pointed (a tracking pixel in a help article): shown as their text.
markdown.disable('image');

export function renderArticleMarkdown(body: string): string {
  return markdown.render(body);
}

/** The sanitiser's allow-list for rendered articles (DOMPurify's Config shape, kept free of DOM types). */
export const ARTICLE_SANITIZE_CONFIG = {
  ALLOWED_TAGS: ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ALLOWED_ATTR: ['href', 'target', 'rel', 'start', 'align'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_DATA_ATTR: false,
} as const;

/** The little of DOMPurify's interface the link hook needs (shared/ has no DOM types). */
interface PurifierWithHooks {
  addHook(entry: 'afterSanitizeAttributes', hook: (node: { tagName?: string; setAttribute(name: string, value: string): void }) => void): void;
}

/**
 * Links in a sanitised article open a new browsing context without a handle back to this one. Set
 * after sanitising (the sanitiser would otherwise be the last word on these attributes).
 */
export function installArticleLinkHook(purifier: PurifierWithHooks): void {
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
}
