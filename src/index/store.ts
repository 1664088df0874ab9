import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ClauseSchema, DocumentMetaSchema, type Clause, type DocumentMeta } from '../ingest/index.js';
import { parseJson } from '../config/index.js';
import { IndexError } from './errors.js';
import { loadKeywordIndex, storeKeywordIndex, type KeywordIndex } from './keyword.js';
import { INDEX_FILES, ManifestSchema, sha256, staleReason, type IndexExpectation, type Manifest } from './manifest.js';
import { loadVectorStore, type VectorStore } from './vector-store.js';
import type { Passage } from './passages.js';

/** Everything search needs, loaded from `embeddings/index/`. */
export interface PolicyIndex {
  manifest: Manifest;
  documents: Map<string, DocumentMeta>;
  clauses: Clause[];
  /** Embedded windows of clauses; vector i belongs to passage i. */
  passages: Passage[];
  /** Passage ids of each clause. */
  passagesOfClause: number[][];
  /** Unit vectors, passage i at [i*dim, (i+1)*dim). */
  vectors: Float32Array;
  vectorStore: VectorStore;
  keyword: KeywordIndex;
  /** Character-bigram field of every clause (see bigramTermsOf), built with this heading repeat. */
  bigram: { headingRepeat: number; index: KeywordIndex };
  /** The indexed terms of clause i. */
  keywordTerms(i: number): string[];
}

export interface IndexContents {
  manifest: Omit<Manifest, 'checksums'>;
  documents: DocumentMeta[];
  clauses: Clause[];
  passages: Passage[];
  vectors: Float32Array;
  /** Writes the HNSW graph to the given path. */
  saveGraph: (path: string) => void;
  keywordTerms: string[][];
  keyword: KeywordIndex;
  bigram: { headingRepeat: number; index: KeywordIndex };
}

/** A removed clause's windows keep their labels (HNSW labels are never reused) as this placeholder. */
export const DELETED_PASSAGE: Passage = { clause: -1, from: 0, to: 0 };
const PassageSchema = z.object({ clause: z.number().int().min(-1), from: z.number().int().nonnegative(), to: z.number().int().nonnegative() });
const ClauseStoreSchema = z.object({ documents: z.array(DocumentMetaSchema), clauses: z.array(ClauseSchema), passages: z.array(PassageSchema) });
const KeywordStoreSchema = z.object({ tokenizer: z.string(), terms: z.array(z.array(z.string())) });
const StoredPostingsSchema = z.object({ size: z.number().int().nonnegative(), terms: z.array(z.string()), lengths: z.string(), offsets: z.string(), docs: z.string(), tfs: z.string() });
const PostingsStoreSchema = z.object({ keyword: StoredPostingsSchema, bigram: StoredPostingsSchema, bigramHeadingRepeat: z.number().int().nonnegative() });

/**
 * Write a complete index into a fresh folder, then swap it in with renames, so that a
 * crash mid-build leaves the previous index (or none), never half of one.
 */
