import type { ArticleLocale } from '@deskside/shared';

/** The version in the reader's language when there is one, else the other. */
export function preferredText<T extends { readonly locale: ArticleLocale }>(texts: readonly T[], language: string): T | undefined {
  const wanted: ArticleLocale = language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return texts.find((t) => t.locale === wanted) ?? texts[0];
}
