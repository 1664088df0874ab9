/*
 * Answers to a question that names a reference (src/search/reference.ts): the named clause
 * quoted whole, a named document's metadata, or an honest "that document has no 第X条".
 */
import type { DocumentMeta } from '../ingest/index.js';
import type { DocumentAsk, SearchHit, SearchResult } from '../search/index.js';
import { citationOf } from './citation.js';
import type { Excerpt } from './answerer.js';

export type ReferenceAnswer =
  | { kind: 'clauses'; excerpts: Excerpt[] }
  | { kind: 'document'; ask: DocumentAsk; documents: DocumentMeta[]; openings: Excerpt[] }
  | { kind: 'missing'; label: string; documents: DocumentMeta[] }
  | { kind: 'unknown-doc-number'; docNumber: string };

/** Whole sentences up to `max` characters (the clause is the answer: it is quoted from its start). */
function clauseQuote(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf(';'));
  return end > max / 3 ? cut.slice(0, end + 1) : cut + '…';
}

const excerptOf = (h: SearchHit, max: number): Excerpt => ({
  quote: clauseQuote(h.clause.text, max), citation: citationOf(h.clause, h.document), clauseId: h.clause.id, docId: h.clause.docId, highlights: [], periodEnded: null,
});

/** Null when the question names nothing, or names a document only as the topic of a content question. */
export function referenceAnswer(result: SearchResult, sizes: { maxQuote: number; maxTotal: number; maxExcerpts: number }): ReferenceAnswer | null {
  const r = result.reference;
  if (!r) return null;
  if (r.unknownDocNumber) return { kind: 'unknown-doc-number', docNumber: r.unknownDocNumber };
  const docOf = (id: string) => result.hits.find((h) => h.document.id === id)?.document;
  const documents = r.documents.map(docOf).filter((d): d is DocumentMeta => !!d);
  if (r.missing && r.label && documents.length) return { kind: 'missing', label: r.label, documents };
  if (r.ask && documents.length) {
    const openings = r.ask === 'overview' ? result.hits.filter((h) => r.openingIds.includes(h.clause.id)).map((h) => excerptOf(h, 120)) : [];
    return { kind: 'document', ask: r.ask, documents, openings };
  }
  if (r.lookup) {
    const wanted = new Set(r.clauseIds);
    const excerpts: Excerpt[] = [];
    let total = 0;
    for (const h of result.hits) {
      if (!wanted.has(h.clause.id) || excerpts.length >= sizes.maxExcerpts) continue;
      const e = excerptOf(h, sizes.maxQuote);
      if (excerpts.length && total + e.quote.length > sizes.maxTotal) break;
      total += e.quote.length;
      excerpts.push(e);
    }
    if (excerpts.length) return { kind: 'clauses', excerpts };
  }
  return null;
}
