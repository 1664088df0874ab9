import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConfig } from '../config/index.js';
import { createTransformersEmbedder, createTokenizer, ensureIndex, exactSearch, INDEX_FORMAT_VERSION, type Embedder } from '../index/index.js';
import { createSearcher } from '../search/index.js';
import { orUsage, parseCommandLine, UsageError } from './args.js';
import { exitWith } from './fail.js';
import { PROJECT_ROOT } from '../app/paths.js';
import { readBatch } from './batch.js';
import { createRuntime } from '../app/runtime.js';

/*
 * `npm run bench`: figures, not pass/fail. The build and the serving phase each run in a
 * child process so that each one's peak RSS is its own.
 */
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (t0: number) => performance.now() - t0;

async function buildPhase(): Promise<void> {
  const config = createConfig(process.env, PROJECT_ROOT);
  // a scaled run keeps the index it built (in DIR/index, its INDEX_DIR) for its serving phase; the 1× run
  // builds in a throwaway folder. (It was DIR/index/index once: the serving phase then built it all again.)
  const keep = process.env.BENCH_INDEX_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'bench-index-'));
  const embedder = await createTransformersEmbedder({ modelDir: config.paths.model });
  const t0 = performance.now();
  const index = await ensureIndex({ dir: join(dir, 'index'), seedsDir: config.paths.seeds, embedder, tokenizer: createTokenizer(config.tokenizer), force: true });
  const seconds = ms(t0) / 1000;
  const bytes = readdirSync(join(dir, 'index')).reduce((n, f) => n + statSync(join(dir, 'index', f)).size, 0);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  console.log(JSON.stringify({ seconds, clauses: index.clauses.length, passages: index.passages.length, indexBytes: bytes, peakRssMb: rssMb() }));
}

async function servePhase(questionsFile: string): Promise<void> {
  const t0 = performance.now();
  const config = createConfig(process.env, PROJECT_ROOT);
  const embedder = await createTransformersEmbedder({ modelDir: config.paths.model, queryInstruction: config.queryInstruction });
  const modelLoadMs = ms(t0);
  const rt = await createRuntime({ embedder });
  const startMs = ms(t0);
  const questions = readBatch(questionsFile);
  for (const q of questions.slice(0, 10)) await rt.answerer.answer({ question: q.question, context: q.context }); // warm-up
  const search: number[] = [], answer: number[] = [], embed: number[] = [], exact: number[] = [], hnsw: number[] = [];
  let recall = 0;
  const dim = rt.index.manifest.model.dimensions;
  for (const q of questions) {
    let t = performance.now();
    await rt.searcher.search({ question: q.question, context: q.context, top: 10 });
    search.push(ms(t));
    t = performance.now();
    await rt.answerer.answer({ question: q.question, context: q.context, top: 10 });
    answer.push(ms(t));
    t = performance.now();
    const v = await rt.embedder.embedQuery(q.question);
    embed.push(ms(t));
    t = performance.now();
    const approx = rt.index.vectorStore.search(v, 10);
    hnsw.push(ms(t));
    t = performance.now();
    const truth = exactSearch(rt.index.vectors, dim, v, 10);
    exact.push(ms(t));
    const truthIds = new Set(truth.map((n) => n.id));
    recall += approx.filter((n) => truthIds.has(n.id)).length / truth.length;
  }
  // the search again with every question's (and context's) vector ready: what a search costs besides
  // embedding, measured, not taken as a difference of two percentiles (a follow-up embeds twice)
  const vectors = new Map<string, Float32Array>();
  const cached: Embedder = { ...rt.embedder, embedPassages: (t, p) => rt.embedder.embedPassages(t, p), embedQuery: async (t) => vectors.get(t) ?? vectors.set(t, await rt.embedder.embedQuery(t)).get(t)! };
  const bare = createSearcher({ index: rt.index, embedder: cached, tokenizer: rt.tokenizer });
  for (const q of questions) await bare.search({ question: q.question, context: q.context, top: 10 });
  const besides: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await bare.search({ question: q.question, context: q.context, top: 10 });
    besides.push(ms(t));
  }
  console.log(JSON.stringify({
    startMs, modelLoadMs, besides: { p50: pct(besides, 50), p95: pct(besides, 95) }, questions: questions.length, vectors: rt.index.passages.length,
    search: { p50: pct(search, 50), p95: pct(search, 95) },
    answer: { p50: pct(answer, 50), p95: pct(answer, 95) },
    embedQuery: { p50: pct(embed, 50), p95: pct(embed, 95) },
    hnsw: { p50: pct(hnsw, 50), p95: pct(hnsw, 95) },
    exact: { p50: pct(exact, 50), p95: pct(exact, 95) },
    recallAt10: recall / questions.length,
    peakRssMb: rssMb(),
  }));
}

