import { describe, expect, it } from 'vitest';
import { statedPeriod } from '../../src/answer/index.js';
import { ingestCorpus } from '../../src/ingest/index.js';
import { SEEDS } from '../helpers.js';

/*
 * Each seed document's own period, written from reading its text (title and the sentences
 * about the document itself). A year's 工作要点 is for its year. Every document not listed states
 * none. The 2022 工作要点 of 奉化 names plans "(2021-2025年)" in its table cells, which are not its own;
 * the 行政复议 方案 names only the
 * 《法治政府建设实施纲要(2015—2020年)》 it carries out.
 */
const OWN_PERIODS: Record<string, string> = {
  慈溪市优化产业政策促进产业转型发展的若干政策意见: '2017-12-31', // 54. 本政策意见…实施期限为2017年1月1日至12月31日
  '慈溪市妇女发展规划(2016—2020年)': '2020-12-31', // its title
  '慈溪市儿童发展规划(2016—2020年)': '2020-12-31', // its title
  '慈溪市水污染防治五年规划(2017—2021年)': '2021-12-31', // its title
  宁波市奉化区2022年推进高质量发展建设共同富裕特色区工作要点: '2022-12-31', // its title: a year's work plan
  '象山县高质量发展建设共同富裕样板县“十四五”时期行动方案': '2025-12-31', // its title, and "特制订“十四五”时期行动方案如下"
};

describe('a document’s own period (period.ts) over every seed', () => {
  const corpus = ingestCorpus(SEEDS);
  const periodOf = (docId: string, title: string) => statedPeriod([title, ...corpus.clauses.filter((c) => c.docId === docId).map((c) => c.text)]);

  it('finds exactly the periods the documents state for themselves', () => {
    const found = Object.fromEntries(corpus.documents.map((d) => [d.title, periodOf(d.id, d.title)?.end ?? null]));
    const expected = Object.fromEntries(corpus.documents.map((d) => [d.title, OWN_PERIODS[d.title] ?? null]));
    expect(Object.keys(OWN_PERIODS).every((t) => t in found), 'every listed title is a seed document').toBe(true);
    expect(found).toEqual(expected);
  });

  it('regression: 奉化 2022 工作要点 is for 2022, though its table names plans to 2025', () => {
    const fenghua = corpus.documents.find((d) => d.title.startsWith('宁波市奉化区2022年'))!;
    const texts = corpus.clauses.filter((c) => c.docId === fenghua.id).map((c) => c.text);
    expect(texts.some((t) => /2021-2025年|“十四五”规划/.test(t)), 'the table names other plans’ periods').toBe(true);
    expect(periodOf(fenghua.id, fenghua.title)?.end).toBe('2022-12-31');
  });
});

describe('whose period a span is', () => {
  const title = '示例县养老服务工作方案';
  it('a span inside 《…》 names another document', () => {
    expect(statedPeriod([title, '为贯彻《示例省养老服务发展规划(2016—2020年)》，制定本方案。'])).toBeNull();
    expect(statedPeriod([title, '落实《示例市养老服务“十三五”规划》要求，本方案如下。'])).toBeNull();
  });
  it('a named plan in the body, without 《》 and without speaking of this document, is not its own', () => {
    expect(statedPeriod([title, '开展上一轮三年(2020-2022年)行动计划评估。'])).toBeNull();
    expect(statedPeriod([title, '以示例区域“十四五”规划为蓝本，推动重点项目。'])).toBeNull();
  });
  it('a sentence about the document itself, or its title, states its own', () => {
    expect(statedPeriod([title, '本方案实施期限为2019年1月1日至2021年12月31日。'])?.end).toBe('2021-12-31');
    expect(statedPeriod([title, '本规划期限为2021—2025年，展望到2035年。'])?.end).toBe('2025-12-31');
    expect(statedPeriod([title, '结合实际，特制订“十四五”时期行动方案如下：'])?.end).toBe('2025-12-31');
    expect(statedPeriod(['示例县养老服务发展规划（2021—2025年）', '到2035年基本实现现代化。'])?.end).toBe('2025-12-31');
  });
  it('only the sentence that speaks of the document counts, not its neighbours', () => {
    expect(statedPeriod([title, '本方案自印发之日起施行。对照《示例纲要(2015—2020年)》推进。'])).toBeNull();
  });
});
