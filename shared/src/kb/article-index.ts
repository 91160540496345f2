import { editDistance, expandWithSynonyms, termsOf, typoAllowance, type SynonymGroups, type WeightedTerm } from './search-terms.js';

/** What of an article is searched; every language version contributes to the one term list. */
export interface IndexableArticle {
  readonly texts: readonly { readonly title: string; readonly body: string }[];
  readonly category: string;
  readonly tags: readonly string[];
}

/** A word in a title says more about the article than the same word deep in its body. */
const FIELD_WEIGHT = { title: 3, tags: 2, category: 1.5, body: 1 } as const;
/** Repeats add a little, with a ceiling, so a long article cannot win on repetition alone. */
const REPEAT_BONUS = 0.1;
const REPEAT_CAP = 5;

/** term → weight for one article: the heaviest field the term appears in, plus a capped repeat bonus. */
export function articleTermWeights(article: IndexableArticle): Map<string, number> {
  const weights = new Map<string, number>();
  const counts = new Map<string, number>();
  const add = (text: string, field: keyof typeof FIELD_WEIGHT) => {
    for (const term of termsOf(text)) {
      weights.set(term, Math.max(weights.get(term) ?? 0, FIELD_WEIGHT[field]));
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  };
  for (const t of article.texts) {
    add(t.title, 'title');
    add(t.body, 'body');
  }
  add(article.category, 'category');
  for (const tag of article.tags) add(tag, 'tags');
  for (const [term, weight] of weights) {
    const repeats = Math.min(counts.get(term) ?? 1, REPEAT_CAP) - 1;
    weights.set(term, Math.round((weight + repeats * REPEAT_BONUS) * 100) / 100);
  }
  return weights;
}

/** Inverse document frequency, smoothed so a term in every article still counts a little. */
export function idf(documentFrequency: number, articleCount: number): number {
  return Math.log(1 + (articleCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** A term the query will look up, with its multiplier (idf × synonym/typo factor). */
export interface ScoredTerm extends WeightedTerm {
  readonly coefficient: number;
}

const TYPO_FACTOR = 0.7;

/**
 * The terms a query looks up: the typed ones, their synonyms, and for a typed word the index does not
 * know, the known words within its typo allowance. `known` says how many articles hold each term
 * (terms absent from it hold none); `vocabulary` lists candidate words for typo correction.
 */
export function planQuery(
  query: string,
  synonyms: SynonymGroups,
  known: ReadonlyMap<string, number>,
  articleCount: number,
  vocabulary: readonly string[],
): ScoredTerm[] {
  const typed = [...new Set(termsOf(query))];
  const planned = expandWithSynonyms(typed, synonyms);
  const corrections: WeightedTerm[] = [];
  for (const term of typed) {
    const allowance = typoAllowance(term);
    if ((known.get(term) ?? 0) > 0 || allowance === 0) continue;
    for (const word of vocabulary) {
      if (word !== term && editDistance(term, word, allowance) <= allowance) corrections.push({ term: word, factor: TYPO_FACTOR, source: term });
    }
  }
  const seen = new Set(planned.map((p) => p.term));
  const all = [...planned, ...corrections.filter((c) => !seen.has(c.term) && (seen.add(c.term), true))];
  return all
    .filter((t) => (known.get(t.term) ?? 0) > 0)
    .map((t) => ({ ...t, coefficient: idf(known.get(t.term) ?? 0, articleCount) * t.factor }));
}

/** Typed words the typo search should find neighbours for (the candidates' first letters, lengths). */
export function typoCandidatesWanted(query: string, known: ReadonlyMap<string, number>): { term: string; allowance: number }[] {
  return [...new Set(termsOf(query))]
    .filter((t) => (known.get(t) ?? 0) === 0)
    .map((term) => ({ term, allowance: typoAllowance(term) }))
    .filter((t) => t.allowance > 0);
}

/**
 * Scores articles from their term weights: for each typed term the best of its stand-ins counts once.
 * The server computes the same sum in SQL; the agent runs this over its offline copy.
 */
export function scoreArticles(plan: readonly ScoredTerm[], weightsOf: (term: string) => ReadonlyMap<string, number>): Map<string, number> {
  const best = new Map<string, Map<string, number>>();
  for (const t of plan) {
    for (const [articleId, weight] of weightsOf(t.term)) {
      const perSource = best.get(articleId) ?? new Map<string, number>();
      perSource.set(t.source, Math.max(perSource.get(t.source) ?? 0, weight * t.coefficient));
      best.set(articleId, perSource);
    }
  }
  const scores = new Map<string, number>();
  for (const [articleId, perSource] of best) scores.set(articleId, [...perSource.values()].reduce((a, b) => a + b, 0));
  return scores;
}
