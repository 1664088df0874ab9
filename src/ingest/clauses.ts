import type { ClauseKind, Span } from './types.js';
import type { BodyLine } from './body-furniture.js';
import { lineShape, lineShapeAfter, headingText, isChapterLike, LEVEL_OF, type LineShape } from './structure.js';
import { cleanLine, cutSegment, type Segment } from './segment.js';
import { packSentences, splitSentences } from './sentences.js';
import { createHeadingNamer } from './heading-name.js';

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
  /**
   * No clause is longer than this: a ceiling for text whose structure was not recognised, not a
   * chunk size. Set above the longest unit the seeds read right (a 1,209-character table row).
   */
  cap: number;
}

export const DEFAULT_SIZING: ClauseSizing = { min: 40, max: 520, target: 380, listItem: 60, cap: 1600 };

export interface DraftClause {
  kind: ClauseKind;
  headingPath: string[];
  articleNo: string | null;
  segments: Segment[];
  artefacts: { text: string; span: Span }[];
  /** Set when a clause over the size cap was cut: which part of how many this is. */
  part?: { index: number; count: number };
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
export function buildClauses(lines: BodyLine[], docTitle: string, sizing: ClauseSizing = DEFAULT_SIZING, warnings: string[] = []): DraftClause[] {
  const namer = createHeadingNamer(lines.map((l) => cleanLine(l).segment.text));
  /** The open headings; `complete`: a numbered item whose own line already says all it says ("(三)连续就读。是指…"). */
  const stack: { level: number; text: string; complete?: boolean }[] = [];
  let pending: Segment[] = [];
  let pendingArtefacts: DraftClause['artefacts'] = [];
  let current: Block | null = null;
  let inArticle = false;
  const blocks: Block[] = [];
  const notes: Block[] = [];
  let topSeen = 0; // highest 一、 number so far: a restart at 一、 after it marks a new part

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

  let lastItem: number | null = null; // the 1./2./3. list open at this line, for "3.5岁…" after item 2
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const shape = lineShapeAfter(line.text, lastItem);
    if (shape.marker === 'h3') lastItem = shape.number;
    else if (shape.marker !== null && shape.level < LEVEL_OF.h3) lastItem = null;
    const { segment, artefacts } = cleanLine(line);
    if (!segment.text) continue;

    if (line.note) {
      // a footnote goes with its table, and leaves the sentence it broke into to go on
      const path = [docTitle, line.note.caption ?? '说明'];
      const last = notes[notes.length - 1];
      if (last && lines[i - 1]?.note) last.segments.push(segment);
      else notes.push({ kind: 'note', headingPath: path, articleNo: null, segments: [segment], artefacts, lines: 1 });
      continue;
    }

    if (line.attachmentList) {
      // the list of a document's attachments closes its outline: it names what follows, under 附件
      close();
      stack.length = 0;
      const last = blocks[blocks.length - 1];
      if (last && lines[i - 1]?.attachmentList) {
        last.segments.push(segment);
        last.artefacts.push(...artefacts);
        last.lines++;
      } else blocks.push({ kind: 'paragraph', headingPath: [docTitle, ATTACHMENTS], articleNo: null, segments: [segment], artefacts, lines: 1 });
      continue;
    }

    if (shape.marker === 'h1' && shape.number !== null) topSeen = Math.max(topSeen, shape.number);
    // an unnumbered title after which 一、 starts again heads a part, as 第X部分 would
    if (shape.marker === null && topSeen > 1 && isUnnumberedPart(line.text, lines[i + 1]?.text)) {
      close();
      inArticle = false;
      popTo(PART_LEVEL);
      stack.push({ level: PART_LEVEL, text: segment.text });
      pending.push(segment);
      pendingArtefacts.push(...artefacts);
      topSeen = 0;
      continue;
    }

    if (isChapterLike(shape) || (shape.isHeadingOnly && !inArticle)) {
      close();
      if (isChapterLike(shape)) inArticle = false;
      popTo(shape.level);
      let text = isChapterLike(shape) ? headingText(segment.text) : segment.text;
      pending.push(segment);
      pendingArtefacts.push(...artefacts);
      // a heading the page broke over two lines ("二、2018年" / "主要目标任务") is one heading
      const next = lines[i + 1];
      if (next && !next.note && continuesHeading(shape, segment.text, next.text)) {
        const cont = cleanLine(next);
        pending.push(cont.segment);
        pendingArtefacts.push(...cont.artefacts);
        text += cont.segment.text;
        i++;
      }
      stack.push({ level: shape.level, text });
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
      // a numbered line that joins its lead-in's clause still opens its place in the outline:
      // the unnumbered paragraphs after it stand under it until its next sibling or parent
      if (shape.marker) {
        popTo(shape.level);
        const name = namer.nameOf(segment.text);
        stack.push({ level: shape.level, text: name, complete: isCompleteItem(segment.text, name) });
      }
    } else {
      if (shape.marker) {
        popTo(shape.level);
        const name = namer.nameOf(segment.text);
        stack.push({ level: shape.level, text: name, complete: isCompleteItem(segment.text, name) });
        block = open('item', null);
      } else {
        // a paragraph after the last item of a list, when that item was complete on its own line,
        // closes the list ("…可不受以上条件限制"): it belongs to the list's parent, not to that item
        const top = stack[stack.length - 1];
        if (top?.complete && !LOOKS_NUMBERED.test(segment.text) && !itemGoesOn(lines, i, top.level)) stack.pop();
        block = open('paragraph', null);
      }
    }
    block.segments.push(segment);
    block.artefacts.push(...artefacts);
    block.lines++;
  }
  close();
  for (const line of namer.unresolved) warnings.push(`《${docTitle}》: heading may run into its paragraph, name not found: ${line}…`);
  if (pending.length) blocks.push({ kind: 'paragraph', headingPath: path(), articleNo: null, segments: pending, artefacts: pendingArtefacts, lines: 0 });

