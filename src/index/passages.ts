import { splitSentences, type Clause, type DocumentMeta } from '../ingest/index.js';

/**
 * The unit that is embedded: a window of whole sentences inside one clause. Questions ask
 * about one condition or one figure; a vector per window keeps that sentence from being
 * averaged away by the rest of a long clause. The clause scores as its best window.
 */
export interface Passage {
  /** Index of the clause in the index's clause list. */
  clause: number;
  /** Character range of the window in the clause's text. */
  from: number;
  to: number;
}

/** Windows grow sentence by sentence until they reach this many characters. */
export const WINDOW_CHARS = 60;
/** Characters of a document's topic prefixed to each of its windows. */
const TOPIC_CHARS = 16;
/** Recorded in the manifest: a change of what is embedded for a passage makes an index stale. */
export const PASSAGE_RECIPE = `topic${TOPIC_CHARS}+window${WINDOW_CHARS}/v1`;

export function passagesOf(clause: Clause, clauseIndex: number, windowChars = WINDOW_CHARS): Passage[] {
  const out: Passage[] = [];
  let from = 0;
  let pos = 0;
  for (const sentence of splitSentences(clause.text)) {
    pos += sentence.length;
    if (pos - from >= windowChars) {
      out.push({ clause: clauseIndex, from, to: pos });
      from = pos;
    }
  }
  if (pos > from) {
    // a short tail joins the window before it rather than standing alone
    const last = out[out.length - 1];
    if (last && pos - from < windowChars / 3) last.to = pos;
    else out.push({ clause: clauseIndex, from, to: pos });
  }
  return out;
}

/** A document's topic without the issuing body: "…人民政府关于推行新型居住证制度的通知" → "推行新型居住证制度的通知". */
export function topicOf(doc: DocumentMeta | undefined): string {
  if (!doc) return '';
  const at = doc.title.indexOf('关于');
  const topic = at >= 0 ? doc.title.slice(at + 2) : doc.title;
  // the head of a title names its subject; the tail ("…的若干意见") costs embedding time for nothing
  return topic.slice(0, TOPIC_CHARS);
}

/** What is embedded for a passage: the document's topic, then the window's own words. */
export function passageEmbeddingText(clause: Clause, doc: DocumentMeta | undefined, p: Passage): string {
  return `${topicOf(doc)}\n${clause.text.slice(p.from, p.to).trim()}`;
}
