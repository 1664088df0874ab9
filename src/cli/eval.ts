import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { orUsage, parseCommandLine } from './args.js';
import { BatchQuestionSchema, readJsonLines } from './batch.js';
import { exitWith } from './fail.js';
import { PROJECT_ROOT } from '../app/paths.js';
import { batchRecord } from './report.js';
import { answererDeps, createRuntime, type Runtime } from '../app/runtime.js';
import { printIndexEvent } from './progress.js';
import { createAnswerer, fitAbstainModel, type AbstainModel, type Answerer, type Prepared } from '../answer/index.js';
import { createSearcher, type SearchParams } from '../search/index.js';
import type { Embedder } from '../index/index.js';
import { formatSpread, spreadOf, stratifiedFolds } from '../eval/folds.js';
import { noiseLines } from '../eval/noise.js';
import { chunksOf, createBaseline, type BaselineSearcher } from '../eval/baseline.js';
import { createJiebaTokenizer, type Tokenizer } from '../index/index.js';
import { decodeSeed, listSeeds } from '../ingest/index.js';
import { EVERYDAY_OFF_TOPIC, IN_DOMAIN_PARAPHRASES, splitHeldOut } from '../eval/everyday.js';
import { z } from 'zod';

const USAGE = `用法：npm run eval [-- GOLD.jsonl]
       npm run eval -- --folds 5 [--gold FILE] [--seeds DIR --places 地名,…] [--knobs] [--baseline] [--write-model]
  --folds N      N 折交叉验证（按 persona 分层，固定种子），打印留出折的均值 ± 标准差
  --knobs        同时比较各项设置（每折在训练折上选择，留出折上评分）
  --seeds DIR    另一个语料（在临时目录建索引），配合 --gold
  --baseline     同时评测基线：500 字切块上的 jieba BM25 + 向量检索倒数排名融合
  --write-model  在全部评测集上拟合弃答模型，写入 src/answer/abstain-model.ts
  --no-extra     拟合时不用自编的日常问题与领域内问题（对比用）
  --features A,B 弃答模型只用这些信号（对比用；默认全部）`;

type Scorer = { score: (g: unknown[], r: unknown[]) => ScoreOut };
interface GroupRow { n: number; 'hit@1': number | null; 'hit@5': number | null; 'mrr@10': number | null; answerHit: number | null; falseAbstain: number | null }
interface ScoreOut { table: Record<string, GroupRow>; outOfScope: { n: number; abstained: number | null } }

const GoldSchema = BatchQuestionSchema.extend({ persona: z.string().optional(), answerable: z.boolean() }).passthrough();
type Gold = z.infer<typeof GoldSchema>;

