import type { ArticleLocale } from '@deskside/shared';

import type { ArticleQueryOptions, ArticleResult } from '../agent-types.js';
import type { Logger } from '../host.js';
import type { DeviceApi } from '../transport/device-api.js';
import { ArticleCache, type ArticleCacheFile } from './article-cache.js';
import { searchOffline } from './offline-search.js';

export interface ArticlesServiceDeps {
  readonly dataDir: string;
  /** Runs a call with the device's credential (re-enrolling or recovering as the agent does). */
  readonly withApi: <T>(fn: (api: DeviceApi) => Promise<T>) => Promise<T>;
  readonly now: () => Date;
  readonly logger: Logger;
}

const ALL_ARTICLES = 500;
const DEFAULT_LIMIT = 10;

/**
 * Help articles for users: searched on the server while it answers, in the offline copy when it does
 * not; the copy is refreshed when stale (at check-in, or when the Help page is opened).
 */
export class ArticlesService {
  readonly #cache: ArticleCache;

  constructor(private readonly d: ArticlesServiceDeps) {
    this.#cache = new ArticleCache(d.dataDir);
  }

  async find(options: ArticleQueryOptions = {}): Promise<ArticleResult> {
    const query = options.query?.trim() ?? '';
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (query !== '') {
      try {
        const locale = options.locale ?? (await this.#cache.read())?.locale ?? 'en';
        const list = await this.d.withApi((api) => api.listArticles({ q: query, locale, limit, record: options.record ?? true }));
        return { articles: list.articles, source: 'server', fetchedAt: this.d.now().toISOString(), error: null };
      } catch (e) {
        const file = await this.#cache.read();
        return { articles: file === null ? [] : searchOffline(file.articles, file.synonyms, query, limit), source: 'offline', fetchedAt: file?.fetchedAt ?? null, error: (e as Error).message };
      }
    }
    let file = await this.#cache.read();
    let error: string | null = null;
    const locale = options.locale ?? file?.locale ?? 'en';
    if (options.refresh === true || ArticleCache.isStale(file, locale, this.d.now())) {
      try {
        file = await this.refresh(locale);
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return { articles: file?.articles ?? [], source: 'offline', fetchedAt: file?.fetchedAt ?? null, error };
  }

  async refresh(locale: ArticleLocale): Promise<ArticleCacheFile> {
    const list = await this.d.withApi((api) => api.listArticles({ locale, limit: ALL_ARTICLES }));
    return this.#cache.write(locale, list.articles, list.synonyms, this.d.now());
  }

  /** At check-in: a stale copy is fetched again in the language it was kept in; failures wait for the next one. */
  async refreshIfStale(): Promise<void> {
    const file = await this.#cache.read();
    const locale = file?.locale ?? 'en';
    if (!ArticleCache.isStale(file, locale, this.d.now())) return;
    try {
      await this.refresh(locale);
    } catch (e) {
      this.d.logger.warn('help articles not refreshed', { error: (e as Error).message });
    }
  }
}
