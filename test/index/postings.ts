import type { KeywordIndex } from '../../src/index/index.js';

/** The postings as plain data: term → [doc, tf] pairs, whatever order the terms were stored in. */
export function postingsOf(index: KeywordIndex): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const [term, row] of [...index.terms].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out[term] = [];
    for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) out[term]!.push([index.docs[i]!, index.tfs[i]!]);
  }
  return out;
}
