import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BIGRAM_HEADING_REPEAT, bigramTermsOf, buildKeywordIndex, createIntlTokenizer, createTransformersEmbedder, documentFrequency, ensureIndex, keywordTextOf, locateModel, type Embedder, type IndexEvent } from '../../src/index/index.js';
import { FIXTURES } from '../helpers.js';
import { postingsOf } from './postings.js';

/* A real index over two small fixture documents, built with the real model. */

let embedder: Embedder;
const tokenizer = createIntlTokenizer();
beforeAll(async () => {
  embedder = await createTransformersEmbedder({ modelDir: resolve('embeddings/models/BAAI/bge-small-zh-v1.5') });
});

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'idx-'));
  cpSync(join(FIXTURES, 'mini-seeds'), join(root, 'seeds'), { recursive: true });
  return { seeds: join(root, 'seeds'), dir: join(root, 'embeddings/index') };
}
async function open(w: { seeds: string; dir: string }) {
  const events: IndexEvent[] = [];
  const index = await ensureIndex({ dir: w.dir, seedsDir: w.seeds, embedder, tokenizer, onEvent: (e) => events.push(e) });
  return { index, events: events.filter((e) => e.type !== 'progress') };
}

describe('the index in embeddings/', () => {
  it('is built when missing, then opened as it is', async () => {
    const w = workspace();
    const first = await open(w);
    expect(first.events.map((e) => e.type)).toEqual(['rebuilding', 'built']);
    expect(first.index.manifest).toMatchObject({ formatVersion: 4, model: { id: 'BAAI/bge-small-zh-v1.5', dimensions: 512 }, tokenizer: expect.stringMatching(/^intl-segmenter\+sw[0-9a-f]{8}\+p\d+$/), counts: { documents: 3 } });
    const second = await open(w);
    expect(second.events.map((e) => e.type)).toEqual(['opened']);
    expect(second.index.clauses.map((c) => c.id)).toEqual(first.index.clauses.map((c) => c.id));
  });

  it('re-embeds only the seed that changed, and drops a deleted one, saying so', async () => {
    const w = workspace();
    const first = await open(w);
    appendFileSync(join(w.seeds, 'b.txt'), '\n三、保障措施\n加强组织领导，落实工作责任。\n');
    let embedded = 0;
    const counting: Embedder = { ...embedder, embedQuery: (t) => embedder.embedQuery(t), embedPassages: (texts, p) => ((embedded += texts.length), embedder.embedPassages(texts, p)) };
    const events: IndexEvent[] = [];
    const index = await ensureIndex({ dir: w.dir, seedsDir: w.seeds, embedder: counting, tokenizer, onEvent: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'updating', sources: ['b.txt'] });
    expect(index.clauses.some((c) => c.text.includes('落实工作责任'))).toBe(true);
    // a.txt's windows were not embedded again
    expect(embedded).toBe(index.passages.filter((p) => p.clause >= 0 && index.clauses[p.clause]!.source === 'b.txt').length);
    expect(index.clauses.filter((c) => c.source === 'a.txt').map((c) => c.id)).toEqual(first.index.clauses.filter((c) => c.source === 'a.txt').map((c) => c.id));
    // the old b.txt windows are deleted from the graph: a search never returns them
    const q = await embedder.embedQuery('保障措施 组织领导');
    for (const n of index.vectorStore.search(q, index.passages.length)) expect(index.passages[n.id]!.clause).toBeGreaterThanOrEqual(0);

    rmSync(join(w.seeds, 'b.txt'));
    rmSync(join(w.seeds, 'b.meta.json'), { force: true });
    const after = await open(w);
    expect(after.events[0]).toMatchObject({ type: 'updating', sources: ['b.txt'] });
    expect(after.index.clauses.some((c) => c.source === 'b.txt')).toBe(false);
    expect(after.index.vectorStore.search(q, 50).every((n) => after.index.clauses[after.index.passages[n.id]!.clause]!.source === 'a.txt')).toBe(true);
  });

  it('keeps its stored keyword and bigram postings equal to a build from scratch when a seed changes', async () => {
    const w = workspace();
    await open(w);
    // a.txt comes first: its clauses leave and come back last, so every clause of b.txt is renumbered
    const a = join(w.seeds, 'a.txt');
    writeFileSync(a, readFileSync(a, 'utf8').replace('第四条 居住证有效期为一年。', '第四条 居住证有效期为一年。\n  第五条 居住证持有人可以在居住地申请机动车登记。'));
    const { index, events } = await open(w);
    expect(events[0]).toMatchObject({ type: 'updating', sources: ['a.txt'] });
    expect(index.clauses.at(-1)!.source).toBe('a.txt');
    const docOf = (i: number) => index.documents.get(index.clauses[i]!.docId)!;
    const keyword = buildKeywordIndex(index.clauses.map((_, i) => index.keywordTerms(i)));
    const bigram = buildKeywordIndex(index.clauses.map((c, i) => bigramTermsOf(keywordTextOf(c, docOf(i)), docOf(i).title, c.headingPath, BIGRAM_HEADING_REPEAT)));
    expect(postingsOf(index.keyword)).toEqual(postingsOf(keyword));
    expect(postingsOf(index.bigram.index)).toEqual(postingsOf(bigram));
    expect([index.keyword.avgLength, index.bigram.index.avgLength]).toEqual([keyword.avgLength, bigram.avgLength]);
    expect(documentFrequency(index.bigram.index, '机动')).toBe(1);
  });

  it('rebuilds, not crashes, when the manifest lacks a checksum entry', async () => {
    const w = workspace();
    await open(w);
    const path = join(w.dir, 'manifest.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    delete m.checksums['clauses.json'];
    writeFileSync(path, JSON.stringify(m));
    const { events } = await open(w);
    expect(events[0]).toMatchObject({ type: 'rebuilding', reason: expect.stringContaining('no checksum for clauses.json') });
  });

  it('says the index folder is not writable before embedding anything', async () => {
    const w = workspace();
    // under a regular file: a folder that cannot be created, even by root
    const blocker = join(w.seeds, '..', 'not-a-folder');
    writeFileSync(blocker, '');
    const dir = join(blocker, 'index');
    let embedded = 0;
    const counting: Embedder = { ...embedder, embedQuery: (t) => embedder.embedQuery(t), embedPassages: (texts, p) => ((embedded += texts.length), embedder.embedPassages(texts, p)) };
    const err = await ensureIndex({ dir, seedsDir: w.seeds, embedder: counting, tokenizer }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'IndexError', code: 'INDEX_READONLY', message: expect.stringContaining('cannot be written') });
    expect(embedded).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('says so for a read-only folder holding a stale index', async () => {
    const w = workspace();
    await open(w);
    appendFileSync(join(w.seeds, 'b.txt'), '\n三、保障措施\n加强组织领导。\n');
    chmodSync(w.dir, 0o555);
    chmodSync(join(w.dir, '..'), 0o555);
    try {
      await expect(open(w)).rejects.toMatchObject({ code: 'INDEX_READONLY' });
    } finally {
      chmodSync(join(w.dir, '..'), 0o755);
      chmodSync(w.dir, 0o755);
    }
  });

  it('names a damaged tokenizer.json or config.json of the model instead of a raw SyntaxError', () => {
    const root = mkdtempSync(join(tmpdir(), 'model-'));
    const model = join(root, 'bge');
    cpSync(resolve('embeddings/models/BAAI/bge-small-zh-v1.5'), model, { recursive: true });
    for (const f of ['tokenizer.json', 'config.json']) {
      const good = readFileSync(join(model, f));
      writeFileSync(join(model, f), '{ garbage');
      expect(() => locateModel(model)).toThrow(expect.objectContaining({ code: 'MODEL_CORRUPT', message: expect.stringContaining(f) }));
      writeFileSync(join(model, f), good);
    }
    expect(locateModel(model).dir).toBe(model);
  });

  it('detects a truncated or damaged file by checksum and rebuilds instead of crashing', async () => {
    const w = workspace();
    await open(w);
    truncateSync(join(w.dir, 'hnsw.bin'), 100);
    const r1 = await open(w);
    expect(r1.events[0]).toMatchObject({ type: 'rebuilding', reason: expect.stringContaining('hnsw.bin is damaged') });
    writeFileSync(join(w.dir, 'manifest.json'), '{ not json');
    const r2 = await open(w);
    expect(r2.events[0]).toMatchObject({ type: 'rebuilding', reason: expect.stringContaining('not valid JSON') });
    expect(r2.index.vectorStore.count).toBe(r2.index.passages.length);
  });

  it('refuses an index from another format version', async () => {
    const w = workspace();
    await open(w);
    const path = join(w.dir, 'manifest.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"formatVersion": 4', '"formatVersion": 1'));
    const { events } = await open(w);
    expect(events[0]).toMatchObject({ reason: 'the index is stale: index format 1, this code reads 4' });
  });

  it('finds a clause by meaning through HNSW, as its best window', async () => {
    const { index } = await open(workspace());
    const q = await embedder.embedQuery('外地人住满半年能不能办居住证');
    const [best] = index.vectorStore.search(q, 1);
    const clause = index.clauses[index.passages[best!.id]!.clause]!;
    expect(clause.articleNo).toBe('第三条');
  });
});
