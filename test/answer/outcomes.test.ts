import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, endedPeriod, otherPlaceIn, PLAIN, renderAnswer, statedPeriod, type Answer } from '../../src/answer/index.js';
import { answererDeps, type Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});
const ask = (question: string, context?: string[]) => rt.answerer.answer({ question, context });
const reply = (a: Answer) => renderAnswer(a, rt.prompts, PLAIN, rt.corpus);

// questions written for these tests, not taken from the dev set
describe('abstention: three honest outcomes', () => {
  it.each(['推荐一家好吃的海鲜大排档', '孩子发烧39度要不要去医院挂急诊', '晚饭吃火锅还是烧烤好', '羊毛衫缩水了还能恢复吗'])('out of scope: %s → not answered', async (q) => {
    const a = await ask(q);
    expect(a.status).toBe('not-found');
    expect(reply(a)).not.toContain('政策原文是这样规定的');
  });

  // in the corpus's vocabulary (农村, 老人, 孩子, 学校, 宁波, 房) and still no policy question
  it.each(['农村老人腿脚不好平时吃什么补钙', '孩子在学校被同学欺负了怎么办', '宁波的房价明年会跌吗'])('in-vocabulary off-topic: %s → not found, no quote', async (q) => {
    const a = await ask(q);
    expect(a.status).toBe('not-found');
    expect(reply(a)).not.toContain('政策原文是这样规定的');
  });

  it('an everyday question gets "not found", not the nearest clauses as related reading', async () => {
    const a = await ask('晚饭吃火锅还是烧烤好');
    expect(a.status === 'not-found' && a.reason).toBe('not-covered');
  });

  // known gap (README): a covered place name or a very short question still carries these past the model (the two
  // weather questions since the merged ranking's refit: nearer an everyday anchor by too little); it.fails flags the day they stop failing
  it.fails.each(['股票会涨吗', '慈溪哪家医院看牙比较好', '奉化水蜜桃什么时候成熟', '今天宁波气温多少度，要穿羽绒服吗', '明天慈溪天气怎么样'])('out of scope, known gap: %s → not answered', async (q) => {
    expect((await ask(q)).status).toBe('not-found');
  });

  it('a colloquial question for an amount is answered when the top clause states it, and the figure is quoted', async () => {
    for (const q of ['象山低保一个月多少钱', '象山低保一年能拿多少钱']) {
      const a = await ask(q);
      expect(a.status, q).toBe('answered');
      if (a.status !== 'answered') continue;
      expect(a.hits[0]!.clause.text).toMatch(/象山.*低保.*\d+元/);
      expect(a.excerpts[0]!.quote).toMatch(/\d+元/);
    }
  });

  it.each(['n~!Rb1ch;W(^Oig', "1' OR '1'='1", 'zxcv qwop 12!!', '\ufffd\ufffdA\u00e9\u00ff\ufffd', '龘靐齉爩鱻'])('noise: %s → "not found", no quote', async (q) => {
    const a = await ask(q);
    expect(a.status).toBe('not-found');
    expect(a.status === 'not-found' && a.reason).not.toBe('no-direct-rule');
  });

  it('another city: says the place is not covered before anything else', async () => {
    const a = await ask('广州的积分入户要多少分才够');
    expect(a.status === 'not-found' && a.reason).toBe('other-place');
    expect(reply(a).startsWith('这个问题问的是广州')).toBe(true);
    expect(reply(a)).toContain('慈溪、象山、奉化');
  });

  it('another city in a follow-up is said first too; a question that also names a covered place is answered', async () => {
    const a = await ask('那杭州呢', ['大学毕业生来慈溪落户要什么条件']);
    expect(a.status === 'not-found' && a.reason).toBe('other-place');
    expect(reply(a).startsWith('这个问题问的是杭州')).toBe(true);
    expect((await ask('我在杭州工作，户口能迁到慈溪吗')).status).toBe('answered');
  });

  it('a place is "other" only when the configuration does not cover it', () => {
    expect(otherPlaceIn('杭州落户要什么条件', ['慈溪', '象山', '奉化'])).toBe('杭州');
    expect(otherPlaceIn('我是安徽人，在慈溪上班能落户吗', ['慈溪', '象山', '奉化'])).toBeNull();
    expect(otherPlaceIn('宁波户口迁移要什么材料', ['慈溪', '象山', '奉化'])).toBeNull(); // contains the covered places
    expect(otherPlaceIn('杭州落户要什么条件', ['杭州'])).toBeNull();
    expect(otherPlaceIn('老家户口在江西，想迁过来', ['慈溪'])).toBeNull();
  });

  it('an answerable question written for the test is answered, with numbered excerpts', async () => {
    const a = await ask('老婆想把户口迁到我这边，我是慈溪城区户口，有自己的房子');
    expect(a.status).toBe('answered');
    expect(reply(a)).toMatch(/^关于「.+」，政策原文是这样规定的：\n1\. 「/);
  });
});