/** Settings compared with --knobs; each is a change from today's defaults (README, "Measurements"). */
const KNOBS: { name: string; params: Partial<SearchParams> }[] = [
  { name: 'defaults', params: {} },
  { name: 'no thesaurus', params: { officialTermWeight: 0 } },
  { name: 'no kind boost', params: { kindFactor: 1 } },
  { name: 'no region factor', params: { otherRegionFactor: 1 } },
  { name: 'dense 1.5, no clause vector (before)', params: { denseWeight: 1.5, clauseVectorWeight: 0 } },
  { name: 'rrf k=30', params: { fusion: 'rrf' } },
  { name: 'follow-up ctx 1.5', params: { followUpContextWeight: 1.5 } },
  { name: 'no bigrams (before)', params: { bigramWeight: 0, headingRepeat: 0 } },
  { name: 'bigram 0.5', params: { bigramWeight: 0.5 } },
  { name: 'bigram 1.5', params: { bigramWeight: 1.5 } },
  { name: 'bigram, headings ×0', params: { headingRepeat: 0 } },
  { name: 'bigram, headings ×4', params: { headingRepeat: 4 } },
  { name: 'dense 2.0', params: { denseWeight: 2 } },
  { name: 'keyword 1.5', params: { keywordWeight: 1.5 } },
  { name: 'kind boost 1.1', params: { kindFactor: 1.1 } },
  { name: 'bigram 0.5, no kind boost', params: { bigramWeight: 0.5, kindFactor: 1 } },
  { name: 'bigram 0.5, no thesaurus', params: { bigramWeight: 0.5, officialTermWeight: 0 } },
  { name: 'bigram 0.5, no thesaurus, no kind boost', params: { bigramWeight: 0.5, officialTermWeight: 0, kindFactor: 1 } },
  { name: 'clause vector 0.5', params: { clauseVectorWeight: 0.5 } },
  { name: 'clause vector 1.0', params: { clauseVectorWeight: 1 } },
  { name: 'clause vector 1.0, bigram 0.5', params: { clauseVectorWeight: 1, bigramWeight: 0.5 } },
  { name: 'clause vector 1.5, bigram 0.5', params: { clauseVectorWeight: 1.5, bigramWeight: 0.5 } },
  { name: 'clause vector 1.0, bigram 0.5, no thesaurus', params: { clauseVectorWeight: 1, bigramWeight: 0.5, officialTermWeight: 0 } },
  { name: 'clause vector 1.0, dense 1.0', params: { clauseVectorWeight: 1, denseWeight: 1 } },
  { name: 'clause vector 1.0, dense 1.0, bigram 0.5', params: { clauseVectorWeight: 1, denseWeight: 1, bigramWeight: 0.5 } },
  { name: 'clause vector 1.0, bigram 0.75', params: { clauseVectorWeight: 1, bigramWeight: 0.75 } },
  { name: 'clause vector 1.5, dense 1.0, bigram 0.75', params: { clauseVectorWeight: 1.5, denseWeight: 1, bigramWeight: 0.75 } },
  { name: 'clause vector 1.5, dense 1.0', params: { clauseVectorWeight: 1.5, denseWeight: 1 } },
  { name: 'no named-document factor', params: { otherDocumentFactor: 1 } },
  { name: 'named-document factor 0.25', params: { otherDocumentFactor: 0.25 } },
];

/** Generated noise is easy to tell apart; weighed fully it would teach the model little but "is it Chinese". */
const NOISE_WEIGHT = 0.25;
/** The written everyday and in-domain questions count as much as a dev question: they are real questions, only not graded clause by clause. */
const EXTRA_WEIGHT = 1;

/** The same question embedded once per run: knob settings differ only after the embedding. */
function cachedEmbedder(e: Embedder): Embedder {
  const cache = new Map<string, Promise<Float32Array>>();
  return { ...e, embedQuery: (t) => cache.get(t) ?? (cache.set(t, e.embedQuery(t)), cache.get(t)!), embedPassages: (t, p) => e.embedPassages(t, p) };
}

const COLUMNS = ['hit@1', 'hit@5', 'MRR@10', 'answerHit', 'citizen hit@5', 'citizen answerHit', 'out-of-scope not found', 'false not found', 'follow-up hit@1', 'noise not found'] as const;
type Row = Record<(typeof COLUMNS)[number], number | null>;

function rowOf(out: ScoreOut, noise: { n: number; abstained: number }): Row {
  const t = out.table;
  return {
    'hit@1': t.all?.['hit@1'] ?? null,
    'hit@5': t.all?.['hit@5'] ?? null,
    'MRR@10': t.all?.['mrr@10'] ?? null,
    answerHit: t.all?.answerHit ?? null,
    'citizen hit@5': t['persona:citizen']?.['hit@5'] ?? null,
    'citizen answerHit': t['persona:citizen']?.answerHit ?? null,
    'out-of-scope not found': out.outOfScope.n ? out.outOfScope.abstained : null,
    'false not found': t.all?.falseAbstain ?? null,
    'follow-up hit@1': t['follow-up']?.['hit@1'] ?? null,
    'noise not found': noise.n ? +((100 * noise.abstained) / noise.n).toFixed(1) : null,
  };
}

/** What the training folds maximise when choosing a setting: retrieval and the answers a citizen reads. */
const objective = (r: Row) => (r['hit@5'] ?? 0) + 100 * (r['MRR@10'] ?? 0) + (r.answerHit ?? 0) + (r['out-of-scope not found'] ?? 0) / 4;

interface Run {
  name: string;
  answerer: Answerer;
  gold: Prepared[];
  noise: Prepared[];
  heldNoise: Prepared[];
  /** Written questions (everyday.ts): training slices and held-out slices. */
  offTopic: Prepared[];
  heldOffTopic: Prepared[];
  inDomain: Prepared[];
  heldInDomain: Prepared[];
}