function child(args: string[], env: NodeJS.ProcessEnv = process.env): Record<string, any> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, 'src/cli/bench.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  // --load: the bot process under concurrent chats (its own file; figures printed as a table)
  if (process.argv.includes('--load')) {
    const file = orUsage('用法：npm run bench -- --load [QUESTIONS.jsonl]', () => {
      const { positionals } = parseCommandLine(process.argv.slice(2).filter((a) => a !== '--load'), {}, 1);
      const path = resolve(positionals[0] ?? resolve(PROJECT_ROOT, '../shared/eval/dev.jsonl'));
      if (!existsSync(path)) throw new UsageError(`找不到问题文件：${path}`);
      return path;
    });
    return (await import('./bench-load.js')).runLoadBench(file);
  }
  if (process.argv.includes('--library')) return (await import('./bench-library.js')).benchLibrary();
  if (process.argv.includes('--reference')) return (await import('./bench-reference.js')).benchReference();
  // --phase is internal: how the benchmark runs its own child processes
  const { phase, questions, scale, keep } = orUsage('用法：npm run bench [-- QUESTIONS.jsonl] [--scale N [--keep DIR]]', () => {
    const { values, positionals } = parseCommandLine(process.argv.slice(2), { phase: { type: 'string' }, scale: { type: 'string' }, keep: { type: 'string' } }, 1);
    const file = resolve(positionals[0] ?? resolve(PROJECT_ROOT, '../shared/eval/dev.jsonl'));
    if (values.phase !== 'build' && !existsSync(file)) throw new UsageError(`找不到问题文件：${file}`);
    const n = values.scale === undefined ? 1 : Number(values.scale);
    if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError('--scale 应为 1 到 50 的整数');
    if (values.keep !== undefined && n === 1) throw new UsageError('--keep 只用于 --scale N（N > 1）');
    return { phase: values.phase, questions: file, scale: n, keep: values.keep === undefined ? null : resolve(values.keep) };
  });
  if (phase === 'build') return buildPhase();
  if (phase === 'serve') return servePhase(questions);
  const f = (x: number) => x.toFixed(2);
  let env = process.env;
  let work: string | null = null;
  let built: Record<string, any> | null = null;
  if (scale > 1) {
    // --keep DIR: the scaled corpus, its index and the build's figures stay in DIR, and a later run
    // with the same DIR and scale serves from them (a 10× build is minutes of both cores)
    work = keep ?? mkdtempSync(join(tmpdir(), `bench-x${scale}-`));
    const record = join(work, 'build.json');
    if (keep && existsSync(record)) {
      const r = JSON.parse(readFileSync(record, 'utf8'));
      if (r.scale === scale && r.formatVersion === INDEX_FORMAT_VERSION) built = r.build;
    }
    const seeds = built ? join(work, 'seeds') : scaledSeeds(createConfig(process.env, PROJECT_ROOT).paths.seeds, join(work, 'seeds'), scale);
    env = { ...process.env, SEEDS_DIR: seeds, INDEX_DIR: join(work, 'index'), BENCH_INDEX_DIR: work, LIBRARY_DIR: join(work, 'library') };
    console.log(`a corpus ${scale}× the seeds, each copy's figures varied, in ${work}`);
  }
  if (built) console.log(`build figures from the earlier run kept in ${work}`);
  else console.log('building the index from scratch (child process)…');
  const b = built ?? child(['--phase', 'build'], env);
  if (keep && !built) writeFileSync(join(keep, 'build.json'), JSON.stringify({ scale, formatVersion: INDEX_FORMAT_VERSION, build: b }));
  console.log('serving the questions (child process)…');
  const s = child(['--phase', 'serve', questions], env);
  if (work && !keep) rmSync(work, { recursive: true, force: true });
  console.log(`
index build        ${f(b.seconds)} s, ${b.clauses} clauses (${f(b.clauses / b.seconds)} clauses/s), ${b.passages} passages embedded
build peak RSS     ${b.peakRssMb} MB
index on disk      ${f(b.indexBytes / 1e6)} MB
model load         ${f(s.modelLoadMs)} ms   (cold start with index open: ${f(s.startMs)} ms)
questions          ${s.questions} (warm, one process)
search             p50 ${f(s.search.p50)} ms   p95 ${f(s.search.p95)} ms   (embed query + HNSW + keyword + fusion)
  embed query      p50 ${f(s.embedQuery.p50)} ms   p95 ${f(s.embedQuery.p95)} ms
  besides embed    p50 ${f(s.besides.p50)} ms   p95 ${f(s.besides.p95)} ms   (the same searches, vectors ready: ${f(s.besides.p50 / s.embedQuery.p50)}× the embedding; budget 0.2×)
  HNSW top-10      p50 ${f(s.hnsw.p50)} ms   p95 ${f(s.hnsw.p95)} ms
  exact top-10     p50 ${f(s.exact.p50)} ms   p95 ${f(s.exact.p95)} ms   (brute force over the same ${s.vectors} vectors)
full answer        p50 ${f(s.answer.p50)} ms   p95 ${f(s.answer.p95)} ms   (search + excerpts + abstention)
HNSW recall@10     ${f(s.recallAt10)} vs exact
serving peak RSS   ${s.peakRssMb} MB`);
}

/*
 * The seeds N times over, for how cost grows with the library. Copy k shifts every digit but a
 * number's first by k (a year keeps four digits), so
 * 文号, dates, sums and article texts differ between copies (no two clauses embed alike) while
 * the language and structure stay those of real policy text.
 */
function scaledSeeds(from: string, to: string, n: number): string {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(from).filter((f) => f.endsWith('.txt'));
  names.forEach((name, i) => {
    const text = readFileSync(join(from, name), 'utf8');
    const meta = join(from, name.replace(/\.txt$/, '.meta.json'));
    for (let k = 0; k < n; k++) {
      // ingestion names a seed's documents by the first three characters of its file name
      const copy = `${String(k * names.length + i).padStart(3, '0')}_${name.replace(/\.txt$/, '').slice(4)}-x${k}`;
      writeFileSync(join(to, `${copy}.txt`), k === 0 ? text : text.replace(/(?<=\d)\d/g, (d) => String((Number(d) + k) % 10)));
      if (existsSync(meta)) copyFileSync(meta, join(to, `${copy}.meta.json`));
    }
  });
  return to;
}

main().catch(exitWith);
