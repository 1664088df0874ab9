import { CHUNKER_VERSION, type Clause, type DocumentMeta, type IngestedFile } from '../ingest/index.js';
import { BIGRAM_HEADING_REPEAT, bigramTermsOf } from './bigrams.js';
import type { Embedder } from './embedder.js';
import { updateKeywordIndex } from './keyword.js';
import { hashClauses, hashSource, INDEX_FORMAT_VERSION, sha256, type Manifest } from './manifest.js';
import { PASSAGE_RECIPE, passageEmbeddingText, passagesOf, type Passage } from './passages.js';
import { DELETED_PASSAGE, writeIndex, type PolicyIndex } from './store.js';
import type { Tokenizer } from './tokenizer.js';
import { buildVectorStore, DEFAULT_HNSW, type HnswParams, type VectorStore } from './vector-store.js';

/** What a source file gives the index: its documents and clauses (an IngestedFile is one). */
export type IndexSource = Pick<IngestedFile, 'source' | 'documents' | 'clauses'>;

/** Sources leaving the index, and sources entering it; a source in both is replaced. */
export interface IndexChange {
  remove: string[];
  add: IndexSource[];
}

export interface UpdateOptions {
  dir: string;
  /** The index the change applies to; null: an empty one (a build from scratch). */
  base: PolicyIndex | null;
  change: IndexChange;
  embedder: Embedder;
  tokenizer: Tokenizer;
  hnsw?: HnswParams;
  onProgress?: (done: number, total: number) => void;
}

/*
 * Past this share of deleted labels the graph is rebuilt from the live vectors (no embedding):
 * deleted nodes still cost graph hops, and their zeroed vectors cost memory and disk.
 */
const COMPACT_AT = 0.3;

/**
 * What is keyword-indexed for a clause: its document and headings give the clause the
 * topic its own words often leave implicit ("第八条…" never says 户口迁移).
 */
export function keywordTextOf(clause: Clause, doc: DocumentMeta | undefined): string {
  const heading = clause.headingPath.slice(1).filter((h) => !clause.text.startsWith(h)).join(' ');
  return [doc?.title ?? clause.headingPath[0], heading, clause.text].filter(Boolean).join('\n');
}

/**
 * Apply a change to an index and write the result (atomically, see writeIndex). Only the added
 * sources' clauses are embedded; removed ones leave the HNSW graph (marked deleted, so never
 * returned), the vectors (zeroed) and the keyword and bigram postings (renumbered, see updateKeywordIndex).
 * `base` itself is not modified: a search running on it is unaffected.
 */
