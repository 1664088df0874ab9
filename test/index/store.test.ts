import { beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createIntlTokenizer, createTransformersEmbedder, ensureIndex, type Embedder, type IndexEvent } from '../../src/index/index.js';
import { FIXTURES } from '../helpers.js';

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
    expect(first.index.manifest).toMatchObject({ formatVersion: 2, model: { id: 'BAAI/bge-small-zh-v1.5', dimensions: 512 }, tokenizer: expect.stringMatching(/^intl-segmenter\+sw[0-9a-f]{8}$/), counts: { documents: 3 } });
    const second = await open(w);
    expect(second.events.map((e) => e.type)).toEqual(['opened']);
    expect(second.index.clauses.map((c) => c.id)).toEqual(first.index.clauses.map((c) => c.id));
  });

  it('is rebuilt when the seeds change, saying so', async () => {
    const w = workspace();
    await open(w);
    appendFileSync(join(w.seeds, 'b.txt'), '\n三、保障措施\n加强组织领导，落实工作责任。\n');
    const { events, index } = await open(w);
    expect(events[0]).toEqual({ type: 'rebuilding', reason: 'the index is stale: the seeds changed' });
    expect(index.clauses.some((c) => c.text.includes('落实工作责任'))).toBe(true);
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
    writeFileSync(path, readFileSync(path, 'utf8').replace('"formatVersion": 2', '"formatVersion": 1'));
    const { events } = await open(w);
    expect(events[0]).toMatchObject({ reason: 'the index is stale: index format 1, this code reads 2' });
  });

  it('finds a clause by meaning through HNSW, as its best window', async () => {
    const { index } = await open(workspace());
    const q = await embedder.embedQuery('外地人住满半年能不能办居住证');
    const [best] = index.vectorStore.search(q, 1);
    const clause = index.clauses[index.passages[best!.id]!.clause]!;
    expect(clause.articleNo).toBe('第三条');
  });
});