async function main(): Promise<void> {
  const { values, positionals } = orUsage(USAGE, () =>
    parseCommandLine(process.argv.slice(2), { folds: { type: 'string' }, gold: { type: 'string' }, seeds: { type: 'string' }, places: { type: 'string' }, knobs: { type: 'boolean' }, baseline: { type: 'boolean' }, 'write-model': { type: 'boolean' }, 'no-extra': { type: 'boolean' }, features: { type: 'string' } }, 1),
  );
  const goldPath = resolve(values.gold ?? positionals[0] ?? resolve(PROJECT_ROOT, '../shared/eval/dev.jsonl'));
  const scorerPath = resolve(PROJECT_ROOT, '../shared/eval/score.mjs');
  if (!existsSync(goldPath) || !existsSync(scorerPath)) {
    process.stderr.write(`需要评测集与评分脚本：${goldPath}、${scorerPath}（放在项目旁的 ../shared/ 下）\n`);
    process.exit(2);
  }
  const folds = values.folds === undefined ? 0 : Number(values.folds);
  if (values.folds !== undefined && !(Number.isInteger(folds) && folds >= 2)) {
    process.stderr.write(`错误：--folds 需要不小于 2 的整数\n${USAGE}\n`);
    process.exit(2);
  }
  const { score } = (await import(pathToFileURL(scorerPath).href)) as Scorer;
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent' };
  if (values.seeds) {
    const seeds = resolve(values.seeds);
    // the other corpus gets its own index, in a temporary folder named by its path
    const dir = join(tmpdir(), `policy-qa-eval-${createHash('sha256').update(seeds).digest('hex').slice(0, 12)}`);
    mkdirSync(dir, { recursive: true });
    Object.assign(env, { SEEDS_DIR: seeds, INDEX_DIR: dir });
  }
  if (values.places) env.PLACES = values.places;
  const rt = await createRuntime({ env, onIndexEvent: printIndexEvent });
  const gold = readJsonLines(goldPath, GoldSchema);

  const baseline = values.baseline ? await baselineOf(rt.config.paths.seeds, rt.embedder, createJiebaTokenizer(), join(tmpdir(), 'policy-qa-eval-baseline')) : null;
  const baselineRecords = baseline ? await baselineResults(baseline, gold) : null;

  if (!folds) {
    if (baselineRecords) {
      console.log(`baseline (jieba BM25 + dense, RRF k=60, ${baseline!.chunks.length} chunks of 500 characters):`);
      console.table(score(gold, baselineRecords).table);
    }
    const results = [];
    for (const q of gold) results.push(batchRecord(q.id, await rt.answerer.answer({ question: q.question, context: q.context, top: 10 }), rt.prompts, rt.corpus, 10));
    const out = score(gold, results);
    console.table(out.table);
    console.log('out of scope:', out.outOfScope);
    return;
  }

  const embedder = cachedEmbedder(rt.embedder);
  const noise = noiseLines(80, 7);
  const heldNoise = noiseLines(80, 11);
  // the written questions are about the seeds: another corpus is checked on its own gold only.
  // --no-extra still reports the held-out slices, to show what fitting on the rest changes
  const written = !values.seeds;
  const extra = written && !values['no-extra'];
  const offTopic = written ? splitHeldOut(EVERYDAY_OFF_TOPIC) : { train: [], held: [] };
  const inDomain = written ? splitHeldOut(IN_DOMAIN_PARAPHRASES) : { train: [], held: [] };
  if (!extra) offTopic.train = inDomain.train = [];
  const knobs = values.knobs ? KNOBS : KNOBS.slice(0, 1);
  const runs: Run[] = [];
  for (const knob of knobs) {
    const searcher = createSearcher({ index: rt.index, embedder, tokenizer: rt.tokenizer, params: knob.params, places: rt.config.places });
    const answerer = createAnswerer(answererDeps(rt.index, searcher, rt.tokenizer, rt.config.places, embedder));
    const prep = (question: string, context?: string[]) => answerer.prepare({ question, context, top: 10 });
    const run: Run = { name: knob.name, answerer, gold: [], noise: [], heldNoise: [], offTopic: [], heldOffTopic: [], inDomain: [], heldInDomain: [] };
    for (const q of gold) run.gold.push(await prep(q.question, q.context));
    for (const q of noise) run.noise.push(await prep(q));
    for (const q of heldNoise) run.heldNoise.push(await prep(q));
    for (const q of offTopic.train) run.offTopic.push(await prep(q));
    for (const q of offTopic.held) run.heldOffTopic.push(await prep(q));
    for (const q of inDomain.train) run.inDomain.push(await prep(q));
    for (const q of inDomain.held) run.heldInDomain.push(await prep(q));
    runs.push(run);
  }

  const foldOf = stratifiedFolds(gold, (g) => `${g.persona ?? '?'}|${g.answerable}|${g.context?.length ? 'f' : 's'}`, folds);
  const extraSamples = (run: Run) => [
    ...run.offTopic.map((p) => ({ signals: p.signals, answerable: false, weight: EXTRA_WEIGHT })),
    ...run.inDomain.map((p) => ({ signals: p.signals, answerable: true, weight: EXTRA_WEIGHT, setsThreshold: false })),
  ];
  const fit = (run: Run, idx: number[], noiseIdx: number[]) =>
    fitAbstainModel([
      ...idx.map((i) => ({ signals: run.gold[i]!.signals, answerable: gold[i]!.answerable })),
      ...noiseIdx.map((i) => ({ signals: run.noise[i]!.signals, answerable: false, weight: NOISE_WEIGHT })),
      ...extraSamples(run),
    ], { use: values.features?.split(',') });
  const notFoundShare = (run: Run, set: Prepared[], model: AbstainModel) =>
    set.length ? +((100 * set.filter((p) => run.answerer.decide(p, model).status === 'not-found').length) / set.length).toFixed(1) : null;
  const heldWritten: { offTopic: (number | null)[]; inDomain: (number | null)[] } = { offTopic: [], inDomain: [] };
  const scoreOn = (run: Run, idx: number[], model: AbstainModel, noiseSet: Prepared[]): Row => {
    const records = idx.map((i) => batchRecord(gold[i]!.id, run.answerer.decide(run.gold[i]!, model), rt.prompts, rt.corpus, 10));
    const noiseAbstained = noiseSet.filter((p) => run.answerer.decide(p, model).status === 'not-found').length;
    return rowOf(score(idx.map((i) => gold[i]!), records), { n: noiseSet.length, abstained: noiseAbstained });
  };

  const perRun = new Map<string, Row[]>();
  const selected: Row[] = [];
  const picks: string[] = [];
  for (let f = 0; f < folds; f++) {
    const train = gold.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const test = gold.map((_, i) => i).filter((i) => foldOf[i] === f);
    // noise for training from one generator, for scoring from another: the held-out check sees strings it was not fitted on
    const noiseTrain = noise.map((_, i) => i);
    let best: { run: Run; model: AbstainModel; obj: number } | null = null;
    for (const run of runs) {
      const model = fit(run, train, noiseTrain);
      const held = scoreOn(run, test, model, run.heldNoise);
      perRun.set(run.name, [...(perRun.get(run.name) ?? []), held]);
      const obj = objective(scoreOn(run, train, model, run.noise));
      if (!best || obj > best.obj) best = { run, model, obj };
    }
    selected.push(scoreOn(best!.run, test, best!.model, best!.run.heldNoise));
    heldWritten.offTopic.push(notFoundShare(best!.run, best!.run.heldOffTopic, best!.model));
    heldWritten.inDomain.push(notFoundShare(best!.run, best!.run.heldInDomain, best!.model));
    picks.push(best!.run.name);
  }

  const table: Record<string, Record<string, string>> = {};
  const summarise = (rows: Row[]) => Object.fromEntries(COLUMNS.map((c) => [c, formatSpread(spreadOf(rows.map((r) => r[c])), c === 'MRR@10' ? 3 : 1)]));
  for (const [name, rows] of perRun) table[name] = summarise(rows);
  if (runs.length > 1) table['chosen on training folds'] = summarise(selected);
  if (baselineRecords) {
    const rows: Row[] = [];
    for (let f = 0; f < folds; f++) {
      const test = gold.map((_, i) => i).filter((i) => foldOf[i] === f);
      // retrieval only: it writes no answer and never abstains, so those columns stay empty
      const row = rowOf(score(test.map((i) => gold[i]!), test.map((i) => baselineRecords[i]!)), { n: 0, abstained: 0 });
      rows.push({ ...row, answerHit: null, 'citizen answerHit': null, 'out-of-scope not found': null, 'false not found': null });
    }
    table['baseline: jieba BM25 + dense RRF, 500-char chunks'] = summarise(rows);
  }
  console.log(`${folds}-fold cross-validation over ${goldPath} (${gold.length} questions, stratified by persona/answerable/follow-up; abstention model fitted on the training folds + generated noise); held-out folds, mean ± sd:`);
  console.table(table);
  if (runs.length > 1) console.log('chosen per fold:', picks.join(' | '));
  if (written) {
    console.log(
      `written held-out slices (src/eval/everyday.ts, never fitted on), per fold's model: everyday off-topic "not found" ${formatSpread(spreadOf(heldWritten.offTopic))} % (n ${offTopic.held.length}), ` +
        `in-domain paraphrases false "not found" ${formatSpread(spreadOf(heldWritten.inDomain))} % (n ${inDomain.held.length})`,
    );
  }

  if (values['write-model']) {
    const run = runs[0]!;
    const model = fitAbstainModel(
      [...run.gold.map((p, i) => ({ signals: p.signals, answerable: gold[i]!.answerable })), ...run.noise.map((p) => ({ signals: p.signals, answerable: false, weight: NOISE_WEIGHT })), ...extraSamples(run)],
      { fittedOn: `${gold.length} dev questions + ${noise.length} generated noise lines + ${run.offTopic.length} written everyday / ${run.inDomain.length} in-domain questions, settings "${run.name}"` },
    );
    const round = (v: number[]) => v.map((x) => +x.toFixed(6));
    const file = resolve(PROJECT_ROOT, 'src/answer/abstain-model.ts');
    writeFileSync(
      file,
      `import type { AbstainModel } from './abstain.js';\n\n/** Fitted by \`npm run eval -- --folds 5 --write-model\` (calibrate.ts); do not edit by hand. */\nexport const ABSTAIN_MODEL: AbstainModel = ${JSON.stringify({ ...model, mean: round(model.mean), scale: round(model.scale), weights: round(model.weights), bias: +model.bias.toFixed(6) }, null, 2)};\n`,
    );
    console.log(`abstention model written to ${file}: threshold ${model.threshold}, weights ${round(model.weights).join(', ')}`);
  }
}

