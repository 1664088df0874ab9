import { mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig } from '../config/index.js';
import { createTransformersEmbedder, passageEmbeddingText, passagesOf } from '../index/index.js';
import { ingestEntry } from '../library/index.js';
import { createRuntime } from '../app/runtime.js';
import { PROJECT_ROOT } from '../app/paths.js';

/*
 * `npm run bench -- --library`: the cost of keeping the library current, on a copy of the built
 * index. A ~50-clause document is made from seed clauses (renumbered as 条) so its windows are
 * realistic; its add is compared with embedding the same windows alone, in the same process.
 */
export async function benchLibrary(): Promise<void> {
  const config = createConfig(process.env, PROJECT_ROOT);
  const work = mkdtempSync(join(tmpdir(), 'bench-library-'));
  cpSync(config.paths.index, join(work, 'index'), { recursive: true });
  const env = { ...process.env, BOT_TOKEN: undefined, LOG_LEVEL: 'silent', INDEX_DIR: join(work, 'index'), LIBRARY_DIR: join(work, 'library') };
  const embedder = await createTransformersEmbedder({ modelDir: config.paths.model });
  const rt = await createRuntime({ env, embedder, watchMs: 0 });
  const pool = rt.index.clauses.filter((c) => c.text.length > 40 && c.text.length < 220 && !c.docId.startsWith('L'));
  const articles = Array.from({ length: 50 }, (_, i) => `第${i + 1}条 ${pool[(i * 23) % pool.length]!.text.replace(/^第.+?条\s*/, '').replace(/\n/g, '')}`);
  const text = ['象山县基准测试政策汇编办法', '象政办发〔2099〕1号', ...articles, '象山县人民政府办公室', '2099年1月1日'].join('\n');
  const draft = ingestEntry(text, { id: 'L0000000', title: null, region: null, places: config.places });
  const doc = draft.documents[0]!;
  const windows = draft.clauses.flatMap((c, i) => passagesOf(c, i).map((p) => passageEmbeddingText(c, doc, p)));
  let t = performance.now();
  await embedder.embedPassages(windows);
  const embedMs = performance.now() - t;
  t = performance.now();
  const { reports } = await rt.library.add([{ name: 'bench.txt', bytes: Buffer.from(text) }]);
  const addMs = performance.now() - t;
  t = performance.now();
  await rt.library.remove(reports[0]!.entry.id);
  const removeMs = performance.now() - t;
  rmSync(work, { recursive: true, force: true });
  const f = (x: number) => x.toFixed(0);
  console.log(`
library: one document of ${draft.clauses.length} clauses (${windows.length} windows) into the built index (${rt.index.clauses.length} clauses)
  embed its windows alone   ${f(embedMs)} ms
  docs add (incremental)    ${f(addMs)} ms   (${(addMs / embedMs).toFixed(2)}× the embedding alone; target ≤ 1.5×, < 5 s)
  docs remove               ${f(removeMs)} ms`);
}
