import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chineseNumeral, parseReference } from '../../src/search/index.js';
import { PLAIN, renderAnswer, type Answer } from '../../src/answer/index.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';
import { FIXTURES } from '../helpers.js';

/** A seed document's id by its file's number and its place in the file: ids carry the whole source name (000_…#10). */
const seedDoc = (file: string, n: string) => new RegExp(`^${file}_[^#]*#${n}$`);

describe('parsing the references a question names', () => {
  it('reads articles, items, chapters and attachments in Chinese or Arabic numerals', () => {
    expect(parseReference('第15条讲的什么')).toMatchObject({ article: 15, item: null });
    expect(parseReference('第一百零三条')).toMatchObject({ article: 103 });
    expect(parseReference('第十一条第（二）项')).toMatchObject({ article: 11, item: 2 });
    expect(parseReference('附件三第8项')).toMatchObject({ attachment: 3, item: 8 });
    expect(parseReference('第二章第3节')).toMatchObject({ chapter: 2, section: 3 });
    expect(parseReference('第三部分')).toMatchObject({ chapter: 3, chapterWord: '部分' });
    expect(parseReference('居住证有什么用')).toMatchObject({ article: null, chapter: null, item: null, attachment: null, docNumber: null, ask: null });
  });

  it('reads a 文号 with any of the brackets people type, keeping what else was asked', () => {
    for (const q of ['示政办发〔2020〕7号', '示政办发[2020]7号', '示政办发（2020）7号', '示政办发(2020)第7号']) expect(parseReference(q).docNumber).toEqual({ prefix: '示政办发', year: 2020, serial: 7 });
    expect(parseReference('示政发〔2020〕7号是谁发的').rest).toBe('是谁发的');
  });

  it('tells a question about the document from one about its content', () => {
    expect(parseReference('这个办法是哪个单位发的').ask).toBe('issuer');
    expect(parseReference('这个办法是什么时候印发的').ask).toBe('date');
    expect(parseReference('这个办法的文号').ask).toBe('docNumber');
    // 发放 is paying out, not issuing
    expect(parseReference('补贴什么时候发放').ask).toBeNull();
  });

  it('writes numbers as articles are numbered', () => {
    expect([1, 10, 13, 22, 40, 100, 103, 115, 120].map(chineseNumeral)).toEqual(['一', '十', '十三', '二十二', '四十', '一百', '一百零三', '一百一十五', '一百二十']);
  });
});

const located = (a: Answer) => (a.status === 'answered' ? a.excerpts.map((e) => `${e.citation.title}${e.citation.location ?? ''}`) : []);

