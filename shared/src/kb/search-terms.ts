/**
 * How knowledge-base text becomes search terms, the same on the server (indexing and queries, on SQLite
 * and PostgreSQL alike) and in the agent (searching its offline copy). One term list for both engines
 * means one ranking: a query finds the same articles whichever database the server runs on.
 *
 * Latin text: lower-cased words with a light English stem (plurals, -ing, -ed), stop words dropped.
 * Chinese (and other CJK) text: overlapping character pairs (bigrams). Chinese has no spaces, so a pair
 * is the shortest unit that still means something: 打印机连不上 → 打印 印机 机连 连不 不上, and a two-
 * character query such as 打印 is exactly one term (a trigram index could not serve it).
 */

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'do', 'does', 'for', 'from', 'has', 'have', 'how', 'i',
  'if', 'in', 'into', 'is', 'it', 'its', 'my', 'no', 'not', 'of', 'on', 'or', 'so', 'that', 'the', 'their', 'then', 'there',
  'this', 'to', 'was', 'what', 'when', 'where', 'which', 'why', 'will', 'with', 'you', 'your', 'me', 'we', 'our',
]);

/** Han, kana, Hangul, CJK punctuation-free ranges: text written without spaces between words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

/** The longest term kept: longer "words" are hashes, paths or base64 that nobody types. */
const MAX_TERM = 40;

/** Plural and verb endings folded so "printers" finds "printer" and "connecting" finds "connect". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  if (word.endsWith('ing') && word.length >= 6) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length >= 5) return undouble(word.slice(0, -2));
  return word;
}

/** "stopped" → "stopp" → "stop"; "installed" keeps its "ll" (real words double l and s). */
function undouble(base: string): string {
  const last = base[base.length - 1];
  if (base.length >= 4 && last === base[base.length - 2] && last !== 'l' && last !== 's') return base.slice(0, -1);
  return base;
}

/** Lower-cased, width-folded text (full-width Ｗｉｆｉ is wifi). */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The terms of a text, in order and with repeats (the caller counts them). */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const match of normalise(text).matchAll(RUNS)) {
    const run = match[0];
    if (CJK.test(run[0] ?? '')) {
      const chars = [...run];
      if (chars.length === 1) terms.push(run);
      for (let i = 0; i + 1 < chars.length; i++) terms.push(`${chars[i]}${chars[i + 1]}`);
      continue;
    }
    if (run.length > MAX_TERM || STOP_WORDS.has(run)) continue;
    terms.push(stem(run));
  }
  return terms;
}

/** Distinct terms, first occurrence first. */
export function distinctTerms(text: string): string[] {
  return [...new Set(termsOf(text))];
}

export function isLatinTerm(term: string): boolean {
  return !CJK.test(term);
}

/**
 * Damerau–Levenshtein distance (adjacent transpositions count once), giving up past `max`: a typo is
 * one or two slips of the finger, never a different word.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How many slips a word of this length may carry and still be recognised. */
export function typoAllowance(term: string): number {
  if (!isLatinTerm(term) || term.length < 4 || /\d/.test(term)) return 0;
  return term.length >= 8 ? 2 : 1;
}

/** One query term and how much a match on it is worth relative to the words the user typed. */
export interface WeightedTerm {
  readonly term: string;
  /** 1 for a typed term, less for a synonym or a typo's correction. */
  readonly factor: number;
  /** The typed term it stands for: an article scores once per typed term, however many stand-ins match. */
  readonly source: string;
}

/** Synonym groups as technicians define them: each entry a word or phrase ("wifi", "wireless", "无线"). */
export type SynonymGroups = readonly (readonly string[])[];

const SYNONYM_FACTOR = 0.8;

/**
 * The typed terms plus, for every synonym group whose phrase the query contains, the terms of the
 * group's other phrases. A phrase is contained when all its terms are among the query's terms.
 */
export function expandWithSynonyms(queryTerms: readonly string[], groups: SynonymGroups): WeightedTerm[] {
  const typed = new Set(queryTerms);
  const out = new Map<string, WeightedTerm>();
  for (const term of typed) out.set(term, { term, factor: 1, source: term });
  for (const group of groups) {
    const phrases = group.map((p) => distinctTerms(p)).filter((t) => t.length > 0);
    const hit = phrases.find((terms) => terms.every((t) => typed.has(t)));
    if (hit === undefined) continue;
    const source = hit[0]!;
    for (const terms of phrases) {
      if (terms === hit) continue;
      for (const term of terms) if (!out.has(term)) out.set(term, { term, factor: SYNONYM_FACTOR, source });
    }
  }
  return [...out.values()];
}
