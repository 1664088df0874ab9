import { kindCue, type QuestionKind } from '../search/index.js';

/** A quotable unit of a clause: one sentence, or one list item, with its place in the clause. */
export interface Unit {
  text: string;
  /** Index of the line the unit sits on (after rejoining lines a page wrapped). */
  line: number;
  /** Ends with ：, so the items after it complete it. */
  introducesList: boolean;
  /** Begins with its own numbering: （一）, 1., (1). */
  isListItem: boolean;
  /**
   * Context, not an answer: a heading line of the clause, or the short label that opens an
   * item ("(二)合法稳定住所。" before "是指…"). Quoted only with the text it heads.
   */
  isHeading: boolean;
}

const LIST_ITEM = /^([(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、])/;
/** Numbering that opens an outline line: 一、 第三章 第二部分, or a list item's own. */
const OUTLINE = /^([(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十百]+、|第[一二三四五六七八九十百\d]+[章节条部])/;
/** A table row's field: "牵头单位：…", "序号：6". */
const FIELD = /^[^，。；：:,;]{1,12}[:：]/;
const SENTENCE = /[^。；;！？!?]+[。；;！？!?]*[”’」』）)]*/g;
const LINE_END = /[。；;：:！？!?）)”」』〕]$/;
/** An item's opening sentence this short names the item rather than saying something. */
const LABEL_CHARS = 20;

/** The style of an item's numbering, so that a lead-in is looked for at the right level. */
function numbering(text: string): string | null {
  if (/^[(（][一二三四五六七八九十]+[)）]/.test(text)) return 'paren-cn';
  if (/^[(（]\d+[)）]/.test(text)) return 'paren-num';
  if (/^\d{1,2}[.．、]/.test(text)) return 'num';
  return null;
}

/** The heading path as stored may be cut with "…"; a line is that heading when it starts the same way. */
function isHeadingLine(line: string, headings: readonly string[]): boolean {
  const l = line.trim();
  if (!l || LINE_END.test(l)) return false;
  return headings.some((h) => {
    const head = h.replace(/…$/, '').trim();
    return head.length > 0 && (l === head || l.startsWith(head.slice(0, Math.min(head.length, 12))) || head.startsWith(l));
  });
}

/**
 * Lines as the document wrote them: a line a page (or a PDF's width) broke mid-phrase
 * ("(二)退役义务兵、士官、军队" / "转业干部和…") is joined to the next one. A line without an
 * end mark stays a line when it is a heading, or when the next line opens an item or a field.
 */
function logicalLines(clauseText: string, headings: readonly string[]): { text: string; heading: boolean }[] {
  const out: { text: string; heading: boolean }[] = [];
  let pending = '';
  const raw = clauseText.split('\n');
  raw.forEach((line, i) => {
    const text = pending + line;
    const next = raw[i + 1];
    const heading = isHeadingLine(text, headings);
    const wraps = next !== undefined && text.trim() !== '' && !LINE_END.test(text.trim()) && !heading && !OUTLINE.test(next.trim()) && !FIELD.test(next.trim()) && next.trim() !== '';
    if (wraps) {
      pending = text;
      return;
    }
    pending = '';
    out.push({ text, heading });
  });
  return out;
}

/** Lines, then sentences within a line; table-row labels stay with their cell. */
export function unitsOf(clauseText: string, headings: readonly string[] = []): Unit[] {
  const units: Unit[] = [];
  logicalLines(clauseText, headings).forEach(({ text: line, heading }, lineNo) => {
    const parts = line.match(SENTENCE) ?? [line];
    parts.forEach((text, k) => {
      if (!text.trim()) return;
      const isListItem = k === 0 && LIST_ITEM.test(text);
      const label = isListItem && parts.length > 1 && text.trim().length <= LABEL_CHARS && /[。.]$/.test(text.trim());
      units.push({ text, line: lineNo, introducesList: /[:：]$/.test(text.trim()), isListItem, isHeading: heading || label });
    });
  });
  return units;
}

export interface UnitScoreInput {
  unit: Unit;
  /** Query terms present in the unit. */
  matchedTerms: string[];
  /** Weight of each query term (IDF); unknown terms count 1. */
  termWeight: (t: string) => number;
  totalWeight: number;
  kind: QuestionKind;
  /** 0 for the best clause, 1 for the next… */
  clauseRank: number;
}

/** Relevance of one unit to the question: matched terms by weight, the asked-for cue, the clause's rank. */
export function scoreUnit(x: UnitScoreInput): number {
  const coverage = x.totalWeight > 0 ? x.matchedTerms.reduce((s, t) => s + x.termWeight(t), 0) / x.totalWeight : 0;
  const cue = kindCue(x.kind);
  const cueBonus = cue && cue.test(x.unit.text) ? 0.15 : 0;
  const rankPrior = 0.25 / (1 + x.clauseRank);
  return coverage + cueBonus + rankPrior;
}

/** A quote shorter than this reads as a fragment. */
const SHORT_QUOTE = 60;

export interface Span {
  from: number;
  to: number;
  /**
   * The list's lead-in when it is not next to the item (the items between are left out and
   * the quote marks the gap with "…"): "(一)持证人享有下列基本公共服务:" … "5.法律援助…".
   */
  lead?: { from: number; to: number };
}

