import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../../src/app/runtime.js';
import { bm25, createTransformersEmbedder, type Embedder } from '../../src/index/index.js';
import { FormatError } from '../../src/ingest/formats/index.js';
import { citedFor, libraryFile, workspace } from './workspace.js';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createTransformersEmbedder({ modelDir: join(process.cwd(), 'embeddings/models/BAAI/bge-small-zh-v1.5') });
});

/** One question per format's fixture, and the article that answers it. */
const CASES = [
  { file: 'fishing-boats.txt', question: '台风预警发布后渔船多长时间内要进避风港', cite: '《象山县渔船避风停泊管理暂行办法》第三条', docNumber: '象政办发〔2023〕12号' },
  { file: 'meal-service.md', question: '八十岁老人在助餐点吃饭每餐补贴多少', cite: '《奉化区老年人助餐服务管理办法》第三条', docNumber: '奉政办发〔2023〕31号' },
  { file: 'rent-subsidy.html', question: '新就业的硕士研究生租房补贴每月多少钱', cite: '《慈溪市新就业大学生租房补贴实施细则》第三条', docNumber: '慈人社发〔2023〕8号' },
  { file: 'waste-sorting.docx', question: '垃圾分类示范户奖励多少', cite: '《象山县农村生活垃圾分类管理办法》第五条', docNumber: '象政发〔2022〕20号' },
  { file: 'public-rental.doc', question: '公共租赁住房租金怎么确定', cite: '《奉化区公共租赁住房保障办法》第三条', docNumber: '奉政发〔2021〕45号' },
  { file: 'ebike.pdf', question: '电动自行车买了以后多少天内要登记上牌', cite: '《慈溪市电动自行车登记管理规定》第二条', docNumber: '慈政办发〔2022〕66号' },
  { file: 'medical-aid.pdf', question: '低保对象住院医疗救助按多少比例', cite: '《象山县城乡居民医疗救助实施办法》第三条', docNumber: '象政办发〔2024〕3号' },
  { file: 'elderly-care.html', question: '低保家庭重度失能老人居家养老补贴每月多少钱', cite: '《宁海县居家养老服务补贴实施办法》第三条', docNumber: '宁民发〔2024〕9号' },
];