  return [...mergeSmall(blocks, sizing).flatMap((b) => splitLarge(b, sizing)), ...notes.flatMap((b) => splitLarge(b, sizing))];
}

const PART_LEVEL = LEVEL_OF.part;

/** A line that opens like a list item though not read as one ("1.2017年底前…" reads as a decimal): never a closing paragraph. */
const LOOKS_NUMBERED = /^\s*(\d{1,2}[.．、]|[(（][一二三四五六七八九十\d]+[)）])/;

/** A numbered line that carries a sentence of its own after its name, ended: the item says all it says there. */
function isCompleteItem(text: string, name: string): boolean {
  const rest = text.slice(name.length).replace(/^[。．.，,：:\s]+/, '');
  return rest.length >= 8 && /[。；;！？!?]$/.test(text.trim());
}

/**
 * Whether the item at `level` goes on past this paragraph: the next numbered line decides — a
 * sibling, or a deeper list the paragraph introduces, means yes; a heading above it, or none, no.
 * Looks a bounded way ahead.
 */
function itemGoesOn(lines: BodyLine[], from: number, level: number): boolean {
  for (let k = from + 1; k < Math.min(lines.length, from + 60); k++) {
    const shape = lineShape(lines[k]!.text);
    if (shape.marker === null) continue;
    return shape.level >= level;
  }
  return false;
}
const ATTACHMENTS = '附件';
const PART_TITLE_MAX = 30;

function isUnnumberedPart(text: string, next: string | undefined): boolean {
  if (!next || text.length > PART_TITLE_MAX || /[。；;：:，,、！？!?]/.test(text)) return false;
  const shape = lineShape(next);
  return shape.marker === 'h1' && shape.number === 1;
}

/** Title words a heading cannot end on: it goes on in the next line. */
const OPEN_ENDED = /(的|和|与|及|之|、|年|[\d一二三四五六七八九十])$/;
const CONTINUATION_MAX = 16;

