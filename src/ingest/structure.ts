import { chineseNumber } from './dates.js';

/*
 * The numbering a Chinese policy or legal text uses for its own structure, outermost first:
 * 附件N › 第X编 › 第X部分 › 第X章 › 第X节 › 第X条 › 一、 › （一） › 1. › (1) › ——.
 * Levels are ordinal: a line of level n closes every open heading of level ≥ n.
 */
export const NUM = '一二三四五六七八九十百零〇';

export type Marker = 'attachment' | 'volume' | 'part' | 'chapter' | 'section' | 'article' | 'h1' | 'h2' | 'h3' | 'h4' | 'dash';

interface MarkerRule {
  marker: Marker;
  re: RegExp;
  level: number;
}

const MARKERS: MarkerRule[] = [
  // an attachment label stands alone ("附件二", "附件2"); "附件:1.…" is a list of attachments, not one
  { marker: 'attachment', re: new RegExp(`^附件\\s?([${NUM}]+|\\d{1,2})(?=$|\\s|[:：]?[^\\d.．、:：])`), level: 0 },
  { marker: 'volume', re: new RegExp(`^第([${NUM}]+)编`), level: 1 },
  { marker: 'part', re: new RegExp(`^第([${NUM}]+)部分`), level: 2 },
  { marker: 'chapter', re: new RegExp(`^第([${NUM}]+)章`), level: 3 },
  { marker: 'section', re: new RegExp(`^第([${NUM}]+)节`), level: 4 },
  { marker: 'article', re: new RegExp(`^第([${NUM}]+)条`), level: 5 },
  { marker: 'h1', re: new RegExp(`^([${NUM}]+)、`), level: 6 },
  { marker: 'h2', re: new RegExp(`^[(（]([${NUM}]+)[)）]`), level: 7 },
  { marker: 'h3', re: /^(\d{1,3})\s?[.．、,，](?!\d)/, level: 8 },
  { marker: 'h4', re: /^[(（](\d{1,2})[)）]/, level: 9 },
  { marker: 'dash', re: /^——/, level: 10 },
];

export const LEVEL_OF: Record<Marker, number> = Object.fromEntries(MARKERS.map((m) => [m.marker, m.level])) as Record<Marker, number>;

export interface LineShape {
  marker: Marker | null;
  level: number;
  /** The numbering itself: 第十二条, 一、, (三), 4. */
  label: string | null;
  /** The number the label carries: 十二 → 12; null for a dash. */
  number: number | null;
  /** A line that only names what follows (一、总体要求): short, no sentence punctuation. */
  isHeadingOnly: boolean;
}

const SENTENCE_END = /[。；;：:！!？?]$/;
const HEADING_MAX = 40;
const NONE: LineShape = { marker: null, level: 99, label: null, number: null, isHeadingOnly: false };

export function lineShape(text: string): LineShape {
  for (const { marker, re, level } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    const structural = isStructuralMarker(marker);
    const headingOnly = marker !== 'article' && marker !== 'dash' && text.length <= HEADING_MAX && !SENTENCE_END.test(text) && (structural || !/[，,。]/.test(rest));
    return { marker, level, label: m[0].trim(), number: m[1] ? numberOf(m[1]) : null, isHeadingOnly: headingOnly };
  }
  return NONE;
}

const DECIMAL_LEAD = /^(\d{1,3})[.．](?=\d)/;

/**
 * A line's shape given the list it may continue: "3.5岁以下儿童死亡率…" reads as a decimal on its
 * own, but right after item 2 it is item 3 ("11.90%以上的社区…" after item 10 likewise).
 */
export function lineShapeAfter(text: string, previousItem: number | null): LineShape {
  const shape = lineShape(text);
  const m = DECIMAL_LEAD.exec(text);
  if (shape.marker !== null || !m || previousItem === null || Number(m[1]) !== previousItem + 1) return shape;
  const label = text.slice(0, m[0].length);
  return { marker: 'h3', level: LEVEL_OF.h3, label, number: previousItem + 1, isHeadingOnly: text.length <= HEADING_MAX && !SENTENCE_END.test(text) && !/[，,。]/.test(text) };
}

/** The part of a numbered line that names it: "(一)指导思想:全面贯彻…" → "(一)指导思想". */
export function headingText(text: string): string {
  const cut = text.search(/[。:：;；]/);
  const head = cut > 0 ? text.slice(0, cut) : text;
  return head.length <= HEADING_MAX ? head : head.slice(0, HEADING_MAX) + '…';
}

/** 编/部分/章/节 and attachments are headings wherever they stand, even between articles. */
export function isStructuralMarker(marker: Marker | null): boolean {
  return marker === 'attachment' || marker === 'volume' || marker === 'part' || marker === 'chapter' || marker === 'section';
}

export function isChapterLike(shape: LineShape): boolean {
  return isStructuralMarker(shape.marker);
}

/** 二十五 → 25, 十 → 10, 一百零三 → 103; Arabic digits as they are (the same reader dates use). */
export const numberOf = chineseNumber;
