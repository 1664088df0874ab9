import type { Corpus } from '../ingest/index.js';
import type { Embedder } from './embedder.js';
import type { Manifest } from './manifest.js';
import type { Tokenizer } from './tokenizer.js';
import { updateIndex, type IndexSource } from './update.js';
import type { HnswParams } from './vector-store.js';

export { keywordTextOf } from './update.js';

export interface BuildOptions {
  dir: string;
  /** The seeds' ingested files (a Corpus), plus any other sources such as library documents. */
  corpus: Pick<Corpus, 'files'> | { files: IndexSource[] };
  embedder: Embedder;
  tokenizer: Tokenizer;
  hnsw?: HnswParams;
  onProgress?: (done: number, total: number) => void;
}

/** A whole index from scratch: every source added to an empty one. */
export function buildIndex(o: BuildOptions): Promise<Manifest> {
  return updateIndex({ dir: o.dir, base: null, change: { remove: [], add: o.corpus.files }, embedder: o.embedder, tokenizer: o.tokenizer, hnsw: o.hnsw, onProgress: o.onProgress });
}
