import { keepBest } from './best.js';

/** BM25 parameters; the usual defaults, which the dev set did not move. */
export interface Bm25Params {
  k1: number;
  b: number;
}
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** Term statistics over a fixed list of documents (here: clauses), built once. */
export interface KeywordIndex {
  readonly size: number;
  readonly avgLength: number;
  readonly lengths: Uint32Array;
  readonly postings: Map<string, { doc: number; tf: number }[]>;
}

export function buildKeywordIndex(documents: string[][]): KeywordIndex {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths = new Uint32Array(documents.length);
  documents.forEach((terms, doc) => {
    lengths[doc] = terms.length;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc, tf: n });
    }
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  return { size: documents.length, avgLength: documents.length ? total / documents.length : 0, lengths, postings };
}

/** Inverse document frequency (BM25's form); a term no document has gets the highest. */
export function idf(index: KeywordIndex, term: string): number {
  const df = index.postings.get(term)?.length ?? 0;
  return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/** BM25 score of every document that shares a term with the query; absent means 0. */
export function bm25(index: KeywordIndex, queryTerms: string[], params: Bm25Params = DEFAULT_BM25, termWeights?: Map<string, number>): Map<number, number> {
  const scores = new Map<number, number>();
  for (const term of new Set(queryTerms)) {
    const list = index.postings.get(term);
    if (!list) continue;
    const weight = idf(index, term);
    const w = termWeights?.get(term) ?? 1;
    for (const { doc, tf } of list) {
      const norm = tf + params.k1 * (1 - params.b + (params.b * index.lengths[doc]!) / index.avgLength);
      scores.set(doc, (scores.get(doc) ?? 0) + w * weight * ((tf * (params.k1 + 1)) / norm));
    }
  }
  return scores;
}

/**
 * The k highest-scoring documents that `keep` accepts, best first (ties: lower id first).
 * k is small and matches are many, so the k best are kept as they come rather than all sorted.
 */
export function topK(scores: Map<number, number>, k: number, keep: (doc: number) => boolean = () => true): { doc: number; score: number }[] {
  const top: { doc: number; score: number }[] = [];
  const ahead = (a: { doc: number; score: number }, b: { doc: number; score: number }) => a.score > b.score || (a.score === b.score && a.doc < b.doc);
  for (const [doc, score] of scores) if (keep(doc)) keepBest(top, { doc, score }, k, ahead);
  return top;
}