describe('the document library, end to end (real model, real index)', () => {
  let rt: Runtime;
  let w: ReturnType<typeof workspace>;
  beforeAll(async () => {
    w = workspace();
    rt = await w.runtime();
  });

  it('adds a file of each format and answers from it with the right citation', async () => {
    const { reports, change } = await rt.library.add(CASES.map((c) => libraryFile(c.file)));
    expect(reports.map((r) => [r.status, r.entry.format, r.entry.docNumber])).toEqual(CASES.map((c) => ['added', c.file.split('.').pop(), c.docNumber]));
    expect(change!.embeddedClauses).toBe(reports.reduce((n, r) => n + r.entry.clauses, 0));
    for (const c of CASES) expect((await citedFor(rt, c.question))[0], c.file).toBe(c.cite);
    // the GBK page's furniture is not in the document
    const html = rt.index.clauses.filter((x) => x.docId.startsWith(reports[2]!.entry.id)).map((x) => x.text).join('\n');
    expect(html).not.toMatch(/相关新闻|字体|首页|版权所有|浏览次数/);
    expect(rt.library.list().map((e) => e.id)).toEqual(reports.map((r) => r.entry.id));
  });

  it('adding the same file twice changes nothing', async () => {
    const before = readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8');
    const { reports, change } = await rt.library.add([libraryFile('waste-sorting.docx')]);
    expect(reports[0]!.status).toBe('unchanged');
    expect(change).toBeNull();
    expect(readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('refuses bad files with one named error and changes nothing', async () => {
    const manifest = readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8');
    const catalog = readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8');
    const ebike = libraryFile('ebike.pdf').bytes;
    const bad: [string, Buffer, string][] = [
      ['scanned.pdf', libraryFile('scanned.pdf').bytes, 'SCANNED'],
      ['encrypted.pdf', libraryFile('encrypted.pdf').bytes, 'ENCRYPTED'],
      ['broken.pdf', ebike.subarray(0, 2000), 'BROKEN'],
      ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), 'UNSUPPORTED_TYPE'],
      ['empty.docx', Buffer.alloc(0), 'EMPTY_TEXT'],
      ['blank.txt', Buffer.from('  \n\n  '), 'EMPTY_TEXT'],
      ['huge.txt', Buffer.alloc(rt.config.maxUploadBytes + 1, 0x41), 'TOO_LARGE'],
    ];
    for (const [name, bytes, code] of bad) {
      const err = await rt.library.add([libraryFile('fishing-boats-v2.txt'), { name, bytes }]).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(FormatError);
      expect((err as FormatError).code, name).toBe(code);
      expect((err as FormatError).message).toContain(name);
    }
    expect(readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8')).toBe(catalog);
  });

  it('replaces a document by its 文号, and removes it: the old text is never answered again', async () => {
    const q = '渔船在避风港停泊超过十五日管理费每日每吨多少';
    const quoteOf = async () => {
      const a = await rt.answerer.answer({ question: q });
      return a.status === 'answered' ? a.excerpts.map((e) => e.quote).join('\n') : '';
    };
    expect(await quoteOf()).toContain('每日每吨二元');
    const old = rt.library.list().find((e) => e.docNumber === '象政办发〔2023〕12号')!;
    const { reports } = await rt.library.add([libraryFile('fishing-boats-v2.txt')]);
    expect(reports[0]).toMatchObject({ status: 'replaced', replaced: [{ id: old.id }] });
    expect(await quoteOf()).toContain('每日每吨三元');
    // nothing of the old version anywhere: clauses, vectors, keyword postings
    expect(rt.index.clauses.some((c) => c.text.includes('每日每吨二元'))).toBe(false);
    const v = await embedder.embedQuery(q);
    for (const n of rt.index.vectorStore.search(v, 50)) expect(rt.index.passages[n.id]!.clause).toBeGreaterThanOrEqual(0);
    const hits = bm25(rt.index.keyword, rt.tokenizer.tokenize('二元 渔船 避风港'));
    for (const doc of hits.keys()) expect(rt.index.clauses[doc]!.docId.startsWith(old.id)).toBe(false);

    const newId = reports[0]!.entry.id;
    await rt.library.remove(newId);
    expect((await citedFor(rt, q)).filter((c) => c.includes('渔船'))).toEqual([]);
    expect(rt.index.clauses.some((c) => c.docId.startsWith(newId))).toBe(false);
    expect(rt.library.list().some((e) => e.id === newId || e.id === old.id)).toBe(false);
    expect(readdirSync(join(w.env.LIBRARY_DIR, 'docs'))).not.toContain(newId);
  });

  it('undo of a replacement brings the replaced version back', async () => {
    await rt.library.add([libraryFile('fishing-boats.txt')]);
    const { reports } = await rt.library.add([libraryFile('fishing-boats-v2.txt')]);
    const { restored } = await rt.library.undo(reports[0]!.entry.id);
    expect(restored.map((e) => e.docNumber)).toEqual(['象政办发〔2023〕12号']);
    const a = await rt.answerer.answer({ question: '渔船停泊超过十五日管理费每日每吨多少' });
    expect(a.status === 'answered' && a.excerpts[0]!.quote).toContain('每日每吨二元');
  });

  it('a question in flight is answered from the library it started with; the next one sees the change', async () => {
    const id = rt.library.list().find((e) => e.format === 'docx')!.id;
    const before = rt.snapshot();
    const inFlight = rt.answerer.answer({ question: CASES[3]!.question });
    const removal = rt.library.remove(id);
    const answer = await inFlight;
    await removal;
    expect(answer.status).toBe('answered');
    // every hit resolves in the snapshot it came from, none in the new one
    for (const h of answer.hits) expect(before.clauseById(h.clause.id)?.clause.text).toBe(h.clause.text);
    expect(rt.snapshot()).not.toBe(before);
    expect((await citedFor(rt, CASES[3]!.question))[0]).not.toBe(CASES[3]!.cite);
  });

  it('documents survive an index rebuild, re-ingested from their stored text', async () => {
    const rebuilt = await w.runtime({ forceRebuild: true, embedder });
    expect((await citedFor(rebuilt, CASES[6]!.question))[0]).toBe(CASES[6]!.cite);
  });

  it('another process’s change is picked up without a restart', async () => {
    const other = await w.runtime({ embedder });
    await other.library.add([libraryFile('waste-sorting.docx')]);
    expect(rt.refresh()).toBe(true);
    expect((await citedFor(rt, CASES[3]!.question))[0]).toBe(CASES[3]!.cite);
    expect(rt.refresh()).toBe(false);
  });

  it('a failure in the middle of an update leaves the previous library and index intact', async () => {
    const failing: Embedder = { ...embedder, embedQuery: (t) => embedder.embedQuery(t), embedPassages: async () => { throw new Error('killed mid-embedding'); } };
    const broken = await w.runtime({ embedder: failing });
    const manifest = readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8');
    const catalog = readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8');
    await expect(broken.library.add([libraryFile('fishing-boats-v2.txt')])).rejects.toThrow('killed mid-embedding');
    expect(readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8')).toBe(catalog);
    expect((await citedFor(broken, CASES[6]!.question))[0]).toBe(CASES[6]!.cite);
    // and the next start is consistent with it
    const again = await w.runtime({ embedder });
    expect(again.index.manifest.corpusHash).toBe(rt.index.manifest.corpusHash);
  });
});
