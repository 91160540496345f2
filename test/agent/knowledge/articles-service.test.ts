import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import type { DeviceArticle, DeviceArticleList } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { boundedArticles } from '../../../agent/knowledge/article-cache.js';
import { ArticlesService } from '../../../agent/knowledge/articles-service.js';
import { searchOffline } from '../../../agent/knowledge/offline-search.js';
import { silentLogger } from '../../../agent/support/logger.js';
import type { DeviceApi } from '../../../agent/transport/device-api.js';
import { withTempDir } from '../helpers/temp-dir.js';

const article = (title: string, body: string, updatedAt = '2026-11-01T00:00:00.000Z'): DeviceArticle => ({
  id: randomUUID(),
  locale: 'en',
  title,
  body,
  category: 'General',
  tags: [],
  updatedAt,
});

describe('help articles in the agent', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let now: Date;
  let online: boolean;
  let calls: { q?: string; locale?: string; record?: boolean }[];
  let served: DeviceArticleList;
  let service: ArticlesService;

  beforeEach(async () => {
    tmp = await withTempDir();
    now = new Date('2026-11-29T08:00:00.000Z');
    online = true;
    calls = [];
    served = { articles: [article('Printer offline', 'Restart the printer.'), article('Wireless network', 'Join CORP again.')], query: null, synonyms: [['wifi', 'wireless']] };
    const api = {
      listArticles: async (q: { q?: string; locale?: string; record?: boolean }) => {
        calls.push(q);
        if (!online) throw new Error('the server cannot be reached');
        return q.q === undefined ? served : { articles: served.articles.slice(0, 1), query: q.q, synonyms: [] };
      },
    } as unknown as DeviceApi;
    service = new ArticlesService({ dataDir: tmp.dir, withApi: (fn) => fn(api), now: () => now, logger: silentLogger });
  });
  afterEach(async () => {
    await tmp.cleanup();
  });

  it('searches on the server while it answers, and in the offline copy (with its synonyms) when it does not', async () => {
    const first = await service.find({ query: 'printer', locale: 'en', record: false });
    expect(first).toMatchObject({ source: 'server', error: null });
    expect(calls[0]).toEqual({ q: 'printer', locale: 'en', limit: 10, record: false });
    await service.find({});
    online = false;
    const offline = await service.find({ query: 'wifi' });
    expect(offline.source).toBe('offline');
    expect(offline.error).toBe('the server cannot be reached');
    expect(offline.articles.map((a) => a.title)).toEqual(['Wireless network']);
    const typo = await service.find({ query: 'printr' });
    expect(typo.articles.map((a) => a.title)).toEqual(['Printer offline']);
  });

  it('keeps the copy in the data folder and fetches it again only when stale or asked', async () => {
    await service.find({ locale: 'zh-CN' });
    const file = JSON.parse(await readFile(`${tmp.dir}/articles.json`, 'utf8')) as { locale: string; articles: unknown[] };
    expect(file.locale).toBe('zh-CN');
    expect(file.articles).toHaveLength(2);
    await service.find({});
    expect(calls).toHaveLength(1);
    await service.refreshIfStale();
    expect(calls).toHaveLength(1);
    now = new Date(now.getTime() + 7 * 3_600_000);
    await service.refreshIfStale();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ locale: 'zh-CN' });
    // Offline: the copy as it was, with the reason.
    online = false;
    const kept = await service.find({ refresh: true });
    expect(kept.articles).toHaveLength(2);
    expect(kept.error).toBe('the server cannot be reached');
  });

  it('bounds the copy to the newest articles that fit', () => {
    const big = 'x'.repeat(1000);
    const articles = [article('old', big, '2026-01-01T00:00:00.000Z'), article('new', big, '2026-11-01T00:00:00.000Z'), article('mid', big, '2026-06-01T00:00:00.000Z')];
    expect(boundedArticles(articles, 2500).map((a) => a.title)).toEqual(['new', 'mid']);
  });

  it('ranks offline as the server does: title words before body words', () => {
    const articles = [article('Paper jam', 'The printer shows paper jam.'), article('Printer offline', 'Restart it.')];
    expect(searchOffline(articles, [], 'printer', 5).map((a) => a.title)).toEqual(['Printer offline', 'Paper jam']);
    expect(searchOffline(articles, [], 'quantum', 5)).toEqual([]);
  });
});
