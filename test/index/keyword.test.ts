import { describe, expect, it } from 'vitest';
import { bm25, buildKeywordIndex, createIntlTokenizer, createJiebaTokenizer, topK } from '../../src/index/index.js';

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
