/*
 * The numbering a Chinese policy document uses for its own structure, outermost first.
 * Levels are ordinal: a line of level n closes every open heading of level ≥ n.
 */
const NUM = '一二三四五六七八九十百零〇';

export type Marker = 'chapter' | 'section' | 'article' | 'h1' | 'h2' | 'h3' | 'h4' | 'dash';

const MARKERS: { marker: Marker; re: RegExp; level: number }[] = [
  { marker: 'chapter', re: new RegExp(`^第[${NUM}]+章`), level: 1 },
  { marker: 'section', re: new RegExp(`^第[${NUM}]+节`), level: 2 },
  { marker: 'article', re: new RegExp(`^第[${NUM}]+条`), level: 3 },
  { marker: 'h1', re: new RegExp(`^[${NUM}]+、`), level: 4 },
  { marker: 'h2', re: new RegExp(`^[(（][${NUM}]+[)）]`), level: 5 },
  { marker: 'h3', re: /^\d{1,3}\s?[.．、,，](?!\d)/, level: 6 },
  { marker: 'h4', re: /^[(（]\d{1,2}[)）]/, level: 7 },
  { marker: 'dash', re: /^——/, level: 8 },
];

export interface LineShape {
  marker: Marker | null;
  level: number;
  /** The numbering itself: 第十二条, 一、, (三), 4. */
  label: string | null;
  /** A line that only names what follows (一、总体要求): short, no sentence punctuation. */
  isHeadingOnly: boolean;
}

const SENTENCE_END = /[。；;：:！!？?]$/;
const HEADING_MAX = 40;

export function lineShape(text: string): LineShape {
  for (const { marker, re, level } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    const headingOnly = marker !== 'article' && marker !== 'dash' && text.length <= HEADING_MAX && !SENTENCE_END.test(text) && !/[，,。]/.test(text.slice(m[0].length));
    return { marker, level, label: m[0].trim(), isHeadingOnly: headingOnly };
  }
  return { marker: null, level: 99, label: null, isHeadingOnly: false };
}

/** The part of a numbered line that names it: "(一)指导思想:全面贯彻…" → "(一)指导思想". */
export function headingText(text: string): string {
  const cut = text.search(/[。:：;；]/);
  const head = cut > 0 ? text.slice(0, cut) : text;
  return head.length <= HEADING_MAX ? head : head.slice(0, HEADING_MAX) + '…';
}

export function isChapterLike(shape: LineShape): boolean {
  return shape.marker === 'chapter' || shape.marker === 'section';
}

const ARTICLE_AT = new RegExp(`^第([${NUM}]+)条`);
const INLINE_ARTICLE = new RegExp(`(?<=[。；])第([${NUM}]+)条`, 'g');

/**
 * Page layout sometimes runs an article into the end of the previous one
 * ("…户口迁移。第四条公民户口迁…"). Cut a line there when the number is the next one
 * expected, so that a reference such as "。第十条规定" elsewhere is left alone.
 */
export function splitRunOnArticles<L extends { text: string; start: number; end: number }>(lines: L[], chineseNumber: (s: string) => number | null): L[] {
  const out: L[] = [];
  let last = 0;
  for (const line of lines) {
    const lead = ARTICLE_AT.exec(line.text);
    if (lead) last = chineseNumber(lead[1]!) ?? last;
    let from = 0;
    for (const m of line.text.matchAll(INLINE_ARTICLE)) {
      const n = chineseNumber(m[1]!);
      if (n === null || n !== last + 1) continue;
      out.push({ ...line, text: line.text.slice(from, m.index), start: line.start + from, end: line.start + m.index! });
      from = m.index!;
      last = n;
    }
    out.push(from === 0 ? line : { ...line, text: line.text.slice(from), start: line.start + from });
  }
  return out;
}
