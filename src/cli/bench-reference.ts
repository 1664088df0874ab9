import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeQuery, buildReferenceCatalog, resolveReference } from '../search/index.js';
import { createRuntime } from '../app/runtime.js';
import { PROJECT_ROOT } from '../app/paths.js';

/*
 * `npm run bench -- --reference`: the reference resolver's cost per question (budget < 0.1 ms),
 * next to embedding the same questions, in one process. The questions are the dev set's (only
 * as a workload) plus questions that name references, so both paths are timed.
 */
export async function benchReference(): Promise<void> {
  const rt = await createRuntime({ env: { ...process.env, BOT_TOKEN: undefined, LOG_LEVEL: 'silent' }, watchMs: 0 });
  const dev = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
  let questions: string[] = [];
  try {
    questions = readFileSync(dev, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { question: string }).question);
  } catch {
    // no shared set beside the project: the reference questions alone
  }
  questions.push('示政办发〔2018〕85号第二十二条是什么内容', '户口迁移实施细则第十三条', '第22条讲的什么', '慈政发(2017)38号', '工作要点附件二第29项', '户口迁移细则是哪个单位发的');
  const texts = questions.map((q) => analyzeQuery(q).text);
  let t = performance.now();
  const catalog = buildReferenceCatalog(rt.index.documents.values(), rt.index.clauses);
  const buildMs = performance.now() - t;
  for (const q of texts) resolveReference(q, catalog); // warm up
  const rounds = 20;
  t = performance.now();
  let named = 0;
  for (let r = 0; r < rounds; r++) for (const q of texts) named += resolveReference(q, catalog) ? 1 : 0;
  const resolveMs = (performance.now() - t) / (rounds * texts.length);
  const embedder = rt.embedder;
  t = performance.now();
  for (const q of texts.slice(0, 50)) await embedder.embedQuery(q);
  const embedMs = (performance.now() - t) / Math.min(50, texts.length);
  console.log(JSON.stringify({
    questions: texts.length,
    catalogBuildMs: +buildMs.toFixed(2),
    resolveMsPerQuestion: +resolveMs.toFixed(4),
    embedMsPerQuestion: +embedMs.toFixed(2),
    resolveShareOfEmbed: +(resolveMs / embedMs).toFixed(5),
    namingReference: named / rounds,
  }, null, 2));
}
