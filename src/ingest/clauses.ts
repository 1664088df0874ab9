import type { Line } from './lines.js';
import type { ClauseKind, Span } from './types.js';
import { lineShape, headingText, isChapterLike } from './structure.js';
import { cleanLine, cutSegment, type Segment } from './segment.js';
import { packSentences, splitSentences } from './sentences.js';

/** Clause size, in characters: long enough to stand alone, short enough to quote. */
export interface ClauseSizing {
  /** Blocks shorter than this join a neighbour. */
  min: number;
  /** Blocks longer than this are split between lines, then between sentences. */
  max: number;
  /** Pieces of a split block aim at about this size. */
  target: number;
  /** A list item this short stays with the sentence that introduces it. */
  listItem: number;
}

export const DEFAULT_SIZING: ClauseSizing = { min: 40, max: 520, target: 380, listItem: 60 };

export interface DraftClause {
  kind: ClauseKind;
  headingPath: string[];
  articleNo: string | null;
  segments: Segment[];
  artefacts: { text: string; span: Span }[];
}

interface Block extends DraftClause {
  lines: number;
}

const INTRODUCES_LIST = /[:：]$/;
const SENTENCE_END = /[。；;！？!?:：）)”」〕]$/;

/**
 * Group a document's body lines into clauses along its own structure
 * (章/节/条, 一、/（一）/1./(1)), then size them.
 */
export function buildClauses(lines: Line[], docTitle: string, sizing: ClauseSizing = DEFAULT_SIZING): DraftClause[] {
  const stack: { level: number; text: string }[] = [];
  let pending: Segment[] = [];
  let pendingArtefacts: DraftClause['artefacts'] = [];
  let current: Block | null = null;
  let inArticle = false;
  const blocks: Block[] = [];

  const path = () => [docTitle, ...stack.map((s) => s.text)];
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  const open = (kind: ClauseKind, articleNo: string | null) => {
    close();
    current = { kind, headingPath: path(), articleNo, segments: pending, artefacts: pendingArtefacts, lines: 0 };
    pending = [];
    pendingArtefacts = [];
    return current;
  };
  const popTo = (level: number) => {
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
  };

  for (const line of lines) {
    const shape = lineShape(line.text);
    const { segment, artefacts } = cleanLine(line);
    if (!segment.text) continue;

    if (isChapterLike(shape) || (shape.isHeadingOnly && !inArticle)) {
      close();
      if (isChapterLike(shape)) inArticle = false;
      popTo(shape.level);
      stack.push({ level: shape.level, text: segment.text });
      pending.push(segment);
      pendingArtefacts.push(...artefacts);
      continue;
    }

    let block: Block;
    const cur = current as Block | null;
    if (shape.marker === 'article') {
      inArticle = true;
      popTo(shape.level);
      block = open('article', shape.label);
    } else if (inArticle && cur) {
      block = cur;
    } else if (cur && continuesBlock(cur, segment.text, shape.marker !== null, sizing)) {
      block = cur;
    } else {
      if (shape.marker) {
        popTo(shape.level);
        stack.push({ level: shape.level, text: headingText(segment.text) });
        block = open('item', null);
      } else {
        block = open('paragraph', null);
      }
    }
    block.segments.push(segment);
    block.artefacts.push(...artefacts);
    block.lines++;
  }
  close();
  if (pending.length) blocks.push({ kind: 'paragraph', headingPath: path(), articleNo: null, segments: pending, artefacts: pendingArtefacts, lines: 0 });

  return mergeSmall(blocks, sizing).flatMap((b) => splitLarge(b, sizing));
}

/** A short list item joins the sentence that introduced it and the items before it. */
function continuesBlock(block: Block, text: string, numbered: boolean, sizing: ClauseSizing): boolean {
  const last = block.segments[block.segments.length - 1];
  if (!last) return false;
  if (!numbered && !SENTENCE_END.test(last.text)) return true; // the page broke a sentence across lines
  const isShort = text.length <= sizing.listItem;
  if (INTRODUCES_LIST.test(last.text) && (isShort || numbered)) return true;
  const lastIsShortItem = block.lines > 1 && last.text.length <= sizing.listItem && lineShape(last.text).marker !== null;
  return numbered && isShort && lastIsShortItem;
}

const lengthOf = (b: DraftClause) => b.segments.reduce((n, s) => n + s.text.length, 0);

const isPrefix = (a: string[], b: string[]) => a.length <= b.length && a.every((x, i) => x === b[i]);
/** The section a block sits in: an item's own label is the last element of its path. */
const sectionOf = (b: Block) => (b.kind === 'item' ? b.headingPath.slice(0, -1) : b.headingPath);

/**
 * A fragment too small to stand alone joins a neighbour in the same section: a closing
 * sentence joins what precedes it, a short item or stray heading what follows it.
 */
function mergeSmall(blocks: Block[], sizing: ClauseSizing): Block[] {
  const out: Block[] = [];
  let carry: Block | null = null;
  for (const b of blocks) {
    if (carry) {
      if (carry.articleNo === b.articleNo && isPrefix(sectionOf(carry), b.headingPath) && lengthOf(carry) + lengthOf(b) <= sizing.max) {
        b.segments.unshift(...carry.segments);
        b.artefacts.unshift(...carry.artefacts);
        if (carry.kind === 'item' && b.kind !== 'article') b.headingPath = carry.headingPath.length < b.headingPath.length ? b.headingPath : carry.headingPath;
      } else out.push(carry);
      carry = null;
    }
    if (lengthOf(b) >= sizing.min) {
      out.push(b);
      continue;
    }
    const prev = out[out.length - 1];
    const closesPrev = b.kind === 'paragraph' && b.lines > 0 && prev && prev.articleNo === b.articleNo && isPrefix(sectionOf(prev), b.headingPath);
    if (closesPrev && lengthOf(prev) + lengthOf(b) <= sizing.max) {
      prev.segments.push(...b.segments);
      prev.artefacts.push(...b.artefacts);
    } else carry = b;
  }
  if (carry) out.push(carry);
  return out;
}

/** Split between lines first; a line that alone is too long is split between sentences. */
function splitLarge(block: DraftClause, sizing: ClauseSizing): DraftClause[] {
  if (lengthOf(block) <= sizing.max) return [block];
  const units = block.segments.flatMap((seg) =>
    seg.text.length <= sizing.max ? [seg] : cutSegment(seg, packSentences(splitSentences(seg.text), sizing.target, sizing.max)),
  );
  const pieces: Segment[][] = [];
  let current: Segment[] = [];
  let size = 0;
  for (const u of units) {
    const prev = current[current.length - 1];
    const introducesNext = prev !== undefined && INTRODUCES_LIST.test(prev.text);
    // a line the page broke mid-sentence is never a place to cut
    const midSentence = prev !== undefined && !SENTENCE_END.test(prev.text) && lineShape(u.text).marker === null;
    const mayCut = !midSentence && !(introducesNext && size + u.text.length <= sizing.max);
    if (current.length && size + u.text.length > sizing.target && mayCut) {
      pieces.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += u.text.length;
  }
  if (current.length) pieces.push(current);
  return pieces.map((segments) => ({
    ...block,
    segments,
    artefacts: block.artefacts.filter((a) => segments.some((s) => s.offsets[0]! <= a.span[0] && a.span[0] <= s.offsets[s.offsets.length - 1]! + 1)),
  }));
}
