import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfig, readEnv, type Config } from '../config/index.js';
import type { Clause, DocumentMeta } from '../ingest/index.js';
import { createTransformersEmbedder, createTokenizer, ensureIndex, expectationFor, isRebuildable, openIndex, type Embedder, type IndexEvent, type PolicyIndex, type Tokenizer } from '../index/index.js';
import { createSearcher, type Searcher, type SearchParams } from '../search/index.js';
import { collectionFrequency, documentFrequency, idf } from '../index/index.js';
import { ConversationStore, corpusSummary, createAnswerer, createDialogue, loadPrompts, statedPeriod, yearsIn, type Answerer, type AnswererDeps, type StatedPeriod, type CorpusSummary, type Dialogue, type Prompts } from '../answer/index.js';
import { createLibrary, type Library } from '../library/index.js';
import { PROJECT_ROOT } from './paths.js';
import { generalChinese } from './background.js';
import { domainRatio } from '../answer/abstain-domain.js';
import { anchorVectors } from '../answer/abstain-anchors.js';

/**
 * Everything that depends on the index, built together from one index. A question is answered
 * from one snapshot start to end; a library change builds a new snapshot and swaps it in whole.
 */
export interface Snapshot {
  index: PolicyIndex;
  searcher: Searcher;
  answerer: Answerer;
  corpus: CorpusSummary;
  clauseById: (id: string) => { clause: Clause; document: DocumentMeta } | null;
}

/** The wired stages, shared by every command and the bot. */
export interface Runtime {
  config: Config;
  embedder: Embedder;
  tokenizer: Tokenizer;
  /** The current snapshot's index (read again after a library change). */
  readonly index: PolicyIndex;
  /** Search and answers on whatever snapshot is current when a call starts. */
  searcher: Searcher;
  answerer: Answerer;
  prompts: Prompts;
  readonly corpus: CorpusSummary;
  clauseById: (id: string) => { clause: Clause; document: DocumentMeta } | null;
  /** The current snapshot, whole: use it where several reads must agree. */
  snapshot(): Snapshot;
  /** The staff's document library; its changes are published to this runtime at once. */
  library: Library;
  /** Pick up an index another process (`npm run docs`) changed; true when it swapped. */
  refresh(): boolean;
}

export interface RuntimeOptions {
  env?: Record<string, string | undefined>;
  forceRebuild?: boolean;
  searchParams?: Partial<SearchParams>;
  /** An embedder already loaded (the benchmark times the load itself). */
  embedder?: Embedder;
  /** Where index progress goes, worded from the reply templates; the terminal shows it on stderr so stdout stays clean for --json. */
  onIndexEvent?: (e: IndexEvent, prompts: Prompts) => void;
  /** How often to look for an index changed by another process, ms; 0: never. Default 5000. */
  watchMs?: number;
}

