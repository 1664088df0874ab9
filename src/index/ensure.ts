import { CHUNKER_VERSION, ingestCorpus } from '../ingest/index.js';
import { buildIndex } from './build.js';
import type { Embedder } from './embedder.js';
import { isRebuildable } from './errors.js';
import { hashClauses, hashSeeds, INDEX_FORMAT_VERSION, type Manifest } from './manifest.js';
import { openIndex, type PolicyIndex } from './store.js';
import { PASSAGE_RECIPE } from './passages.js';
import type { Tokenizer } from './tokenizer.js';

export type IndexEvent =
  | { type: 'opened'; manifest: Manifest }
  | { type: 'rebuilding'; reason: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'built'; seconds: number; clauses: number };

export interface EnsureOptions {
  dir: string;
  seedsDir: string;
  embedder: Embedder;
  tokenizer: Tokenizer;
  /** Rebuild even when the index is current. */
  force?: boolean;
  onEvent?: (e: IndexEvent) => void;
}

/** Open the index; when it is missing, stale or damaged, rebuild it first and say why. */
export async function ensureIndex(o: EnsureOptions): Promise<PolicyIndex> {
  const corpus = ingestCorpus(o.seedsDir);
  const corpusHash = hashSeeds(o.seedsDir);
  const expect = {
    formatVersion: INDEX_FORMAT_VERSION,
    modelSha256: o.embedder.modelSha256,
    corpusHash,
    chunkerVersion: CHUNKER_VERSION,
    clausesHash: hashClauses(corpus.documents, corpus.clauses),
    tokenizer: o.tokenizer.name,
    passageRecipe: PASSAGE_RECIPE,
  };
  if (!o.force) {
    try {
      const index = openIndex(o.dir, expect);
      o.onEvent?.({ type: 'opened', manifest: index.manifest });
      return index;
    } catch (e) {
      if (!isRebuildable(e)) throw e;
      o.onEvent?.({ type: 'rebuilding', reason: e.message });
    }
  } else o.onEvent?.({ type: 'rebuilding', reason: 'rebuild requested' });
  const manifest = await buildIndex({
    dir: o.dir,
    corpus,
    corpusHash,
    embedder: o.embedder,
    tokenizer: o.tokenizer,
    onProgress: (done, total) => o.onEvent?.({ type: 'progress', done, total }),
  });
  o.onEvent?.({ type: 'built', seconds: manifest.buildSeconds, clauses: manifest.counts.clauses });
  return openIndex(o.dir, expect);
}