export function writeIndex(dir: string, contents: IndexContents): Manifest {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const put = (name: string, data: string | Buffer) => writeFileSync(join(tmp, name), data);
  put(INDEX_FILES.clauses, JSON.stringify({ documents: contents.documents, clauses: contents.clauses, passages: contents.passages }));
  put(INDEX_FILES.vectors, Buffer.from(contents.vectors.buffer, contents.vectors.byteOffset, contents.vectors.byteLength));
  put(INDEX_FILES.keyword, JSON.stringify({ tokenizer: contents.manifest.tokenizer, terms: contents.keywordTerms }));
  // postings stored, not rebuilt at every open: at 10× the seeds the bigram field alone is millions of them
  put(INDEX_FILES.postings, JSON.stringify({ keyword: storeKeywordIndex(contents.keyword), bigram: storeKeywordIndex(contents.bigram.index), bigramHeadingRepeat: contents.bigram.headingRepeat }));
  contents.saveGraph(join(tmp, INDEX_FILES.hnsw));
  const checksums = Object.fromEntries(Object.values(INDEX_FILES).map((f) => [f, sha256(readFileSync(join(tmp, f)))]));
  const manifest: Manifest = { ...contents.manifest, checksums };
  put('manifest.json', JSON.stringify(manifest, null, 2));
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  mkdirSync(dirname(dir), { recursive: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return manifest;
}

function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new IndexError('INDEX_MISSING', `no index at ${dir}`, 'It is built on first start, or with `npm run build-index`.');
  const parsed = parseJson(readFileSync(path, 'utf8'), ManifestSchema);
  if (parsed.ok) return parsed.value;
  if (parsed.syntax) throw new IndexError('INDEX_CORRUPT', `${path} is not valid JSON`, 'Rebuild with `npm run build-index`.');
  throw new IndexError('INDEX_STALE', `${path} is not a manifest this version understands`, 'Rebuild with `npm run build-index`.');
}

/** Open the index if it matches the expectation and every file is intact; otherwise say why. */
export function openIndex(dir: string, expect: IndexExpectation): PolicyIndex {
  const manifestText = existsSync(join(dir, 'manifest.json')) ? readFileSync(join(dir, 'manifest.json'), 'utf8') : null;
  const manifest = readManifest(dir);
  const reason = staleReason(manifest, expect);
  if (reason) throw new IndexError('INDEX_STALE', `the index is stale: ${reason}`, 'It is rebuilt automatically.');
  const files = new Map<string, Buffer>();
  for (const name of Object.values(INDEX_FILES)) {
    const expected = manifest.checksums[name];
    if (!expected) throw new IndexError('INDEX_CORRUPT', `the manifest has no checksum for ${name}`, 'It is rebuilt automatically.');
    const path = join(dir, name);
    const data = existsSync(path) ? readFileSync(path) : null;
    if (!data || sha256(data) !== expected) throw new IndexError('INDEX_CORRUPT', `index file ${name} is ${data ? 'damaged (checksum mismatch)' : 'missing'}`, 'It is rebuilt automatically.');
    // the graph's bytes are only checked here (hnswlib reads the file itself): not kept, which at 10×
    // the seeds is 70 MB less at the peak of an open
    if (name !== INDEX_FILES.hnsw) files.set(name, data);
  }
  const store = ClauseStoreSchema.parse(JSON.parse(files.get(INDEX_FILES.clauses)!.toString('utf8')));
  // the clauses' term lists are read only by an update (search uses the postings): parsed when first
  // asked for, so a serving process never holds them (at 10× the seeds, a hundred MB of small strings)
  const keywordBytes = files.get(INDEX_FILES.keyword)!;
  let keywordTerms: string[][] | null = null;
  const termsOf = (i: number): string[] => {
    keywordTerms ??= KeywordStoreSchema.parse(JSON.parse(keywordBytes.toString('utf8'))).terms;
    if (keywordTerms.length !== store.clauses.length) throw new IndexError('INDEX_CORRUPT', `${INDEX_FILES.keyword} disagrees with the clauses`, 'Rebuild with `npm run build-index`.');
    return keywordTerms[i] ?? [];
  };
  const postings = PostingsStoreSchema.parse(JSON.parse(files.get(INDEX_FILES.postings)!.toString('utf8')));
  let keyword: KeywordIndex, bigram: KeywordIndex;
  try {
    keyword = loadKeywordIndex(postings.keyword);
    bigram = loadKeywordIndex(postings.bigram);
  } catch (e) {
    throw new IndexError('INDEX_CORRUPT', `${INDEX_FILES.postings}: ${(e as Error).message}`, 'It is rebuilt automatically.');
  }
  const raw = files.get(INDEX_FILES.vectors)!;
  // a file read whole has its own aligned buffer: viewed, not copied (a copy only for a pooled or odd offset)
  const vectors = raw.byteOffset % 4 === 0 && raw.byteLength % 4 === 0 ? new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4) : new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const dim = manifest.model.dimensions;
  const badPassage = store.passages.some((p) => p.clause >= store.clauses.length);
  if (badPassage || vectors.length !== store.passages.length * dim || keyword.size !== store.clauses.length || bigram.size !== store.clauses.length) {
    throw new IndexError('INDEX_CORRUPT', 'index files disagree on the number of clauses', 'It is rebuilt automatically.');
  }
  const passagesOfClause: number[][] = store.clauses.map(() => []);
  store.passages.forEach((p, id) => p.clause >= 0 && passagesOfClause[p.clause]!.push(id));
  const vectorStore = loadVectorStore(join(dir, INDEX_FILES.hnsw), dim, manifest.hnsw, manifest.deletedPassages);
  // the graph is read by path after its bytes were checked: an update swapping the folder in
  // between would pair this manifest with another graph, so the manifest must still be the same
  const after = existsSync(join(dir, 'manifest.json')) ? readFileSync(join(dir, 'manifest.json'), 'utf8') : null;
  if (after !== manifestText || vectorStore.count !== store.passages.length) {
    throw new IndexError('INDEX_CORRUPT', 'the index changed while it was being opened', 'Open it again.');
  }
  return {
    manifest,
    documents: new Map(store.documents.map((d) => [d.id, d])),
    clauses: store.clauses,
    passages: store.passages,
    passagesOfClause,
    vectors,
    vectorStore,
    keyword,
    bigram: { headingRepeat: postings.bigramHeadingRepeat, index: bigram },
    keywordTerms: termsOf,
  };
}
