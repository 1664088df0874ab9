import type { DraftClause } from './clauses.js';
import { cutSegment, type Segment } from './segment.js';
import { packSentences, splitSentences } from './sentences.js';

/*
 * A hard ceiling on a clause's size. Sizing (clauses.ts) shapes the prose it reads right; this
 * guards against structure it did not recognise: a table whose row numbers do not run 1, 2, 3
 * (the digit-shifted 奉化 list of `bench --scale`) comes out as one "row" of 24,000 characters,
 * which no reply can quote and no embedding covers. Such a clause is cut into parts between its
 * lines (preferring the start of a table row: a number alone on its line), a line longer than
 * the cap between sentences; every part keeps the clause's document, heading path, article and
 * kind, and says which part of how many it is.
 */
const ROW_START = /^\d{1,3}$/;

// the clause's text joins its lines with a line break: each counts as one character
const sizeOf = (segments: readonly Segment[]) => segments.reduce((n, s) => n + s.text.length + 1, -1);

export function capClauses(drafts: DraftClause[], cap: number): DraftClause[] {
  return drafts.flatMap((d) => (sizeOf(d.segments) <= cap ? [d] : cutIntoParts(d, cap)));
}

function cutIntoParts(draft: DraftClause, cap: number): DraftClause[] {
  const units = draft.segments.flatMap((s) => (s.text.length <= cap ? [s] : cutSegment(s, packSentences(splitSentences(s.text), cap, cap))));
  const parts: Segment[][] = [];
  let current: Segment[] = [];
  let size = 0;
  for (const u of units) {
    const full = size + u.text.length + 1 > cap;
    const rowBoundary = ROW_START.test(u.text.trim()) && size >= cap / 2;
    if (current.length && (full || rowBoundary)) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += u.text.length + 1;
  }
  if (current.length) parts.push(current);
  return parts.map((segments, k) => ({
    ...draft,
    segments,
    artefacts: draft.artefacts.filter((a) => segments.some((s) => s.offsets.some((o) => o >= 0 && a.span[0] <= o + 1 && o <= a.span[1]))),
    part: { index: k + 1, count: parts.length },
  }));
}
