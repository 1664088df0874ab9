import { createConfig, type Config } from '../config/index.js';
import type { Clause, DocumentMeta } from '../ingest/index.js';
import { createTransformersEmbedder, createTokenizer, ensureIndex, type Embedder, type IndexEvent, type PolicyIndex, type Tokenizer } from '../index/index.js';
import { createSearcher, type Searcher, type SearchParams } from '../search/index.js';
import { idf } from '../index/index.js';
import { ConversationStore, corpusSummary, createAnswerer, createDialogue, loadPrompts, statedPeriod, yearsIn, type Answerer, type AnswererDeps, type StatedPeriod, type CorpusSummary, type Dialogue, type Prompts } from '../answer/index.js';
import { PROJECT_ROOT } from './paths.js';

/** The wired stages, shared by every command and the bot. */
export interface Runtime {
  config: Config;
  embedder: Embedder;
  tokenizer: Tokenizer;
  index: PolicyIndex;
  searcher: Searcher;
  answerer: Answerer;
  prompts: Prompts;
  corpus: CorpusSummary;
  clauseById: (id: string) => { clause: Clause; document: DocumentMeta } | null;
}

export interface RuntimeOptions {
  env?: Record<string, string | undefined>;
  forceRebuild?: boolean;
  searchParams?: Partial<SearchParams>;
  /** An embedder already loaded (the benchmark times the load itself). */
  embedder?: Embedder;
  /** Where index progress goes, worded from the reply templates; the terminal shows it on stderr so stdout stays clean for --json. */
  onIndexEvent?: (e: IndexEvent, prompts: Prompts) => void;
}

export async function createRuntime(o: RuntimeOptions = {}): Promise<Runtime> {
  const config = createConfig(o.env ?? process.env, PROJECT_ROOT);
  // templates first: a broken prompts file should fail before a minute of index building
  const prompts = loadPrompts(config.paths.prompts);
  const embedder = o.embedder ?? (await createTransformersEmbedder({ modelDir: config.paths.model, queryInstruction: config.queryInstruction }));
  const tokenizer = createTokenizer(config.tokenizer);
  const index = await ensureIndex({ dir: config.paths.index, seedsDir: config.paths.seeds, embedder, tokenizer, force: o.forceRebuild, onEvent: o.onIndexEvent && ((e) => o.onIndexEvent!(e, prompts)) });
  const searcher = createSearcher({ index, embedder, tokenizer, params: o.searchParams });
  const answerer = createAnswerer(answererDeps(index, searcher, tokenizer, config.places));
  const byId = new Map(index.clauses.map((c) => [c.id, c]));
  const clauseById = (id: string) => {
    const clause = byId.get(id);
    return clause ? { clause, document: index.documents.get(clause.docId)! } : null;
  };
  return { config, embedder, tokenizer, index, searcher, answerer, prompts, corpus: corpusSummary([...index.documents.values()], config.places), clauseById };
}

/** What the answer path needs from an index; the eval builds answerers over other search settings with it. */
export function answererDeps(index: PolicyIndex, searcher: Searcher, tokenizer: Tokenizer, places: readonly string[]): AnswererDeps {
  const periods = new Map<string, StatedPeriod | null>();
  for (const doc of index.documents.values()) periods.set(doc.id, statedPeriod([doc.title, ...index.clauses.filter((c) => c.docId === doc.id).map((c) => c.text)]));
  return {
    searcher,
    tokenizer,
    termWeight: (t) => idf(index.keyword, t),
    documentFrequency: (t) => index.keyword.postings.get(t)?.length ?? 0,
    clauseCount: index.clauses.length,
    corpusYears: yearsIn(index.clauses.map((c) => c.text)),
    firstYear: Math.min(...[...index.documents.values()].map((d) => Number(d.date?.slice(0, 4) ?? Infinity))),
    places,
    periodOf: (docId) => periods.get(docId) ?? null,
  };
}

/** The dialogue (answer path + per-chat memory) over a runtime, as the bot and the terminal chat use it. */
export function dialogueFor(rt: Runtime, store = new ConversationStore({ ttlMs: rt.config.contextTtlMs })): Dialogue {
  return createDialogue({ answerer: rt.answerer, prompts: rt.prompts, store, corpus: rt.corpus, documents: [...rt.index.documents.values()], clauseById: rt.clauseById });
}