describe('references resolved against the seeds\' index', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await realRuntime();
  });
  const ask = (question: string) => rt.answerer.answer({ question });
  const reply = async (question: string) => renderAnswer(await ask(question), rt.prompts, PLAIN, rt.corpus);

  it('a 文号 with an article: that article of that document, quoted first', async () => {
    const a = await ask('慈政办发[2018]85号第八条');
    expect(located(a)[0]).toBe('慈溪市户口迁移政策实施细则第八条');
  });

  it('a recognisable part of a title with an article: that article, not the document\'s first', async () => {
    expect(located(await ask('户口迁移细则第十五条讲什么'))[0]).toBe('慈溪市户口迁移政策实施细则第十五条');
    expect(located(await ask('慈溪户口政策实施细则第三十条的规定'))[0]).toBe('慈溪市户口迁移政策实施细则第三十条');
  });

  it('an article in Arabic numerals is the same article', async () => {
    expect(located(await ask('第15条规定了什么'))[0]).toBe('慈溪市户口迁移政策实施细则第十五条');
  });

  it('an item of a table is found under its attachment, cited with it', async () => {
    const a = await ask('奉化共同富裕工作要点附件三第8项');
    expect(located(a)).toEqual(['宁波市奉化区2022年推进高质量发展建设共同富裕特色区工作要点附件三第8项']);
    expect(a.status === 'answered' && a.excerpts[0]!.quote).toContain('慈善信托');
  });

  it('a part of a plan named as 第X部分: that part\'s clauses first', async () => {
    const a = await ask('妇女发展规划第三部分');
    expect(a.status === 'answered' && a.excerpts.map((e) => e.citation.headingPath[1])).toEqual(['第三部分重点实事项目', '第三部分重点实事项目']);
  });

  it('a follow-up that names only an item means it in the earlier question\'s document and attachment', async () => {
    const r = await rt.searcher.search({ question: '那第9项呢', context: ['奉化共同富裕工作要点附件三第8项'], top: 3 });
    expect(r.reference).toMatchObject({ documents: [expect.stringMatching(seedDoc('004', '01'))], label: '附件三第9项', lookup: true });
    expect(r.hits[0]!.clause.headingPath.slice(1)).toEqual(['附件三 2022年共同富裕“1+5+n”重大改革清单', '扩中提低改革(11项)', '9. 共富型统计研究(区统计局)']);
    // without the earlier question, 第9项 is every list's ninth item
    expect((await rt.searcher.search({ question: '那第9项呢' })).reference!.clauses.length).toBeGreaterThan(5);
  });

  it('an article the named document does not have is said to be missing, not replaced by another', async () => {
    const a = await ask('户口迁移实施细则第六十条');
    expect(a).toMatchObject({ status: 'not-found', reason: 'no-such-reference' });
    expect(await reply('户口迁移实施细则第六十条')).toContain('《慈溪市户口迁移政策实施细则》没有第六十条');
  });

  it('a 文号 alone lists every document issued under it, with its opening', async () => {
    const a = await ask('慈政发(2017)38号');
    expect(a.status).toBe('document');
    if (a.status !== 'document') return;
    expect(a.documents.map((d) => d.title)).toEqual(['慈溪市妇女发展规划(2016—2020年)', '慈溪市儿童发展规划(2016—2020年)']);
    expect(a.openings.map((e) => e.docId)).toEqual([expect.stringMatching(seedDoc('001', '06')), expect.stringMatching(seedDoc('001', '07'))]);
    const text = await reply('慈政发(2017)38号');
    expect(text).toContain('文号：慈政发〔2017〕38号');
    expect(text).toContain('开头：「前言');
  });

  it('a 文号 alone that no document carries is said to be unknown, not answered with look-alike clauses', async () => {
    expect(await ask('慈政发[2018]99号是什么文件')).toMatchObject({ status: 'not-found', reason: 'no-such-reference', missing: { label: '慈政发〔2018〕99号', title: null } });
    expect(await reply('慈政发[2018]99号是什么文件')).toContain('没有文号为 慈政发〔2018〕99号 的文件');
  });

  it('who issued a named document, and when, is answered from its metadata', async () => {
    const who = await ask('户口迁移政策细则由哪个部门印发');
    expect(who).toMatchObject({ status: 'document', ask: 'issuer' });
    expect(await reply('户口迁移政策细则由哪个部门印发')).toContain('发文机关：慈溪市人民政府办公室');
    const when = await ask('儿童发展规划是什么时候发布的');
    expect(when).toMatchObject({ status: 'document', ask: 'date' });
    if (when.status === 'document') expect(when.documents.map((d) => [d.title, d.date])).toEqual([['慈溪市儿童发展规划(2016—2020年)', '2017-06-25']]);
  });

  it('a content question about a named document is searched within it, not turned into a lookup', async () => {
    const r = await rt.searcher.search({ question: '户口迁移细则里夫妻投靠落户要什么条件', top: 5 });
    expect(r.reference).toMatchObject({ documents: [expect.stringMatching(seedDoc('000', '10'))], lookup: false, ask: null });
    expect(r.hits.every((h) => seedDoc('000', '10').test(h.document.id))).toBe(true);
  });

  it('a topic that is also a word of a title does not name the document', async () => {
    expect((await rt.searcher.search({ question: '居住证有什么用' })).reference).toBeNull();
    expect((await rt.searcher.search({ question: '户口迁移要什么条件' })).reference).toBeNull();
  });
});

describe('references in a statute that has no 文号', () => {
  let rt: Runtime;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'reference-statute-'));
    mkdirSync(join(root, 'seeds'));
    cpSync(join(FIXTURES, 'statute', 'ebike-regulation.txt'), join(root, 'seeds', 'ebike-regulation.txt'));
    rt = await createRuntime({ env: { ...process.env, BOT_TOKEN: undefined, WEBHOOK_URL: undefined, LOG_LEVEL: 'silent', SEEDS_DIR: join(root, 'seeds'), INDEX_DIR: join(root, 'index'), LIBRARY_DIR: join(root, 'library'), PLACES: '示例' }, watchMs: 0 });
  }, 120_000);

  it('finds an article by the statute\'s name or by number alone', async () => {
    expect(located(await rt.answerer.answer({ question: '停放管理条例第九条是什么' }))).toEqual(['非机动车停放管理条例第九条']);
    expect(located(await rt.answerer.answer({ question: '第5条' }))).toEqual(['非机动车停放管理条例第五条']);
  });

  it('says the statute has no such article', async () => {
    expect(await rt.answerer.answer({ question: '非机动车条例第十二条' })).toMatchObject({ status: 'not-found', reason: 'no-such-reference', missing: { label: '第十二条', title: '非机动车停放管理条例' } });
  });

  it('puts a named chapter\'s articles first', async () => {
    const r = await rt.searcher.search({ question: '停放条例第二章讲了什么', top: 3 });
    expect(r.hits.map((h) => h.clause.articleNo)).toEqual(['第四条', '第五条', '第六条']);
  });
});
