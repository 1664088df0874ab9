import { beforeAll, describe, expect, it } from 'vitest';
import { domainRatio, parseFrequencyList } from '../../src/answer/abstain-domain.js';
import { generalChinese } from '../../src/app/background.js';
import { collectionFrequency } from '../../src/index/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});

describe('corpus vs general Chinese', () => {
  it('parses "word count tag" lines, floors rare words, totals every count', () => {
    const bg = parseFrequencyList('户口 1072 n\n天气 2657 n\n罕见词 3 n\n坏行\n', 20);
    expect(bg.total).toBe(1072 + 2657 + 3);
    expect(bg.count('天气')).toBe(2657);
    expect(bg.count('罕见词')).toBe(20);
    expect(bg.count('从未见过')).toBe(20);
  });

  it('on the real seeds and jieba\'s dictionary: policy words are typical of the corpus, everyday words of general Chinese, unknown words neutral-low', () => {
    const ratio = domainRatio(
      { count: (t) => collectionFrequency(rt.index.keyword, t), total: rt.index.keyword.lengths.reduce((a, b) => a + b, 0) },
      generalChinese(),
    );
    for (const w of ['户口', '居住', '落户', '迁移']) expect(ratio(w), w).toBeGreaterThan(1);
    for (const w of ['天气', '股票', '好吃', '电影']) expect(ratio(w), w).toBeLessThan(0);
    // a word neither list has is not taken for a domain word
    expect(ratio('qzxv乱码')).toBeLessThan(0);
    expect(ratio('qzxv乱码')).toBeCloseTo(ratio('另一个乱码词'), 6);
  });
});
