import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConversationStore, formatCitation, highlight, HTML, loadPrompts, PLAIN, renderAnswer, unitsOf, yearsIn, type Answer,
} from '../../src/answer/index.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});
const ask = (question: string, context?: string[]) => rt.answerer.answer({ question, context });
const quotes = (a: Answer) => (a.status === 'answered' ? a.excerpts.map((e) => e.quote) : []);

describe('excerpts', () => {
  it('quote the sentence that carries the condition, not the whole clause', async () => {
    const a = await ask('依法公共租赁住房的人员落户，社保要连续缴多久');
    expect(a.status).toBe('answered');
    expect(quotes(a)[0]).toContain('参加并连续缴纳社会保险满36个月');
    expect(quotes(a)[0]!.length).toBeLessThan(rt.index.clauses.find((c) => c.articleNo === '第五条' && c.text.includes('36个月'))!.text.length);
  });

  it('keep the list a "以下材料：" sentence announces', async () => {
    const a = await ask('夫妻投靠落户要准备什么材料');
    expect(quotes(a)[0]).toMatch(/提供以下证明材料[\s\S]*\(三\)结婚证;/);
  });

  it('name the document, article, 文号 and date of each quote', async () => {
    const a = await ask('老人投靠成年子女落户有年龄要求吗');
    expect(a.status === 'answered' && formatCitation(a.excerpts[0]!.citation)).toBe('《慈溪市户口迁移政策实施细则》第八条 · 慈政办发〔2018〕85号 · 2018-06-30');
  });

  it('keep a reply short enough for a phone', async () => {
    for (const q of ['居住证有什么用', '慈溪2018年政府工作报告的主要目标', '奉化共同富裕重点工作有哪些']) {
      const a = await ask(q);
      expect(renderAnswer(a, rt.prompts, PLAIN, rt.corpus).length, q).toBeLessThanOrEqual(700);
    }
  });

  it('split a clause into sentences and list items', () => {
    const units = unitsOf('第六条 配偶提供以下证明材料:\n(一)结婚证;\n(二)户口簿。迁入农村的,还应提供证明。');
    expect(units.map((u) => [u.text, u.isListItem, u.introducesList])).toEqual([
      ['第六条 配偶提供以下证明材料:', false, true],
      ['(一)结婚证;', true, false],
      ['(二)户口簿。', true, false],
      ['迁入农村的,还应提供证明。', false, false],
    ]);
  });
});

describe('"not found" is an answer', () => {
  it.each([
    ['北京积分落户需要连续缴纳社保几年？', 'other-place'],
    ['慈溪2031年的人口目标是多少', 'year-not-covered'],
  ])('%s → %s', async (q, reason) => {
    const a = await ask(q);
    expect(a.status === 'not-found' && a.reason).toBe(reason);
    expect(renderAnswer(a, rt.prompts, PLAIN, rt.corpus)).toMatch(/没有找到|没有.+的规定/);
  });

  it('small talk is a reason too, answered with a greeting rather than "not found" (ux.test.ts)', async () => {
    const a = await ask('你是谁');
    expect(a.status === 'not-found' && a.reason).toBe('small-talk');
    expect(renderAnswer(a, rt.prompts, PLAIN, rt.corpus)).not.toMatch(/没有找到/);
  });

  it('but a place named as where someone comes from does not count', async () => {
    expect((await ask('我户口在江西，老公是慈溪户口，结婚后能迁过来吗')).status).toBe('answered');
  });

  it('a year before the corpus is history, not a request', () => {
    expect(yearsIn(['到2025年', '2030年目标'])).toEqual(new Set([2025, 2030]));
  });
});

describe('conversation', () => {
  it('answers a follow-up in context, forgets it after /new and after the TTL', async () => {
    let now = 0;
    const store = new ConversationStore({ ttlMs: 1000, now: () => now });
    const d = dialogueFor(rt, store);
    await d.ask('c', '爸妈想投靠我把户口迁到慈溪，有年龄要求吗', PLAIN);
    const followUp = await d.ask('c', '我妈才52，不过一直跟我们住在城里，也不行吗', PLAIN);
    expect(followUp.reply).toContain('可以不受年龄限制');
    expect(store.context('c')).toHaveLength(2);
    d.reset('c');
    expect(store.context('c')).toEqual([]);
    await d.ask('c', '居住证咋办，要啥条件', PLAIN);
    now = 5000;
    expect(store.context('c')).toEqual([]);
    expect((await d.ask('c', '换个问题', PLAIN)).isNewTopic).toBe(true);
  });

  it('"更多" shows clauses not yet shown, then says there are no more', async () => {
    const d = dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 }));
    const { answer } = await d.ask('m', '居住证 条件', PLAIN);
    const shown = answer.status === 'answered' ? answer.excerpts.map((e) => e.clauseId) : [];
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const more = d.more('m', PLAIN);
      if (more === rt.prompts.noMore) break;
      for (const h of answer.hits) if (more.includes(h.clause.text.slice(0, 30))) seen.add(h.clause.id);
    }
    expect(shown.some((id) => seen.has(id))).toBe(false);
    expect(d.more('m', PLAIN)).toBe(rt.prompts.noMore);
  });
});

describe('rendering', () => {
  it('escapes HTML and highlights the question terms, longest first', () => {
    expect(highlight('持<有>居住证的人', ['居住', '居住证'], HTML)).toBe('持&lt;有&gt;<b>居住证</b>的人');
    expect(highlight('居住证', ['居住证'], PLAIN)).toBe('居住证');
  });
});

describe('reply templates', () => {
  it('a missing key fails at start with the key named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    const all = JSON.parse(readFileSync('prompts/zh-CN.json', 'utf8'));
    delete all.notFound;
    writeFileSync(join(dir, 'zh-CN.json'), JSON.stringify(all));
    expect(() => loadPrompts(dir)).toThrowError(/notFound/);
    expect(() => loadPrompts('/nowhere')).toThrowError(/not found/);
  });
});
