import { CHUNKER_VERSION, type Clause, type Corpus, type DocumentMeta } from '../ingest/index.js';
import type { Embedder } from './embedder.js';
import { hashClauses, INDEX_FORMAT_VERSION, type Manifest } from './manifest.js';
import { writeIndex } from './store.js';
import type { Tokenizer } from './tokenizer.js';
import { PASSAGE_RECIPE, passageEmbeddingText, passagesOf } from './passages.js';
import { buildVectorStore, DEFAULT_HNSW, type HnswParams } from './vector-store.js';

export interface BuildOptions {
  dir: string;
  corpus: Corpus;
  corpusHash: string;
  embedder: Embedder;
  tokenizer: Tokenizer;
  hnsw?: HnswParams;
  onProgress?: (done: number, total: number) => void;
}

/**
 * What is keyword-indexed for a clause: its document and headings give the clause the
 * topic its own words often leave implicit ("第八条…" never says 户口迁移).
 */
export function keywordTextOf(clause: Clause, doc: DocumentMeta | undefined): string {
  const heading = clause.headingPath.slice(1).filter((h) => !clause.text.startsWith(h)).join(' ');
  return [doc?.title ?? clause.headingPath[0], heading, clause.text].filter(Boolean).join('\n');
}

export async function buildIndex(o: BuildOptions): Promise<Manifest> {
  const started = performance.now();
  const docs = new Map(o.corpus.documents.map((d) => [d.id, d]));
  const keywordTexts = o.corpus.clauses.map((c) => keywordTextOf(c, docs.get(c.docId)));
  const passages = o.corpus.clauses.flatMap((c, i) => passagesOf(c, i));
  const vectors = await o.embedder.embedPassages(
    passages.map((p) => { const c = o.corpus.clauses[p.clause]!; return passageEmbeddingText(c, docs.get(c.docId), p); }),
    o.onProgress,
  );
  const hnsw = o.hnsw ?? DEFAULT_HNSW;
  const store = buildVectorStore(vectors, o.embedder.dimensions, hnsw);
  const flat = new Float32Array(vectors.length * o.embedder.dimensions);
  vectors.forEach((v, i) => flat.set(v, i * o.embedder.dimensions));
  return writeIndex(o.dir, {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: o.embedder.modelId, sha256: o.embedder.modelSha256, dimensions: o.embedder.dimensions },
      corpusHash: o.corpusHash,
      chunkerVersion: CHUNKER_VERSION,
      clausesHash: hashClauses(o.corpus.documents, o.corpus.clauses),
      counts: { documents: o.corpus.documents.length, clauses: o.corpus.clauses.length, passages: passages.length },
      hnsw: { space: 'cosine', ...hnsw },
      tokenizer: o.tokenizer.name,
      passageRecipe: PASSAGE_RECIPE,
      builtAt: new Date().toISOString(),
      buildSeconds: +((performance.now() - started) / 1000).toFixed(2),
    },
    documents: o.corpus.documents,
    clauses: o.corpus.clauses,
    passages,
    vectors: flat,
    saveGraph: (path) => store.save(path),
    keywordTerms: keywordTexts.map((t) => o.tokenizer.tokenize(t)),
  });
}
