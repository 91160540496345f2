import { articleTermWeights, editDistance, expandWithSynonyms, planQuery, scoreArticles, stem, termsOf } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

describe('knowledge-base search terms', () => {
  it('splits Chinese into overlapping pairs and keeps a two-character query whole', () => {
    expect(termsOf('打印机连不上')).toEqual(['打印', '印机', '机连', '连不', '不上']);
    expect(termsOf('打印')).toEqual(['打印']);
    expect(termsOf('网')).toEqual(['网']);
  });

  it('lower-cases, folds full-width letters, drops stop words and stems English', () => {
    expect(termsOf('The Printers are NOT connecting')).toEqual(['printer', 'connect']);
    expect(termsOf('Ｗｉｆｉ')).toEqual(['wifi']);
    expect(termsOf('在家连不上VPN')).toEqual(['在家', '家连', '连不', '不上', 'vpn']);
    expect([stem('queries'), stem('boxes'), stem('stopped'), stem('installed'), stem('status'), stem('windows10')]).toEqual(['query', 'box', 'stop', 'install', 'status', 'windows10']);
  });

  it('measures typos with transpositions counted once and gives up past the allowance', () => {
    expect(editDistance('printr', 'printer', 1)).toBe(1);
    expect(editDistance('mircophone', 'microphone', 2)).toBe(1);
    expect(editDistance('outlook', 'notebook', 2)).toBe(3);
  });

  it('expands a query with the synonym groups whose word or phrase it contains', () => {
    const groups = [['wifi', 'wireless network', '无线']];
    expect(expandWithSynonyms(termsOf('wifi down'), groups).map((t) => [t.term, t.factor, t.source])).toEqual([
      ['wifi', 1, 'wifi'],
      ['down', 1, 'down'],
      ['wireless', 0.8, 'wifi'],
      ['network', 0.8, 'wifi'],
      ['无线', 0.8, 'wifi'],
    ]);
    // "wireless" alone is not the phrase "wireless network".
    expect(expandWithSynonyms(termsOf('wireless'), groups).map((t) => t.term)).toEqual(['wireless']);
  });

  it('scores a title word above a body word and counts each typed word once', () => {
    const index = new Map<string, Map<string, number>>();
    const add = (id: string, title: string, body: string) => {
      for (const [term, w] of articleTermWeights({ texts: [{ title, body }], category: 'x', tags: [] })) {
        index.set(term, (index.get(term) ?? new Map()).set(id, w));
      }
    };
    add('title', 'Printer offline', 'Restart it.');
    add('body', 'Paper jam', 'Open the printer tray.');
    const known = new Map([...index].map(([t, m]) => [t, m.size]));
    const plan = planQuery('printr', [], known, 2, [...index.keys()]);
    expect(plan.map((p) => p.term)).toEqual(['printer']);
    const scores = scoreArticles(plan, (t) => index.get(t) ?? new Map());
    expect(scores.get('title')!).toBeGreaterThan(scores.get('body')!);
  });
});
