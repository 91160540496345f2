import { articleTermWeights, planQuery, scoreArticles, type DeviceArticle, type SynonymGroups } from '@deskside/shared';

/**
 * Searches the offline copy with the server's own terms, weights and scoring (shared/src/kb), so a
 * user without a connection gets the same articles first that the server would have suggested.
 */
export function searchOffline(articles: readonly DeviceArticle[], synonyms: SynonymGroups, query: string, limit: number): DeviceArticle[] {
  const index = new Map<string, Map<string, number>>();
  for (const a of articles) {
    for (const [term, weight] of articleTermWeights({ texts: [{ title: a.title, body: a.body }], category: a.category, tags: a.tags })) {
      let postings = index.get(term);
      if (postings === undefined) index.set(term, (postings = new Map()));
      postings.set(a.id, weight);
    }
  }
  const known = new Map([...index].map(([term, postings]) => [term, postings.size]));
  const plan = planQuery(query, synonyms, known, articles.length, [...index.keys()]);
  const scores = scoreArticles(plan, (term) => index.get(term) ?? new Map());
  const byId = new Map(articles.map((a) => [a.id, a]));
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .flatMap(([id]) => {
      const a = byId.get(id);
      return a === undefined ? [] : [a];
    });
}
