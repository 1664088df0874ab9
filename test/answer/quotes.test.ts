import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, PLAIN, renderAnswer, unitsOf, type Answer } from '../../src/answer/index.js';
import { widen } from '../../src/answer/excerpt.js';
import { endedPeriod, statedPeriod } from '../../src/answer/period.js';
import { answererDeps, type Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

/*
 * The quotes a citizen reads (issue 10, items 5 and 6), over the real seeds, model and index.
 * The questions are written for these tests, none taken from the dev set.
 */
let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});
const ask = (question: string) => rt.answerer.answer({ question });
const quotes = (a: Answer) => (a.status === 'answered' ? a.excerpts.map((e) => e.quote) : []);
const reply = (a: Answer) => renderAnswer(a, rt.prompts, PLAIN, rt.corpus);
const clauseWith = (s: string) => {
  const c = rt.index.clauses.find((x) => x.text.includes(s));
  if (!c) throw new Error(`no clause with ${s}`);
  return c;
};
/** How a quote may end: a sentence's end, a list's colon, or "…" after a phrase mark. */
const WHOLE_END = /([。；;：:！？!?）)”」』]|[，,、；;。]…)$/;

describe('the sentence that answers comes first', () => {
  it('a graduate asking how long it takes is shown the settled-on-the-spot rule that names graduates first', async () => {
    const a = await ask('应届毕业生把户口迁回慈溪落户，办下来要多长时间');
    expect(a.status).toBe('answered');
    const first = quotes(a)[0]!;
    expect(first).toContain('当场办结');
    expect(first).toContain('应届毕业生回原籍落户');
  });

  it('a definition question leads with the definition, not with the clause that only names the term', async () => {
    const a = await ask('外地人申请居住证，合法稳定住所是怎么认定的');
    expect(quotes(a)[0]).toMatch(/^\(二\)合法稳定住所。是指申请人在本市所居住的房屋/);
  });
});

describe('a quote never ends mid-phrase or starts without its subject', () => {
  it('a line the source wrapped mid-phrase is one unit ("…军队" / "转业干部…")', () => {
    const c = clauseWith('经审核后当场办结');
    const units = unitsOf(c.text, c.headingPath);
    expect(units.some((u) => u.text.trimEnd().endsWith('军队'))).toBe(false);
    expect(units.map((u) => u.text)).toContain('(二)退役义务兵、士官、军队转业干部和军队离退休干部落户;');
  });

  it('an answer about that item quotes it whole, with the sentence that opens its list', async () => {
    const a = await ask('退役的士官和军队转业干部落户，能当场办好吗');
    const q = quotes(a).find((x) => x.includes('退役义务兵'));
    expect(q).toBeDefined();
    expect(q).toContain('军队转业干部和军队离退休干部落户;');
    expect(q).toMatch(/^第三十条 下列户口迁移事项[\s\S]*当场办结:/);
  });

  it('a list item carries its label: "是指…" comes with "(二)合法稳定住所"', async () => {
    for (const question of ['外地人申请居住证，合法稳定住所是怎么认定的', '居住证里说的稳定住所，集体宿舍算不算']) {
      const q = quotes(await ask(question)).filter((x) => x.includes('是指申请人在本市所居住的房屋'));
      expect(q.length, question).toBeGreaterThan(0);
      for (const x of q) expect(x, question).toContain('(二)合法稳定住所。');
    }
  });

  it('an item far down a list keeps its lead-in, the gap marked "…"', () => {
    const c = clauseWith('享有下列基本公共服务');
    const units = unitsOf(c.text, c.headingPath);
    const at = units.findIndex((u) => u.text.startsWith('5.法律援助'));
    const span = widen(units, at, 60);
    const lead = span.lead ? units.slice(span.lead.from, span.lead.to).map((u) => u.text).join('') : units[span.from]!.text;
    expect(lead).toContain('享有下列基本公共服务:');
    // the 便利 list's items are not where 法律援助 belongs
    expect(units.slice(span.from, span.to).some((u) => u.text.includes('享有下列便利'))).toBe(false);
  });

  it('no quote of any answer ends inside a phrase', async () => {
    const questions = ['慈溪妇女两癌免费检查的覆盖面有多大', '农民未经批准占用宅基地建的房子怎么确权', '象山共同富裕行动方案里养老服务有什么目标', '儿童发展规划对校外培训负担怎么说'];
    for (const question of questions) {
      const a = await ask(question);
      for (const q of quotes(a)) expect(q, `${question}: ${q}`).toMatch(WHOLE_END);
    }
  });
});

