import { keepBest } from './best.js';

/** BM25 parameters; the usual defaults, which the dev set did not move. */
export interface Bm25Params {
  k1: number;
  b: number;
}
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/**
 * Term statistics over a fixed list of documents (here: clauses): an inverted index in flat
 * typed arrays. Term t's postings are docs/tfs[offsets[t] … offsets[t+1]), documents ascending.
 * Flat arrays rather than a list of objects per term: at 10× the seeds the bigram field has
 * millions of postings, which as objects cost ~40 bytes each and a GC walk; here 8.
 */
export interface KeywordIndex {
  readonly size: number;
  readonly avgLength: number;
  readonly lengths: Uint32Array;
  /** Term → its row in offsets. */
  readonly terms: ReadonlyMap<string, number>;
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly tfs: Uint32Array;
}

/** Postings of one term as they are collected, before they are packed. */
interface Collected {
  docs: number[];
  tfs: number[];
}

function pack(size: number, lengths: Uint32Array, collected: Map<string, Collected>): KeywordIndex {
  let total = 0;
  for (const c of collected.values()) total += c.docs.length;
  const terms = new Map<string, number>();
  const offsets = new Uint32Array(collected.size + 1);
  const docs = new Uint32Array(total);
  const tfs = new Uint32Array(total);
  let at = 0;
  for (const [term, c] of collected) {
    if (!c.docs.length) continue;
    offsets[terms.size] = at;
    terms.set(term, terms.size);
    docs.set(c.docs, at);
    tfs.set(c.tfs, at);
    at += c.docs.length;
  }
  offsets[terms.size] = at;
  let sum = 0;
  for (const l of lengths) sum += l;
  return { size, avgLength: size ? sum / size : 0, lengths, terms, offsets: offsets.slice(0, terms.size + 1), docs, tfs };
}

function collect(into: Map<string, Collected>, doc: number, terms: readonly string[]): void {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const [term, n] of tf) {
    let c = into.get(term);
    if (!c) into.set(term, (c = { docs: [], tfs: [] }));
    c.docs.push(doc);
    c.tfs.push(n);
  }
}

export function buildKeywordIndex(documents: readonly (readonly string[])[]): KeywordIndex {
  const collected = new Map<string, Collected>();
  const lengths = new Uint32Array(documents.length);
  documents.forEach((terms, doc) => {
    lengths[doc] = terms.length;
    collect(collected, doc, terms);
  });
  return pack(documents.length, lengths, collected);
}

/**
 * The index after a change, without re-tokenising what stays: `newIdOf[d]` is old document d's
 * new number (-1: removed; kept documents keep their order), and `added` are the new documents'
 * terms, numbered after the kept ones. Gives the same postings as a build over the result.
 */
export function updateKeywordIndex(base: KeywordIndex | null, newIdOf: Int32Array, added: readonly (readonly string[])[]): KeywordIndex {
  const kept = base ? newIdOf.reduce((n, id) => n + (id >= 0 ? 1 : 0), 0) : 0;
  const lengths = new Uint32Array(kept + added.length);
  const collected = new Map<string, Collected>();
  if (base) {
    for (let d = 0; d < base.size; d++) if (newIdOf[d]! >= 0) lengths[newIdOf[d]!] = base.lengths[d]!;
    for (const [term, row] of base.terms) {
      const c: Collected = { docs: [], tfs: [] };
      for (let i = base.offsets[row]!; i < base.offsets[row + 1]!; i++) {
        const id = newIdOf[base.docs[i]!]!;
        if (id < 0) continue;
        c.docs.push(id);
        c.tfs.push(base.tfs[i]!);
      }
      collected.set(term, c);
    }
  }
  added.forEach((terms, k) => {
    lengths[kept + k] = terms.length;
    collect(collected, kept + k, terms);
  });
  return pack(kept + added.length, lengths, collected);
}

/** How many documents have the term. */
export function documentFrequency(index: KeywordIndex, term: string): number {
  const row = index.terms.get(term);
  return row === undefined ? 0 : index.offsets[row + 1]! - index.offsets[row]!;
}

/** How many times the term occurs in the whole collection (its frequency in the corpus). */
export function collectionFrequency(index: KeywordIndex, term: string): number {
  const row = index.terms.get(term);
  if (row === undefined) return 0;
  let n = 0;
  for (let k = index.offsets[row]!; k < index.offsets[row + 1]!; k++) n += index.tfs[k]!;
  return n;
}