export async function createRuntime(o: RuntimeOptions = {}): Promise<Runtime> {
  const config = createConfig(o.env ?? readEnv(PROJECT_ROOT), PROJECT_ROOT);
  // templates first: a broken prompts file should fail before a minute of index building
  const prompts = loadPrompts(config.paths.prompts);
  const embedder = o.embedder ?? (await createTransformersEmbedder({ modelDir: config.paths.model, queryInstruction: config.queryInstruction }));
  const tokenizer = createTokenizer(config.tokenizer);

  const snapshotOf = (index: PolicyIndex): Snapshot => {
    const searcher = createSearcher({ index, embedder, tokenizer, params: o.searchParams, places: config.places });
    const answerer = createAnswerer(answererDeps(index, searcher, tokenizer, config.places, embedder));
    const byId = new Map(index.clauses.map((c) => [c.id, c]));
    const clauseById = (id: string) => {
      const clause = byId.get(id);
      return clause ? { clause, document: index.documents.get(clause.docId)! } : null;
    };
    return { index, searcher, answerer, corpus: corpusSummary([...index.documents.values()], config.places), clauseById };
  };

  let current: Snapshot | null = null;
  const expect = expectationFor(embedder, tokenizer);
  const library = createLibrary({
    dir: config.paths.library,
    indexDir: config.paths.index,
    embedder,
    tokenizer,
    places: config.places,
    maxBytes: config.maxUploadBytes,
    current: () => current!.index,
    publish: (index) => (current = snapshotOf(index)),
    reopen: () => openIndex(config.paths.index, expect),
  });
  const index = await ensureIndex({
    dir: config.paths.index,
    seedsDir: config.paths.seeds,
    extraSources: library.sources(),
    embedder,
    tokenizer,
    force: o.forceRebuild,
    onEvent: o.onIndexEvent && ((e) => o.onIndexEvent!(e, prompts)),
  });
  current = snapshotOf(index);
  // the abstention's everyday-topic anchors are embedded now, not on the first question
  await anchorVectors(embedder);

  const refresh = (): boolean => {
    let text: string;
    try {
      text = readFileSync(join(config.paths.index, 'manifest.json'), 'utf8');
    } catch {
      return false; // mid-swap: the next look finds it
    }
    const m = current!.index.manifest;
    if (text.includes(`"builtAt": "${m.builtAt}"`) && text.includes(`"corpusHash": "${m.corpusHash}"`)) return false;
    try {
      current = snapshotOf(openIndex(config.paths.index, expect));
      return true;
    } catch (e) {
      if (isRebuildable(e)) return false; // half-written or being replaced: the snapshot in use stays
      throw e;
    }
  };
  const watchMs = o.watchMs ?? 5000;
  if (watchMs > 0) setInterval(() => void refresh(), watchMs).unref();

  return {
    config,
    embedder,
    tokenizer,
    prompts,
    get index() {
      return current!.index;
    },
    get corpus() {
      return current!.corpus;
    },
    searcher: { search: (request) => current!.searcher.search(request) },
    answerer: {
      answer: (request) => current!.answerer.answer(request),
      prepare: (request) => current!.answerer.prepare(request),
      decide: (prepared, model) => current!.answerer.decide(prepared, model),
    },
    clauseById: (id) => current!.clauseById(id),
    snapshot: () => current!,
    library,
    refresh,
  };
}

/** What the answer path needs from an index; the eval builds answerers over other search settings with it. */
export function answererDeps(index: PolicyIndex, searcher: Searcher, tokenizer: Tokenizer, places: readonly string[], embedder?: Embedder): AnswererDeps {
  const textsByDoc = new Map<string, string[]>([...index.documents.values()].map((d) => [d.id, [d.title]]));
  for (const c of index.clauses) textsByDoc.get(c.docId)?.push(c.text);
  const periods = new Map<string, StatedPeriod | null>([...textsByDoc].map(([id, texts]) => [id, statedPeriod(texts)]));
  const corpusCount = (t: string) => collectionFrequency(index.keyword, t);
  const corpusTotal = index.keyword.lengths.reduce((a, b) => a + b, 0);
  return {
    searcher,
    tokenizer,
    termWeight: (t) => idf(index.keyword, t),
    documentFrequency: (t) => documentFrequency(index.keyword, t),
    clauseCount: index.clauses.length,
    domainRatio: domainRatio({ count: corpusCount, total: corpusTotal }, generalChinese()),
    anchorEmbedder: embedder,
    corpusYears: yearsIn(index.clauses.map((c) => c.text)),
    firstYear: Math.min(...[...index.documents.values()].map((d) => Number(d.date?.slice(0, 4) ?? Infinity))),
    places,
    periodOf: (docId) => periods.get(docId) ?? null,
  };
}

/**
 * The dialogue (answer path + per-chat memory) over a runtime, as the bot and the terminal chat
 * use it. Each call works on the snapshot current when it starts, so a library change between
 * two questions is seen by the second, and never half-seen by one.
 */
export function dialogueFor(
  rt: Runtime,
  store = new ConversationStore({ ttlMs: rt.config.contextTtlMs }),
  /** Wraps each snapshot's answerer (the bot's CPU gate); the identity by default. */
  wrap: (a: Answerer) => Answerer = (a) => a,
): Dialogue {
  const bySnapshot = new WeakMap<Snapshot, Dialogue>();
  const now = (): Dialogue => {
    const s = rt.snapshot();
    let d = bySnapshot.get(s);
    if (!d) bySnapshot.set(s, (d = createDialogue({ answerer: wrap(s.answerer), prompts: rt.prompts, store, corpus: s.corpus, documents: [...s.index.documents.values()], clauseById: s.clauseById })));
    return d;
  };
  // every method of the dialogue, delegated: methods added to it later are delegated too
  const sample = now() as unknown as Record<string, (...args: unknown[]) => unknown>;
  return Object.fromEntries(Object.keys(sample).map((k) => [k, (...args: unknown[]) => (now() as unknown as typeof sample)[k]!(...args)])) as unknown as Dialogue;
}
