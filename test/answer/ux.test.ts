import { beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore, citationOf, createAnswerer, fill, formatCitation, PLAIN, renderAnswer, renderDocuments, type Answer, type Excerpt } from '../../src/answer/index.js';
import { answererDeps, dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';

/*
 * What a new user saw in the terminal chat and found wrong: replies that say more (or other)
 * than what they show. Questions written for these tests, not taken from the dev set.
 */
let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});
const reply = (a: Answer) => renderAnswer(a, rt.prompts, PLAIN, rt.corpus);
const noteCount = (text: string) => text.split('（注意：该文件写明的实施期').length - 1;

/** An answer made of real clauses of the real index, as the answerer would cite them. */
function answerOf(clauseFilter: (text: string, docTitle: string, kind: string) => boolean, count: number, periodEnded: Excerpt['periodEnded'] = null): Excerpt[] {
  const picked = rt.index.clauses.filter((c) => {
    const d = rt.index.documents.get(c.docId)!;
    return clauseFilter(c.text, d.title, d.kind);
  }).slice(0, count);
  expect(picked).toHaveLength(count);
  return picked.map((c) => ({ quote: c.text.slice(0, 60), citation: citationOf(c, rt.index.documents.get(c.docId)!), clauseId: c.id, docId: c.docId, highlights: [], periodEnded }));
}
const answered = (excerpts: Excerpt[]): Answer => ({ status: 'answered', question: '示例问题', excerpts, hits: [] });

describe('the period note', () => {
  it('regression: a 奉化 excerpt\'s "period ended" note names its own year, not 2025 (its table names other plans to 2025)', async () => {
    const deps = answererDeps(rt.index, rt.searcher, rt.tokenizer, rt.config.places);
    const a = await createAnswerer({ ...deps, today: () => new Date('2026-12-03') }).answer({ question: '奉化区今年要做好哪些养老服务方面的重点工作' });
    expect(a.status).toBe('answered');
    if (a.status !== 'answered') return;
    expect(a.excerpts.some((e) => e.citation.title.includes('奉化')), 'the reply quotes 奉化').toBe(true);
    for (const e of a.excerpts.filter((x) => x.citation.title.includes('奉化'))) expect(e.periodEnded?.end ?? null).not.toBe('2025-12-31');
    expect(a.excerpts.find((x) => x.citation.title.includes('奉化'))!.periodEnded?.end).toBe('2022-12-31');
  });

  it('is said once per document, under its first excerpt, however many excerpts it has', () => {
    const ended = { label: '“十四五”时期（2021—2025年）', end: '2025-12-31' };
    const xiangshan = answerOf((_, title) => title.startsWith('象山'), 3, ended);
    const other = answerOf((_, title) => title.startsWith('慈溪市儿童发展规划'), 1, { label: '2020年', end: '2020-12-31' });
    const text = reply(answered([xiangshan[0]!, other[0]!, xiangshan[1]!, xiangshan[2]!]));
    expect(noteCount(text)).toBe(2);
    const [first, second] = text.split('\n\n');
    expect(first).toContain(fill(rt.prompts.periodEnded, { end: ended.label }));
    expect(second).toContain(fill(rt.prompts.periodEnded, { end: '2020年' }));
  });

  it('a real answer quoting one ended document twice names its period once (today injected)', async () => {
    const deps = answererDeps(rt.index, rt.searcher, rt.tokenizer, rt.config.places);
    const a = await createAnswerer({ ...deps, today: () => new Date('2026-12-03') }).answer({ question: '象山共同富裕样板县在就业创业和收入分配上有什么行动' });
    expect(a.status).toBe('answered');
    if (a.status !== 'answered') return;
    const endedDocs = new Set(a.excerpts.filter((e) => e.periodEnded).map((e) => e.docId));
    expect(a.excerpts.filter((e) => e.periodEnded).length, 'several excerpts of an ended document').toBeGreaterThan(endedDocs.size);
    expect(noteCount(reply(a))).toBe(endedDocs.size);
  });
});

describe('lead-in and footer say what the excerpts are', () => {
  const policy = () => answerOf((_, __, kind) => kind === 'policy', 2);
  const news = () => answerOf((_, __, kind) => kind === 'news', 2);

  it('all policy: 政策原文 and 原文摘录', () => {
    const text = reply(answered(policy()));
    expect(text.startsWith(fill(rt.prompts.answerIntro, { question: '示例问题' }))).toBe(true);
    expect(text.endsWith(rt.prompts.answerFooter)).toBe(true);
  });

  it('all news: neither the lead-in nor the footer calls them 政策原文 or 原文', () => {
    const text = reply(answered(news()));
    expect(text.startsWith(fill(rt.prompts.answerIntroNews, { question: '示例问题' }))).toBe(true);
    expect(text.endsWith(rt.prompts.answerFooterNews)).toBe(true);
    expect(text).not.toContain('原文摘录');
  });

  it('regression: a news excerpt first and policy after is a mixed reply, not a news one, and its footer calls nothing 原文摘录', () => {
    const [n] = news();
    const [p1, p2] = policy();
    const text = reply(answered([n!, p1!, p2!]));
    expect(text.startsWith(fill(rt.prompts.answerIntroMixed, { question: '示例问题' }))).toBe(true);
    expect(text).not.toContain('政策原文是这样规定的');
    expect(text).not.toContain('原文摘录');
    expect(text.endsWith(rt.prompts.answerFooterMixed)).toBe(true);
    // the news excerpt is marked where it stands, the policies are cited as policies
    const items = text.split('\n\n').slice(0, 3);
    expect(items[0]).toContain('—— 新闻报道（非政策原文）《');
    expect(items[1]).toContain(`—— ${formatCitation(p1!.citation)}`);
    expect(items[1]).not.toContain('新闻报道');
  });
});

describe('small talk', () => {
  it.each(['你好', '您好！', '你能做什么'])('%s → a one-line greeting with what the bot does, not "not found"', async (q) => {
    const { reply: text } = await dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 })).ask('s', q, PLAIN);
    expect(text).toBe(fill(rt.prompts.smallTalkGreeting, { places: rt.corpus.places }));
    expect(text).not.toContain('抱歉');
    expect(text.split('\n')).toHaveLength(1);
  });

  it.each(['谢谢', '多谢！'])('%s → 不客气', async (q) => {
    const { reply: text } = await dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 })).ask('s', q, PLAIN);
    expect(text).toBe(rt.prompts.smallTalkThanks);
    expect(text).not.toContain('没有找到');
  });
});

describe('/docs', () => {
  it('labels each date as citations do: a reprint’s date is 转载日期', () => {
    const text = renderDocuments([...rt.index.documents.values()], rt.prompts, PLAIN);
    const docs = [...rt.index.documents.values()];
    const reposted = docs.find((d) => d.dateKind === 'reposted' && d.kind !== 'news');
    expect(reposted, 'a seed is a reprint').toBeDefined();
    const line = text.split('\n').find((l) => l.includes(`《${reposted!.title}》`))!;
    expect(line).toContain(`${reposted!.date}（转载日期）`);
    // the same label its citations carry
    const clause = rt.index.clauses.find((c) => c.docId === reposted!.id)!;
    expect(formatCitation(citationOf(clause, reposted!))).toContain(`${reposted!.date}（转载日期）`);
    // a signed document's date stands alone in both
    const signed = docs.find((d) => d.dateKind === 'signed' && d.date)!;
    expect(text.split('\n').find((l) => l.includes(`《${signed.title}》`))).toMatch(new RegExp(`${signed.date} ?$`));
  });
});
