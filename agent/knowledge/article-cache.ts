import { join } from 'node:path';

import { ArticleLocaleSchema, DeviceArticleSchema, type ArticleLocale, type DeviceArticle, type SynonymGroups } from '@deskside/shared';
import { z } from 'zod';

import { InvalidFileError, readJsonFile, writeJsonFile } from '../support/json-file.js';

/**
 * The public articles kept in the agent's data folder so users can read (and search) them offline.
 * Bounded: the most recently changed articles are kept up to `ARTICLE_CACHE_BYTES` of JSON, so a huge
 * knowledge base never fills a workstation's disk.
 */
export const ARTICLE_CACHE_BYTES = 4 * 1024 * 1024;
/** A copy older than this is refreshed at the next check-in. */
export const ARTICLE_CACHE_MAX_AGE_MS = 6 * 3_600_000;

const CacheFileSchema = z.strictObject({
  v: z.literal(1),
  fetchedAt: z.iso.datetime({ offset: true }),
  locale: ArticleLocaleSchema,
  articles: z.array(DeviceArticleSchema),
  synonyms: z.array(z.array(z.string())),
});
export type ArticleCacheFile = z.infer<typeof CacheFileSchema>;

/** The newest articles that fit the byte budget (each article's JSON counted as stored). */
export function boundedArticles(articles: readonly DeviceArticle[], budget = ARTICLE_CACHE_BYTES): DeviceArticle[] {
  const kept: DeviceArticle[] = [];
  let used = 0;
  for (const a of [...articles].sort((x, y) => y.updatedAt.localeCompare(x.updatedAt))) {
    const size = Buffer.byteLength(JSON.stringify(a));
    if (used + size > budget) continue;
    kept.push(a);
    used += size;
  }
  return kept;
}

export class ArticleCache {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'articles.json');
  }

  /** The stored copy; null when there is none, or it is unreadable (it is only a copy: fetched again). */
  async read(): Promise<ArticleCacheFile | null> {
    try {
      return await readJsonFile(this.path, CacheFileSchema);
    } catch (e) {
      if (e instanceof InvalidFileError) return null;
      throw e;
    }
  }

  async write(locale: ArticleLocale, articles: readonly DeviceArticle[], synonyms: SynonymGroups, at: Date): Promise<ArticleCacheFile> {
    const file: ArticleCacheFile = { v: 1, fetchedAt: at.toISOString(), locale, articles: boundedArticles(articles), synonyms: synonyms.map((g) => [...g]) };
    await writeJsonFile(this.path, file);
    return file;
  }

  static isStale(file: ArticleCacheFile | null, locale: ArticleLocale, now: Date): boolean {
    return file === null || file.locale !== locale || now.getTime() - Date.parse(file.fetchedAt) > ARTICLE_CACHE_MAX_AGE_MS;
  }
}