/**
 * "二、2018年" + "主要目标任务", "三、建设人民满意的" + "服务型政府": a heading that stops where
 * no title would, and a next line that is short, unnumbered and no sentence.
 */
function continuesHeading(shape: LineShape, text: string, next: string): boolean {
  if (!shape.isHeadingOnly || shape.marker === null) return false;
  const title = text.slice(shape.label?.length ?? 0).trim();
  if (!(OPEN_ENDED.test(title) || title.length <= 2)) return false;
  return next.length <= CONTINUATION_MAX && lineShape(next).marker === null && !/[。；;：:，,！？!?]/.test(next);
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
      // text before the outline's first heading (a salutation, a notice's opening) never joins a section:
      // merged, one of the two would be cited under the other's place
      const beforeOutline = carry.headingPath.length <= 1 && b.headingPath.length > 1;
      if (!beforeOutline && carry.articleNo === b.articleNo && isPrefix(sectionOf(carry), b.headingPath) && lengthOf(carry) + lengthOf(b) <= sizing.max) {
        b.segments.unshift(...carry.segments);
        b.artefacts.unshift(...carry.artefacts);
        if (carry.kind === 'item' && b.kind !== 'article') b.headingPath = carry.headingPath.length < b.headingPath.length ? b.headingPath : carry.headingPath;
        // a section's own opening sentence leads the clause: it is cited under that section, not the item after it
        else if (carry.kind === 'paragraph' && carry.lines > 0 && b.kind !== 'article') b.headingPath = carry.headingPath;
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

/**
 * Split between lines first; a line that alone is too long is split between sentences.
 * A list stays with the sentence that announces it ("需提供以下证明材料:"): no cut inside it
 * while the piece fits; where one must be made, the next piece repeats the lead-in.
 */
function splitLarge(block: DraftClause, sizing: ClauseSizing): DraftClause[] {
  if (lengthOf(block) <= sizing.max) return [block];
  const units = block.segments.flatMap((seg) =>
    seg.text.length <= sizing.max ? [seg] : cutSegment(seg, packSentences(splitSentences(seg.text), sizing.target, sizing.max)),
  );
  const pieces: Segment[][] = [];
  let current: Segment[] = [];
  let size = 0;
  let leadIn: { seg: Segment; level: number } | null = null;
  for (const u of units) {
    const prev = current[current.length - 1];
    const shape = lineShape(u.text);
    // a list ends at a line of the lead-in's own level or above, or at unnumbered prose after a full stop
    if (leadIn && ((shape.marker !== null && shape.level <= leadIn.level) || (shape.marker === null && prev !== undefined && /[。]$/.test(prev.text)))) leadIn = null;
    const inList = leadIn !== null && shape.marker !== null;
    const introducesNext = prev !== undefined && INTRODUCES_LIST.test(prev.text);
    // a line the page broke mid-sentence is never a place to cut
    const midSentence = prev !== undefined && !SENTENCE_END.test(prev.text) && shape.marker === null;
    const fits = size + u.text.length <= sizing.max;
    const mayCut = !midSentence && !((introducesNext || inList) && fits);
    if (current.length && size + u.text.length > sizing.target && mayCut) {
      pieces.push(current);
      current = inList && leadIn ? [carried(leadIn.seg)] : [];
      size = current.length ? current[0]!.text.length : 0;
    }
    current.push(u);
    size += u.text.length;
    if (INTRODUCES_LIST.test(u.text)) leadIn = { seg: u, level: shape.marker === null ? 0 : shape.level };
  }
  if (current.length) pieces.push(current);
  return pieces.map((segments) => ({
    ...block,
    segments,
    artefacts: block.artefacts.filter((a) => segments.some((s) => s.offsets[0]! <= a.span[0] && a.span[0] <= s.offsets[s.offsets.length - 1]! + 1)),
  }));
}

/** The lead-in repeated at the head of a list's second piece: added text, no source offsets. */
function carried(leadIn: Segment): Segment {
  const text = `（接上）${leadIn.text}`;
  return { text, offsets: Array<number>(text.length).fill(-1) };
}