describe('a heading is context, never the whole quote', () => {
  it('no unit of any clause in the index widens to headings alone', () => {
    for (const c of rt.index.clauses) {
      const units = unitsOf(c.text, c.headingPath);
      units.forEach((u, i) => {
        if (!u.isHeading || i === units.length - 1) return;
        const span = widen(units, i, 220);
        expect(units.slice(span.from, span.to).some((x) => !x.isHeading), `${c.id}: ${u.text}`).toBe(true);
      });
    }
  });

  it('a question that matches a heading best gets the text below it', async () => {
    const a = await ask('居住证持有人享有的公共服务和便利有哪些');
    expect(a.status).toBe('answered');
    const first = quotes(a)[0]!;
    expect(first).not.toBe('三、居住证持有人享有的公共服务和便利');
    expect(first).toMatch(/1\.义务教育;/);
  });
});

describe('a further quote only when it adds', () => {
  it('every further quote shares a weighty term with the question', async () => {
    for (const question of ['持有居住证的人能享受哪些公共服务', '老板拖欠工资，持居住证的外地人能申请法律援助吗', '房东出租房屋要不要帮租客登记居住信息']) {
      const result = await rt.searcher.search({ question });
      const a = await ask(question);
      const weighty = result.terms.filter((t) => t.length >= 2);
      for (const q of quotes(a).slice(1)) expect(weighty.some((t) => q.includes(t)), `${question}: ${q}`).toBe(true);
    }
  });

  it('a precise question gets one quote, not three', async () => {
    const a = await ask('持有居住证的人能享受哪些公共服务');
    expect(quotes(a)).toHaveLength(1);
  });
});

describe('time', () => {
  const at = (iso: string) => createAnswerer({ ...answererDeps(rt.index, rt.searcher, rt.tokenizer, rt.config.places), today: () => new Date(iso) });
  const question = '奉化今年的共同富裕重点工作有哪些';

  it('"今年" answered from a 2022 plan says the document is for 2022', async () => {
    const late = await at('2026-05-01T00:00:00Z').answer({ question });
    expect(late.status === 'answered' && late.excerpts[0]!.citation.title).toContain('2022年');
    expect(reply(late)).toContain('你问的是今年（2026年），下面引用的是2022年的文件');
  });

  it('no year note in the year the plan is for, nor when the question does not say 今年', async () => {
    expect(reply(await at('2022-08-01T00:00:00Z').answer({ question }))).not.toContain('你问的是今年');
    expect(reply(await at('2026-05-01T00:00:00Z').answer({ question: '奉化共同富裕重点工作有哪些' }))).not.toContain('你问的是今年');
  });

  it('every citation of an answer shows its document date', async () => {
    for (const q of [question, '慈溪打造工业创新综合体的报道', '居住证申领条件']) {
      const a = await ask(q);
      expect(a.status, q).toBe('answered');
      for (const block of reply(a).split('\n').filter((l) => l.startsWith('—— '))) expect(block, q).toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('a plan span in a title, a year plan, and 实施期限…至… all end; a plan still running does not', () => {
    const docs = [...rt.index.documents.values()];
    const textsOf = (title: string) => [title, ...rt.index.clauses.filter((c) => c.docId === docs.find((d) => d.title === title)!.id).map((c) => c.text)];
    const byTitle = (s: string) => docs.find((d) => d.title.includes(s))!.title;
    const women = statedPeriod(textsOf(byTitle('妇女发展规划')));
    expect(women?.end).toBe('2020-12-31');
    // the 2022 work plan quotes the 2021—2025 period, but its own period is its year
    expect(statedPeriod(textsOf(byTitle('2022年推进高质量发展')))?.end).toBe('2022-12-31');
    expect(statedPeriod(textsOf(byTitle('优化产业政策')))).toEqual({ label: '2017年12月31日', end: '2017-12-31' });
    const fourteenth = statedPeriod(textsOf(byTitle('十四五')));
    expect(endedPeriod(fourteenth, new Date('2024-03-01'))).toBeNull();
    expect(endedPeriod(fourteenth, new Date('2026-03-01'))?.end).toBe('2025-12-31');
    expect(statedPeriod([byTitle('健康慈溪2030')])).toBeNull();
  });

  it('the 2022 plan quoted in 2023 says its period has ended; the 十四五 plan quoted in 2024 does not', async () => {
    const plan = await at('2023-03-01T00:00:00Z').answer({ question: '奉化2022年共同富裕重点工作有哪些' });
    expect(reply(plan)).toMatch(/实施期至2022年，已经结束/);
    const running = await at('2024-03-01T00:00:00Z').answer({ question: '象山共同富裕样板县行动方案的养老服务目标' });
    expect(running.status === 'answered' && running.excerpts[0]!.citation.title).toContain('十四五');
    expect(reply(running)).not.toContain('已经结束');
  });
});
