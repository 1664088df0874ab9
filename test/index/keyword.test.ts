import { describe, expect, it } from 'vitest';
import { bm25, bm25Top, buildKeywordIndex, charBigrams, createIntlTokenizer, createJiebaTokenizer, documentFrequency, topK, updateKeywordIndex, type KeywordIndex } from '../../src/index/index.js';
import { loadKeywordIndex, storeKeywordIndex } from '../../src/index/keyword.js';
import { postingsOf } from './postings.js';

const docs = [
  '居住证持有人享有义务教育、基本公共就业服务等公共服务。',
  '老年父母投靠成年子女的，可以申请将户口迁至成年子女处。',
  '夫妻一方为市内户口的，其配偶可以将户口迁至合法稳定住所处。',
  '全市秸秸秆综合利用率达95%以上。',
];

describe.each([createIntlTokenizer(), createJiebaTokenizer()])('BM25 over $name', (tokenizer) => {
  const index = buildKeywordIndex(docs.map((d) => tokenizer.tokenize(d)));
  const rank = (q: string) => topK(bm25(index, tokenizer.tokenize(q)), 4).map((x) => x.doc);

  it('drops the colloquial frame of a question', () => {
    const terms = tokenizer.tokenize('请问我们能不能办居住证吗');
    expect(terms).not.toContain('请问');
    expect(terms).not.toContain('吗');
    expect(terms.join('')).toContain('居住');
  });

  it('ranks the clause that shares the rare terms first', () => {
    expect(rank('父母投靠子女')[0]).toBe(1);
    expect(rank('配偶 户口')[0]).toBe(2);
    expect(rank('居住证 公共服务')[0]).toBe(0);
    expect(rank('秸秆利用率')).toEqual([3]);
  });

  it('scores nothing for terms no clause has', () => {
    expect(rank('红烧肉')).toEqual([]);
  });
});

describe('topK', () => {
  const scores = new Map([[5, 1], [2, 3], [9, 3], [4, 0.5], [7, 2], [1, 2]]);
  const bySort = (k: number, keep: (d: number) => boolean = () => true) =>
    [...scores].filter(([d]) => keep(d)).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k).map(([doc]) => doc);

  it('keeps the k best, ties broken by the lower id, the same as a full sort', () => {
    for (let k = 0; k <= 7; k++) expect(topK(scores, k).map((x) => x.doc)).toEqual(bySort(k));
  });

  it('counts only the documents the filter keeps', () => {
    const odd = (d: number) => d % 2 === 1;
    expect(topK(scores, 3, odd).map((x) => x.doc)).toEqual(bySort(3, odd));
    expect(topK(scores, 3, odd).map((x) => x.doc)).toEqual([9, 1, 7]);
  });
});


describe('the bigram postings of a changing library', () => {
  const grams = docs.map((d) => charBigrams(d));
  const more = ['居住证有效期为一年，期满可以续签。', '老年父母投靠子女落户，需提供亲属关系证明。'].map((d) => charBigrams(d));

  it('an update (documents 1 and 3 out, two in) gives the postings a build over the result gives', () => {
    const base = buildKeywordIndex(grams);
    const updated = updateKeywordIndex(base, Int32Array.from([0, -1, 1, -1]), more);
    const rebuilt = buildKeywordIndex([grams[0]!, grams[2]!, ...more]);
    expect(postingsOf(updated)).toEqual(postingsOf(rebuilt));
    expect([...updated.lengths]).toEqual([...rebuilt.lengths]);
    expect(updated.avgLength).toBe(rebuilt.avgLength);
    // a gram only the removed documents had is gone, not left with an empty list
    expect(documentFrequency(base, '秸秆')).toBe(1);
    expect(documentFrequency(updated, '秸秆')).toBe(0);
    expect(updated.terms.has('秸秆')).toBe(false);
    expect(documentFrequency(updated, '投靠')).toBe(1);
  });

  it('survives being stored and read back, and refuses arrays that do not fit', () => {
    const index = buildKeywordIndex(grams);
    const stored = JSON.parse(JSON.stringify(storeKeywordIndex(index)));
    expect(postingsOf(loadKeywordIndex(stored))).toEqual(postingsOf(index));
    expect(() => loadKeywordIndex({ ...stored, size: stored.size + 1 })).toThrow('do not fit');
    expect(() => loadKeywordIndex({ ...stored, terms: stored.terms.slice(1) })).toThrow('do not fit');
  });

  it('scores as the textbook formula does, to the bit', () => {
    const all = [...grams, ...more];
    const index = buildKeywordIndex(all);
    const avg = all.reduce((n, d) => n + d.length, 0) / all.length;
    const terms = charBigrams('老年父母投靠子女 居住证');
    const weights = new Map([['子女', 0.8]]);
    const expected = new Map<number, number>();
    for (const t of new Set(terms)) {
      const df = all.filter((d) => d.includes(t)).length;
      const idf = Math.log(1 + (all.length - df + 0.5) / (df + 0.5));
      all.forEach((d, doc) => {
        const tf = d.filter((x) => x === t).length;
        if (!tf) return;
        const norm = tf + 1.2 * (1 - 0.75 + (0.75 * d.length) / avg);
        expected.set(doc, (expected.get(doc) ?? 0) + (weights.get(t) ?? 1) * idf * ((tf * 2.2) / norm));
      });
    }
    expect(new Map([...bm25(index, terms, undefined, weights)].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...expected].sort((a, b) => a[0] - b[0])));
  });

  it('bm25Top gives exactly what topK(bm25(…)) gives: same documents, same scores to the bit', () => {
    const index = buildKeywordIndex([...grams, ...more]);
    const weights = new Map([['户口', 1], ['居住', 0.3], ['子女', 0.8]]);
    for (const q of ['老人投靠子女落户', '居住证 公共服务', '秸秆利用', '户口迁移 居住证 子女 配偶']) {
      const terms = charBigrams(q);
      for (const k of [1, 2, 3, 10]) {
        expect(bm25Top(index, terms, k, undefined, weights)).toEqual(topK(bm25(index, terms, undefined, weights), k));
        expect(bm25Top(index, terms, k, (d) => d % 2 === 0)).toEqual(topK(bm25(index, terms), k, (d) => d % 2 === 0));
      }
    }
  });
});