describe('replies', () => {
  it('a long question is not echoed in full', async () => {
    const q = '我和老公都在慈溪的工厂上班好几年了，社保一直在交，孩子今年六岁，户口还在老家，想让他在这边读小学，需要什么条件';
    const text = reply(await ask(q));
    expect(text).not.toContain(q);
  });
});

describe('follow-ups', () => {
  it('"那要带什么材料" keeps the earlier topic (the spouse article first)', async () => {
    const a = await ask('那要带什么材料', ['我老婆户口在外地，想迁到慈溪我这里，可以吗']);
    expect(a.status).toBe('answered');
    expect(a.hits[0]!.clause.text).toMatch(/配偶|夫妻/);
  });

  it('a new self-contained question does not borrow the earlier one', async () => {
    const a = await ask('周末去哪里钓鱼比较好', ['慈溪2018年地区生产总值增长目标是多少']);
    expect(a.status).toBe('not-found');
  });

  it('a short everyday question after an economy one is judged on its own: no economy clause', async () => {
    const economy = await ask('慈溪2018年地区生产总值增长目标是多少');
    expect(economy.status).toBe('answered');
    const a = await ask('明天天气怎么样', ['慈溪2018年地区生产总值增长目标是多少']);
    expect(a.status).toBe('not-found');
    expect(a.hits.slice(0, 3).map((h) => h.clause.id)).not.toContain(economy.hits[0]!.clause.id);
  });

  it('"我爸妈呢" after a spouse question carries the topic: the parents article of the same chapter ranks in the top three', async () => {
    const spouse = await ask('我老婆户口在外地，想迁到慈溪我这里，可以吗');
    expect(spouse.hits[0]!.clause.text).toMatch(/配偶|夫妻/);
    const a = await ask('我爸妈呢', ['我老婆户口在外地，想迁到慈溪我这里，可以吗']);
    const top3 = a.hits.slice(0, 3).map((h) => h.clause);
    expect(top3.some((c) => /父母|老年/.test(c.text) && c.headingPath.join('/') === spouse.hits[0]!.clause.headingPath.join('/'))).toBe(true);
  });

  it('a self-contained new policy question after another is answered from its own topic', async () => {
    const a = await ask('外地人办居住证要什么条件', ['我老婆户口在外地，想迁到慈溪我这里，可以吗']);
    expect(a.status).toBe('answered');
    expect(a.hits[0]!.clause.text).toContain('居住证');
  });
});

describe('time: a document whose own period has passed says so', () => {
  it('reads the period a text states', () => {
    expect(statedPeriod(['本政策意见实施期限为2017年1月1日至12月31日。'])).toEqual({ label: '2017年12月31日', end: '2017-12-31' });
    expect(statedPeriod(['示例市养老服务发展规划（2016—2020年）'])?.end).toBe('2020-12-31');
    expect(statedPeriod(['“十四五”时期行动方案'])?.end).toBe('2025-12-31');
    expect(statedPeriod(['到2025年，城区覆盖率达到90%。'])).toBeNull();
    const p = statedPeriod(['实施期限为2017年1月1日至12月31日']);
    expect(endedPeriod(p, new Date('2017-06-01'))).toBeNull();
    expect(endedPeriod(p, new Date('2018-01-02'))?.label).toBe('2017年12月31日');
  });

  it('every citation shows the date; an ended period is named in the answer (today injected)', async () => {
    const deps = answererDeps(rt.index, rt.searcher, rt.tokenizer, rt.config.places);
    const withToday = (iso: string) => createAnswerer({ ...deps, today: () => new Date(iso) });
    const ended = [...rt.index.documents.values()].find((d) => deps.periodOf!(d.id) && d.date?.startsWith('2017'));
    expect(ended, 'a 2017 document states its period').toBeDefined();
    const q = `${ended!.title}的实施期限`;
    const late = await withToday('2026-12-01').answer({ question: q });
    const early = await withToday('2017-03-01').answer({ question: q });
    expect(late.status).toBe('answered');
    const lateText = reply(late);
    expect(lateText).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(lateText).toContain('已经结束');
    expect(reply(early)).not.toContain('已经结束');
  });
});

describe('news reprints are never passed off as policy', () => {
  it('a reply led by a press report says so, and its citation names the paper, not 政策原文', async () => {
    const a = await ask('小微企业资源共享平台工业创新综合体的报道');
    expect(a.status).toBe('answered');
    if (a.status !== 'answered') return;
    expect(a.excerpts[0]!.citation.kind).toBe('news');
    const text = reply(a);
    expect(text).not.toContain('政策原文是这样规定的');
    expect(text).toMatch(/^关于「.+」，收录的新闻报道（不是政策原文）/);
    expect(text).toMatch(/—— 新闻报道（非政策原文）《[^》]+》 · \S+ · \d{4}-\d{2}-\d{2}/);
  });
});
