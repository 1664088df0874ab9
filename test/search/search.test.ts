import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuery, createSearcher, normalisedScoreFusion, officialTermsFor, reciprocalRankFusion } from '../../src/search/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});
const top = async (question: string, context?: string[], n = 3) =>
  (await rt.searcher.search({ question, context, top: n })).hits.map((h) => `${h.document.title}${h.clause.articleNo ?? ''}`);

describe('query analysis', () => {
  it('recognises what is asked, the region, the years and follow-ups', () => {
    expect(analyzeQuery('老人投靠子女落户要带什么材料').kind).toBe('materials');
    expect(analyzeQuery('托育服务是哪个部门负责').kind).toBe('responsible');
    expect(analyzeQuery('奉化2022年新增托位多少个', ['慈溪', '奉化'])).toMatchObject({ kind: 'number', regions: ['奉化'], years: [2022] });
    expect(analyzeQuery('那需要什么材料?').isFollowUp).toBe(true);
    expect(analyzeQuery('慈溪市户口迁移政策实施细则从哪天开始施行').isFollowUp).toBe(false);
  });
});

describe('the places a question names', () => {
  it('are the places it is given, none known to the code by itself', () => {
    expect(analyzeQuery('奉化2022年新增托位多少个').regions).toEqual([]);
    expect(analyzeQuery('慈溪和象山的低保标准一样吗', ['慈溪', '象山', '奉化']).regions).toEqual(['慈溪', '象山']);
    // a place inside a longer named one is not named a second time
    expect(analyzeQuery('杭州湾新区落户', ['杭州湾', '杭州湾新区']).regions).toEqual(['杭州湾新区']);
  });

  it('come from the configured places and the documents\' own regions', async () => {
    const question = '宁海的居住证怎么办';
    expect((await rt.searcher.search({ question, top: 1 })).query.regions).toEqual([]);
    const withNinghai = createSearcher({ index: rt.index, embedder: rt.embedder, tokenizer: rt.tokenizer, places: [...rt.config.places, '宁海'] });
    expect((await withNinghai.search({ question, top: 1 })).query.regions).toEqual(['宁海']);
    // no configured place and no document says 杭州湾新区: it is no region of this corpus
    expect((await rt.searcher.search({ question: '杭州湾新区落户要什么条件', top: 1 })).query.regions).toEqual([]);
    // a document's region counts even when the configuration leaves it out
    const noPlaces = createSearcher({ index: rt.index, embedder: rt.embedder, tokenizer: rt.tokenizer, places: [] });
    expect((await noPlaces.search({ question: '象山的低保标准是多少', top: 1 })).query.regions).toEqual(['象山']);
  });
});

describe('everyday words to the documents\' words', () => {
  it('adds the official terms for colloquial ones, not those the question already has', () => {
    expect(officialTermsFor('我老婆的户口本丢了')).toEqual(expect.arrayContaining(['配偶', '户口簿']));
    expect(officialTermsFor('配偶的户口簿')).toEqual([]);
    expect(officialTermsFor('婴儿死亡率目标')).toEqual([]);
  });
});

describe('reciprocal rank fusion', () => {
  it('rewards agreement between lists and respects weights', () => {
    const fused = reciprocalRankFusion(
      [
        { name: 'dense', weight: 1, items: [{ id: 1, score: 0.9 }, { id: 2, score: 0.8 }, { id: 3, score: 0.7 }] },
        { name: 'keyword', weight: 1, items: [{ id: 2, score: 12 }, { id: 4, score: 9 }] },
      ],
      30,
    );
    // 2: 1/32 + 1/31; 1: 1/31; 4: 1/32; 3: 1/33
    expect(fused.map((f) => f.id)).toEqual([2, 1, 4, 3]);
    expect(fused[0]!.ranks).toEqual({ dense: 1, keyword: 0 });
    const keywordHeavy = reciprocalRankFusion([{ name: 'dense', weight: 1, items: [{ id: 1, score: 1 }] }, { name: 'keyword', weight: 2, items: [{ id: 4, score: 1 }] }], 30);
    expect(keywordHeavy.map((f) => f.id)).toEqual([4, 1]);
  });
});