/** Whether the document has the term: a binary search of its postings (documents ascending). */
export function hasTerm(index: KeywordIndex, doc: number, term: string): boolean {
  const row = index.terms.get(term);
  if (row === undefined) return false;
  let lo = index.offsets[row]!, hi = index.offsets[row + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = index.docs[mid]!;
    if (d === doc) return true;
    if (d < doc) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Inverse document frequency (BM25's form); a term no document has gets the highest. */
export function idf(index: KeywordIndex, term: string): number {
  const df = documentFrequency(index, term);
  return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/**
 * Adds every matching document's BM25 score into `scores`, marking it in `seen`; returns the
 * documents touched, in first-touch order. Dense arrays rather than a Map: a frequent bigram
 * touches most clauses, and a Map update per posting was most of a search's keyword time.
 */
function accumulate(index: KeywordIndex, queryTerms: readonly string[], params: Bm25Params, termWeights: Map<string, number> | undefined, scores: Float64Array, seen: Uint8Array): number[] {
  const touched: number[] = [];
  const { k1 } = params;
  const { docs, tfs, offsets } = index;
  const lengthNorm = lengthNormOf(index, params);
  for (const term of new Set(queryTerms)) {
    const row = index.terms.get(term);
    if (row === undefined) continue;
    const weight = idf(index, term);
    const w = termWeights?.get(term) ?? 1;
    // (w * weight) * x is how `w * weight * x` evaluates: hoisted, the scores are the same to the last bit
    const termWeight = w * weight;
    for (let i = offsets[row]!, end = offsets[row + 1]!; i < end; i++) {
      const doc = docs[i]!;
      const tf = tfs[i]!;
      if (!seen[doc]) {
        seen[doc] = 1;
        touched.push(doc);
      }
      scores[doc] = scores[doc]! + termWeight * ((tf * (k1 + 1)) / (tf + lengthNorm[doc]!));
    }
  }
  return touched;
}

/*
 * k1 · (1 − b + b · length / avgLength) of every document, the part of BM25's denominator that does
 * not depend on the term: computed once per index and parameters, not once per posting (at 10× the
 * seeds a question's bigrams walk hundreds of thousands of postings). The same expression as before,
 * so the same doubles.
 */
const lengthNorms = new WeakMap<KeywordIndex, { k1: number; b: number; norms: Float64Array }>();
function lengthNormOf(index: KeywordIndex, { k1, b }: Bm25Params): Float64Array {
  const known = lengthNorms.get(index);
  if (known && known.k1 === k1 && known.b === b) return known.norms;
  const norms = new Float64Array(index.size);
  for (let d = 0; d < index.size; d++) norms[d] = k1 * (1 - b + (b * index.lengths[d]!) / index.avgLength);
  lengthNorms.set(index, { k1, b, norms });
  return norms;
}

/** BM25 score of every document that shares a term with the query; absent means 0. */
export function bm25(index: KeywordIndex, queryTerms: string[], params: Bm25Params = DEFAULT_BM25, termWeights?: Map<string, number>): Map<number, number> {
  const scores = new Float64Array(index.size);
  const touched = accumulate(index, queryTerms, params, termWeights, scores, new Uint8Array(index.size));
  return new Map(touched.map((d) => [d, scores[d]!]));
}

/**
 * The k best BM25 matches that `keep` accepts, best first (ties: lower id first): what
 * `topK(bm25(…))` gives, without building the map of every match.
 */
export function bm25Top(index: KeywordIndex, queryTerms: string[], k: number, keep: (doc: number) => boolean = () => true, termWeights?: Map<string, number>, params: Bm25Params = DEFAULT_BM25): { doc: number; score: number }[] {
  const scores = new Float64Array(index.size);
  const touched = accumulate(index, queryTerms, params, termWeights, scores, new Uint8Array(index.size));
  const top: { doc: number; score: number }[] = [];
  if (k <= 0) return top;
  for (const doc of touched) {
    const score = scores[doc]!;
    // most matches are below the k-th best: skip them before any object is made
    if (top.length === k) {
      const last = top[k - 1]!;
      if (score < last.score || (score === last.score && doc > last.doc)) continue;
    }
    if (keep(doc)) keepBest(top, { doc, score }, k, ahead);
  }
  return top;
}

const ahead = (a: { doc: number; score: number }, b: { doc: number; score: number }) => a.score > b.score || (a.score === b.score && a.doc < b.doc);

/**
 * The k highest-scoring documents that `keep` accepts, best first (ties: lower id first).
 * k is small and matches are many, so the k best are kept as they come rather than all sorted.
 */
export function topK(scores: Map<number, number>, k: number, keep: (doc: number) => boolean = () => true): { doc: number; score: number }[] {
  const top: { doc: number; score: number }[] = [];
  for (const [doc, score] of scores) if (keep(doc)) keepBest(top, { doc, score }, k, ahead);
  return top;
}

/** The index as JSON-safe data: typed arrays as base64 of their bytes (little-endian, as written). */
export interface StoredKeywordIndex {
  size: number;
  terms: string[];
  lengths: string;
  offsets: string;
  docs: string;
  tfs: string;
}

const b64 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function u32(s: string): Uint32Array {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.byteLength % 4) throw new Error('a stored array is not a whole number of 32-bit values');
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function storeKeywordIndex(index: KeywordIndex): StoredKeywordIndex {
  return { size: index.size, terms: [...index.terms.keys()], lengths: b64(index.lengths), offsets: b64(index.offsets), docs: b64(index.docs), tfs: b64(index.tfs) };
}

/** The stored index back; throws on arrays that do not fit together (a damaged or foreign file). */
export function loadKeywordIndex(s: StoredKeywordIndex): KeywordIndex {
  const lengths = u32(s.lengths), offsets = u32(s.offsets), docs = u32(s.docs), tfs = u32(s.tfs);
  const fits = lengths.length === s.size && offsets.length === s.terms.length + 1 && docs.length === tfs.length && offsets[s.terms.length] === docs.length && docs.every((d) => d < s.size);
  if (!fits) throw new Error('stored keyword postings do not fit together');
  let sum = 0;
  for (const l of lengths) sum += l;
  return { size: s.size, avgLength: s.size ? sum / s.size : 0, lengths, terms: new Map(s.terms.map((t, i) => [t, i])), offsets, docs, tfs };
}