export async function updateIndex(o: UpdateOptions): Promise<Manifest> {
  const started = performance.now();
  const dim = o.embedder.dimensions;
  const hnsw = o.hnsw ?? (o.base ? { m: o.base.manifest.hnsw.m, efConstruction: o.base.manifest.hnsw.efConstruction, efSearch: o.base.manifest.hnsw.efSearch, seed: o.base.manifest.hnsw.seed } : DEFAULT_HNSW);
  const gone = new Set([...o.change.remove, ...o.change.add.map((f) => f.source)]);
  const base = o.base;

  const oldClauses = base?.clauses ?? [];
  const newIndexOf = new Int32Array(oldClauses.length).fill(-1);
  const clauses: Clause[] = [];
  const terms: string[][] = [];
  oldClauses.forEach((c, i) => {
    if (gone.has(c.source)) return;
    newIndexOf[i] = clauses.length;
    clauses.push(c);
    terms.push(base!.keywordTerms(i));
  });
  const documents = [...(base?.documents.values() ?? [])].filter((d) => !gone.has(d.source));
  const removed: number[] = [];
  const passages: Passage[] = (base?.passages ?? []).map((p, label) => {
    if (p.clause < 0) return DELETED_PASSAGE;
    const at = newIndexOf[p.clause]!;
    if (at < 0) {
      removed.push(label);
      return DELETED_PASSAGE;
    }
    return { ...p, clause: at };
  });

  const docs = new Map(o.change.add.flatMap((f) => f.documents).map((d) => [d.id, d]));
  const known = new Set([...documents.map((d) => d.id), ...clauses.map((c) => c.id)]);
  const added: { label: number; text: string }[] = [];
  const addedTerms: string[][] = [];
  const addedGrams: string[][] = [];
  for (const file of o.change.add) {
    for (const d of file.documents) {
      if (known.has(d.id)) throw new Error(`document id ${d.id} of ${file.source} is already in the index`);
      documents.push(d);
    }
    for (const c of file.clauses) {
      if (known.has(c.id)) throw new Error(`clause id ${c.id} of ${file.source} is already in the index`);
      known.add(c.id);
      const at = clauses.length;
      clauses.push(c);
      const doc = docs.get(c.docId);
      const text = keywordTextOf(c, doc);
      addedTerms.push(o.tokenizer.tokenize(text));
      terms.push(addedTerms[addedTerms.length - 1]!);
      addedGrams.push(bigramTermsOf(text, doc?.title ?? c.headingPath[0] ?? '', c.headingPath, BIGRAM_HEADING_REPEAT));
      for (const p of passagesOf(c, at)) {
        added.push({ label: passages.length, text: passageEmbeddingText(c, docs.get(c.docId), p) });
        passages.push(p);
      }
    }
  }
  const embedded = added.length ? await o.embedder.embedPassages(added.map((a) => a.text), o.onProgress) : [];

  let vectors = new Float32Array(passages.length * dim);
  if (base) vectors.set(base.vectors.subarray(0, Math.min(base.vectors.length, vectors.length)));
  for (const label of removed) vectors.fill(0, label * dim, (label + 1) * dim);
  added.forEach((a, k) => vectors.set(embedded[k]!, a.label * dim));

  let deleted = (base?.vectorStore.deleted ?? 0) + removed.length;
  let store: VectorStore;
  let finalPassages = passages;
  if (!base || deleted > COMPACT_AT * passages.length) {
    // from scratch: labels renumbered over the live windows only
    const live = passages.map((p, label) => ({ p, label })).filter(({ p }) => p.clause >= 0);
    finalPassages = live.map(({ p }) => p);
    const compact = new Float32Array(live.length * dim);
    live.forEach(({ label }, k) => compact.set(vectors.subarray(label * dim, (label + 1) * dim), k * dim));
    vectors = compact;
    store = buildVectorStore(live.map((_, k) => compact.subarray(k * dim, (k + 1) * dim)), dim, hnsw);
    deleted = 0;
  } else {
    store = base.vectorStore.withChanges(`${o.dir}.scratch-${process.pid}-${Date.now()}.bin`, {
      remove: removed,
      add: added.map((a, k) => ({ label: a.label, vector: embedded[k]! })),
    });
  }

  const sources: Manifest['sources'] = Object.fromEntries(Object.entries(base?.manifest.sources ?? {}).filter(([s]) => !gone.has(s)));
  for (const f of o.change.add) sources[f.source] = { hash: hashSource(f), documents: f.documents.length, clauses: f.clauses.length };
  return writeIndex(o.dir, {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: o.embedder.modelId, sha256: o.embedder.modelSha256, dimensions: dim },
      corpusHash: sha256(JSON.stringify(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1)))),
      chunkerVersion: CHUNKER_VERSION,
      clausesHash: hashClauses(documents, clauses),
      sources,
      deletedPassages: deleted,
      counts: { documents: documents.length, clauses: clauses.length, passages: finalPassages.filter((p) => p.clause >= 0).length },
      hnsw: { space: 'cosine', ...hnsw },
      tokenizer: o.tokenizer.name,
      passageRecipe: PASSAGE_RECIPE,
      builtAt: new Date().toISOString(),
      buildSeconds: +((performance.now() - started) / 1000).toFixed(2),
    },
    documents,
    clauses,
    passages: finalPassages,
    vectors,
    saveGraph: (path) => store.save(path),
    keywordTerms: terms,
    // postings of kept clauses renumbered, the added ones' appended: nothing kept is tokenised again
    keyword: updateKeywordIndex(base?.keyword ?? null, newIndexOf, addedTerms),
    bigram: { headingRepeat: BIGRAM_HEADING_REPEAT, index: updateKeywordIndex(base?.bigram.index ?? null, newIndexOf, addedGrams) },
  });
}