const charsOf = (units: Unit[], from: number, to: number) => units.slice(from, to).reduce((n, u) => n + u.text.length, 0);

/** The label or heading a unit needs in front of it to say what it is about, or `at` itself. */
function subjectStart(units: Unit[], at: number): number {
  const prev = units[at - 1];
  if (!prev || !prev.isHeading) return at;
  // the item's label on its line ("(二)合法稳定住所。是指…"); or the heading right above an
  // unnumbered paragraph (numbered text — 第六条, (一) — names itself; its heading is in the citation)
  return prev.line === units[at]!.line || (prev.line === units[at]!.line - 1 && !OUTLINE.test(units[at]!.text.trim())) ? at - 1 : at;
}

/** The sentence that opens the list an item belongs to: the nearest "…下列…:" above at the item's level. */
function leadIn(units: Unit[], at: number): number | null {
  const style = numbering(units[at]!.text);
  let itemLine = -1; // the line of the last same-level item passed on the way up
  for (let k = at - 1; k >= 0; k--) {
    const u = units[k]!;
    if (u.introducesList && !(u.isListItem && numbering(u.text) === style)) return k;
    // another item of the same list, or the rest of its line: keep looking up
    if (u.isListItem && numbering(u.text) === style) {
      itemLine = u.line;
      continue;
    }
    if (!u.isListItem && (u.line === itemLine || sameLineItem(units, k, style))) continue;
    return null;
  }
  return null;
}

/** Whether unit k continues a line opened by an item of this numbering style. */
function sameLineItem(units: Unit[], k: number, style: string | null): boolean {
  let j = k - 1;
  while (j >= 0 && units[j]!.line === units[k]!.line && !units[j]!.isListItem) j--;
  return j >= 0 && units[j]!.line === units[k]!.line && units[j]!.isListItem && numbering(units[j]!.text) === style;
}

/**
 * Widen the chosen unit so that it reads on its own: the label or heading it sits under, the
 * sentence that introduces a list item, the items a "以下材料：" sentence announces, the next
 * sentence after a fragment. A heading is never the whole quote: the text below it comes along.
 */
export function widen(units: Unit[], at: number, maxChars: number, cue: RegExp | null = null, shown: (heading: string) => boolean = () => false): Span {
  // a heading the citation already names is not repeated in the quote
  while (units[at]!.isHeading && at + 1 < units.length && shown(units[at]!.text) && units[at + 1]!.line !== units[at]!.line) at++;
  let from = at;
  let to = at + 1;
  const len = () => charsOf(units, from, to);
  const joined = () => units.slice(from, to).map((u) => u.text).join('');
  // a heading (or a run of them) takes the text it heads
  while (to < units.length && units[to - 1]!.isHeading) to++;
  let lead: Span['lead'];
  if (units[at]!.isListItem) {
    const k = leadIn(units, at);
    if (k !== null) {
      const leadFrom = subjectStart(units, k);
      if (charsOf(units, leadFrom, to) <= maxChars) from = leadFrom;
      else if (charsOf(units, leadFrom, k + 1) + len() <= maxChars) lead = { from: leadFrom, to: k + 1 };
    }
  } else {
    const s = subjectStart(units, at);
    if (s < from && !shown(units[s]!.text) && charsOf(units, s, to) <= maxChars) from = s;
  }
  if (units[to - 1]!.introducesList && units[to]?.isListItem) {
    // the items of this list: one numbering style, and the lines that continue them
    const style = numbering(units[to]!.text);
    while (to < units.length && (units[to]!.isListItem ? numbering(units[to]!.text) === style : units[to]!.line === units[to - 1]!.line) && len() + units[to]!.text.length <= maxChars) to++;
  }
  const leadLen = lead ? charsOf(units, lead.from, lead.to) : 0;
  // a fragment, or a sentence that leaves what was asked for to the next one, takes the next one
  const next = () => units[to];
  while (to < units.length && leadLen + len() + next()!.text.length <= maxChars && (len() < SHORT_QUOTE || (cue && !cue.test(joined()) && cue.test(next()!.text))) && !next()!.isListItem) to++;
  return lead ? { from, to, lead } : { from, to };
}

function joinRange(units: Unit[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    if (k > from && units[k]!.line !== units[k - 1]!.line) out += '\n';
    out += units[k]!.text;
  }
  return out.trim();
}

/** Rejoin units, keeping each line break the clause had; a left-out stretch shows as "…". */
export function joinUnits(units: Unit[], span: Span): string {
  const body = joinRange(units, span.from, span.to);
  return span.lead ? `${joinRange(units, span.lead.from, span.lead.to)}\n…\n${body}` : body;
}

/**
 * A quote longer than `max` (one very long sentence) is cut where a phrase ends — after
 * "，" or "、", kept, never inside a word — and marked "…".
 */
export function fitQuote(quote: string, max: number): string {
  if (quote.length <= max) return quote;
  const head = quote.slice(0, max);
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('、'), head.lastIndexOf('；'), head.lastIndexOf(';'), head.lastIndexOf('。'));
  return (cut > max / 2 ? head.slice(0, cut + 1) : head) + '…';
}