describe('normalised score fusion', () => {
  it('keeps how close the scores are, where ranks would not', () => {
    const dense = { name: 'dense', weight: 1, items: [{ id: 1, score: 0.75 }, { id: 2, score: 0.74 }, { id: 3, score: 0.5 }] };
    const keyword = { name: 'keyword', weight: 1, items: [{ id: 3, score: 20 }, { id: 4, score: 19 }, { id: 2, score: 15 }, { id: 5, score: 10 }] };
    const fused = normalisedScoreFusion([dense, keyword]);
    // 2: 0.96 + 0.5; 1: 1 + 0; 3: 0 + 1; 4: 0.9; 5: 0
    expect(fused.map((f) => f.id)).toEqual([2, 1, 3, 4, 5]);
    // ranks alone put 3 (third and first) ahead of 2 (a close second and third)
    expect(reciprocalRankFusion([dense, keyword], 30)[0]!.id).toBe(3);
    expect(fused[0]!.score).toBeCloseTo(0.74 / 0.25 - 0.5 / 0.25 + 0.5, 6);
    expect(fused.find((f) => f.id === 5)!.score).toBe(0);
    const keywordHeavy = normalisedScoreFusion([dense, { ...keyword, weight: 3 }]);
    expect(keywordHeavy[0]!.id).toBe(3);
  });

  it('gives a single-item list its full weight instead of dividing by zero', () => {
    expect(normalisedScoreFusion([{ name: 'k', weight: 0.7, items: [{ id: 9, score: 4 }] }])[0]!.score).toBe(0.7);
    const level = normalisedScoreFusion([{ name: 'k', weight: 1, items: [{ id: 1, score: 2 }, { id: 2, score: 2 }] }]);
    expect(level.map((f) => f.score)).toEqual([1, 1]);
  });
});

describe('hybrid search on the real corpus', () => {
  it('finds the article a colloquial question is about', async () => {
    // colloquial and indirect: the elderly-parents article is among the first three, not always first
    expect(await top('我爸62了老家农村户口，能把他户口迁到我这吗')).toContain('慈溪市户口迁移政策实施细则第八条');
    expect(await top('老婆是外地户口，结婚了能迁到我家来吗')).toContain('慈溪市户口迁移政策实施细则第六条');
    // a precise question from staff gets the article first
    expect((await top('夫妻投靠落户需要提供哪些证明材料'))[0]).toBe('慈溪市户口迁移政策实施细则第六条');
    expect((await top('老年父母投靠成年子女落户的年龄条件'))[0]).toBe('慈溪市户口迁移政策实施细则第八条');
  });

  it('reaches a clause written in official words from everyday ones', async () => {
    const question = '老婆户口本丢了怎么迁';
    expect((await top(question))[0]).toBe('慈溪市户口迁移政策实施细则第六条');
    const literal = createSearcher({ index: rt.index, embedder: rt.embedder, tokenizer: rt.tokenizer, params: { officialTermWeight: 0 } });
    const withoutThesaurus = (await literal.search({ question, top: 3 })).hits.map((h) => h.clause.articleNo);
    expect(withoutThesaurus[0]).not.toBe('第六条'); // the everyday words alone leave it lower
  });

  it('answers a follow-up in the light of the earlier question', async () => {
    const alone = await top('那办下来有啥用？', undefined, 5);
    const inContext = await top('那办下来有啥用？', ['居住证咋办，要啥条件'], 3);
    expect(inContext[0]).toBe('慈溪市人民政府办公室关于推行新型居住证制度的通知');
    expect(alone).not.toEqual(inContext.slice(0, alone.length));
  });

  it('prefers the region the question names, and filters by region or document', async () => {
    const hits = (await rt.searcher.search({ question: '奉化 新增托位 目标', top: 3 })).hits;
    expect(hits.every((h) => h.document.region === '奉化')).toBe(true);
    const xs = (await rt.searcher.search({ question: '城乡居民收入倍差', filter: { region: '象山' }, top: 5 })).hits;
    expect(xs.length).toBe(5);
    expect(new Set(xs.map((h) => h.document.region))).toEqual(new Set(['象山']));
    const doc = [...rt.index.documents.values()].find((d) => d.title === '健康慈溪2030行动纲要')!;
    const inDoc = (await rt.searcher.search({ question: '婴儿死亡率', filter: { docId: doc.id }, top: 3 })).hits;
    expect(inDoc.every((h) => h.clause.docId === doc.id)).toBe(true);
    expect(inDoc[0]!.clause.text).toContain('婴儿死亡率');
  });

  it('returns clauses with their citation metadata and scores, best first', async () => {
    const { hits } = await rt.searcher.search({ question: '居住证 条件', top: 5 });
    expect(hits).toHaveLength(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(hits[0]!.document).toMatchObject({ docNumber: '慈政办发〔2018〕18号', date: '2018-02-07', region: '慈溪' });
    expect(hits[0]!.similarity).toBeGreaterThan(0.5);
  });
});