/** The baseline over the seed files' plain text; chunk vectors cached by a hash of chunks and model. */
async function baselineOf(seedsDir: string, embedder: Embedder, tokenizer: Tokenizer, cacheDir: string): Promise<BaselineSearcher> {
  const sources = listSeeds(seedsDir).map((source) => ({ source, text: decodeSeed(source, readFileSync(join(seedsDir, source))) }));
  const chunks = chunksOf(sources);
  const key = createHash('sha256').update(embedder.modelSha256).update(JSON.stringify(chunks)).digest('hex').slice(0, 16);
  const file = join(cacheDir, `chunks-${key}.f32`);
  let vectors: Float32Array[];
  if (existsSync(file)) {
    const all = new Float32Array(new Uint8Array(readFileSync(file)).buffer);
    vectors = chunks.map((_, i) => all.subarray(i * embedder.dimensions, (i + 1) * embedder.dimensions));
  } else {
    process.stderr.write(`baseline: embedding ${chunks.length} chunks…\n`);
    vectors = await embedder.embedPassages(chunks.map((c) => c.text));
    mkdirSync(cacheDir, { recursive: true });
    const all = new Float32Array(chunks.length * embedder.dimensions);
    vectors.forEach((v, i) => all.set(v, i * embedder.dimensions));
    writeFileSync(file, Buffer.from(all.buffer));
  }
  return createBaseline(chunks, vectors, embedder, tokenizer);
}

/** The baseline's batch records: it never abstains; a follow-up is searched with the question before it prepended. */
async function baselineResults(baseline: BaselineSearcher, gold: Gold[]) {
  const records = [];
  for (const q of gold) {
    const text = [q.context?.[q.context.length - 1], q.question].filter(Boolean).join(' ');
    const chunks = await baseline.search(text, 10);
    records.push({ id: q.id, abstained: false, results: chunks.map((c) => ({ text: c.text, source: c.source })) });
  }
  return records;
}

main().catch(exitWith);
export type { Runtime };
