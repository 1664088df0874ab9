import type { Line } from './lines.js';
import type { Span } from './types.js';
import { removeArtefacts } from './artefacts.js';

/**
 * Text on its way into a clause, with the source offset of every character so that
 * cleaning and splitting never lose track of where a clause came from.
 */
export interface Segment {
  text: string;
  /** offsets[i] is the source offset of text[i]. */
  offsets: number[];
}

export interface CleanLine {
  segment: Segment;
  artefacts: { text: string; span: Span }[];
}

export function cleanLine(line: Line): CleanLine {
  const { removed } = removeArtefacts(line.text);
  let text = '';
  const offsets: number[] = [];
  let cursor = 0;
  for (const r of [...removed, { text: '', start: line.text.length, end: line.text.length }]) {
    for (let i = cursor; i < r.start; i++) {
      text += line.text[i];
      offsets.push(line.start + i);
    }
    cursor = r.end;
  }
  return {
    segment: { text, offsets },
    artefacts: removed.map((r) => ({ text: r.text, span: [line.start + r.start, line.start + r.end] as Span })),
  };
}

export function sliceSegment(seg: Segment, from: number, to: number): Segment {
  return { text: seg.text.slice(from, to), offsets: seg.offsets.slice(from, to) };
}

/** Cut a segment into consecutive pieces of the given lengths. */
export function cutSegment(seg: Segment, pieces: string[]): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  for (const p of pieces) {
    out.push(sliceSegment(seg, from, from + p.length));
    from += p.length;
  }
  return out;
}

/** Contiguous source ranges covered by the segments. */
export function spansOf(segments: Segment[]): Span[] {
  const spans: Span[] = [];
  for (const seg of segments) {
    for (const off of seg.offsets) {
      if (off < 0) continue; // added text such as a table column label
      const last = spans[spans.length - 1];
      if (last && last[1] === off) last[1] = off + 1;
      else spans.push([off, off + 1]);
    }
  }
  return spans;
}
