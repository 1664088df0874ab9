import { describe, expect, it } from 'vitest';
import { carryTopic, continuesExplicitly, isNewTopic, leansOnContext } from '../../src/answer/follow-up.js';
import type { SearchHit } from '../../src/search/index.js';

const hit = (id: string, path: string[], score: number): SearchHit =>
  ({ clause: { id, docId: 'hukou', headingPath: path, text: id }, score, similarity: 0.6, bestWindow: { from: 0, to: 1 }, termCoverage: 0 }) as unknown as SearchHit;

describe('follow-up cues', () => {
  it('a connective opening, a trailing 呢 or an anaphor says the question continues; shortness alone does not', () => {
    expect(continuesExplicitly('那要带什么材料')).toBe(true);
    expect(continuesExplicitly('我爸妈呢？')).toBe(true);
    expect(continuesExplicitly('有了它孩子能上学吗')).toBe(true);
    expect(continuesExplicitly('明天天气怎么样')).toBe(false);
    expect(continuesExplicitly('外地人办居住证要什么条件')).toBe(false);
    expect(leansOnContext('有了它孩子能上学吗', false)).toBe(true);
    expect(leansOnContext('外地人办居住证要什么条件', false)).toBe(false);
  });

  it('nearer an everyday topic than any clause is a new topic; without anchors nothing is', () => {
    expect(isNewTopic(0.4, 0.6)).toBe(true);
    expect(isNewTopic(0.7, 0.5)).toBe(false);
    expect(isNewTopic(0.4, undefined)).toBe(false);
  });
});

describe('carryTopic', () => {
  const chapter = ['户口迁移办法', '第三章 亲属投靠落户'];
  const hits = [hit('policy-15', ['户口迁移办法', '第五章 政策性落户'], 1.0), hit('talent-10', ['户口迁移办法', '第四章 人才引进落户'], 0.95), hit('parents-8', chapter, 0.9), hit('spouse-6', chapter, 0.8)];

  it('lifts the earlier answer\'s clause and its siblings under the same heading, and keeps the rest in order', () => {
    const out = carryTopic(hits, [hits[3]!], { same: 1.3, sibling: 1.1 });
    expect(out.map((h) => h.clause.id)).toEqual(['spouse-6', 'policy-15', 'parents-8', 'talent-10']);
  });

  it('no topic: the ranking is unchanged', () => {
    expect(carryTopic(hits, [], { same: 1.3, sibling: 1.1 })).toBe(hits);
  });
});
