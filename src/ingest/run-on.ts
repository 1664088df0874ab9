import { LEVEL_OF, NUM, lineShape, numberOf, type Marker } from './structure.js';

/*
 * Page layout often runs a heading on inside the line before it:
 *   "…重要而紧迫的任务。二、明确居住证申领条件流动人口…"
 *   "…配合)(四)降低金融机构资产交易成本"
 *   "第五章 政策性落户第十五条国家机关…"
 * A number inside a line is taken for a heading only when it is the next one in a sequence
 * already open in the document (二、 after 一、, 第十五条 after 第十四条) and it stands where
 * a heading can start: after a sentence end or a closing bracket, or straight after a chapter
 * title on the same line. A reference ("依照本办法第十条规定", "一、二等奖") fails one of the two.
 */
interface InlineRule {
  marker: Marker;
  re: RegExp;
  /** May this match start a heading, given the text before it on the line? */
  startsHere: (before: string, after: string) => boolean;
}

const SENTENCE_OR_BRACKET = /[。；;！!？?)）〕】\]”"]$/;
const AFTER_HEADING_TEXT = /^[\p{Script=Han}“「《]/u;
const notNumeral = (after: string) => !new RegExp(`^[${NUM}、，,]`).test(after);

const INLINE: InlineRule[] = [
  {
    marker: 'chapter',
    re: new RegExp(`第([${NUM}]+)章`, 'g'),
    startsHere: (before, after) => SENTENCE_OR_BRACKET.test(before) && AFTER_HEADING_TEXT.test(after.trimStart()),
  },
  {
    marker: 'part',
    re: new RegExp(`第([${NUM}]+)部分`, 'g'),
    startsHere: (before, after) => SENTENCE_OR_BRACKET.test(before) && AFTER_HEADING_TEXT.test(after.trimStart()),
  },
  {
    marker: 'section',
    re: new RegExp(`第([${NUM}]+)节`, 'g'),
    startsHere: (before, after) => SENTENCE_OR_BRACKET.test(before) && AFTER_HEADING_TEXT.test(after.trimStart()),
  },
  {
    marker: 'article',
    re: new RegExp(`第([${NUM}]+)条`, 'g'),
    // "第十条规定", "第十条的", "第十条第二款" are references, not a new article
    startsHere: (before, after) =>
      (SENTENCE_OR_BRACKET.test(before) || isBareStructuralHeading(before)) && !/^(规定|的|中|之|所|第|款|项|至|、|和|或)/.test(after.trimStart()),
  },
  {
    marker: 'h1',
    re: new RegExp(`([${NUM}]+)、`, 'g'),
    startsHere: (before, after) => !new RegExp(`[${NUM}、，,：:“‘《(（第]$`).test(before) && AFTER_HEADING_TEXT.test(after) && notNumeral(after),
  },
  {
    marker: 'h2',
    re: new RegExp(`[(（]([${NUM}]+)[)）]`, 'g'),
    startsHere: (before, after) => (SENTENCE_OR_BRACKET.test(before) || /[\d%％]$/.test(before)) && AFTER_HEADING_TEXT.test(after) && notNumeral(after),
  },
  // list items run on after a full sentence: "…降低流动人口孕产妇死亡率。3.孕产妇死亡中…", "…薪酬制度。(1)深化…";
  // a decimal ("9.5/10万") is no item: the number must be followed by its text
  {
    marker: 'h3',
    re: /(?<![\d.．])(\d{1,3})[.．](?!\d)/g,
    startsHere: (before, after) => SENTENCE_END.test(before) && AFTER_HEADING_TEXT.test(after),
  },
  {
    marker: 'h4',
    re: /[(（](\d{1,2})[)）]/g,
    startsHere: (before, after) => SENTENCE_END.test(before) && AFTER_HEADING_TEXT.test(after),
  },
];

const SENTENCE_END = /[。；;！!？?]$/;
/** Item levels whose first item may open inside a line, below the heading that leads it. */
const ITEM_LEVELS: Marker[] = ['h3', 'h4'];

/** A line so far holding only a chapter/section heading: "第五章 政策性落户". */
function isBareStructuralHeading(before: string): boolean {
  const shape = lineShape(before);
  return (shape.marker === 'chapter' || shape.marker === 'section' || shape.marker === 'part') && !/[。；;，,：:]/.test(before);
}

/** Numbering state of a document: the last number seen for each kind of heading. */
export class NumberingState {
  private readonly last = new Map<Marker, number>();

  expects(marker: Marker, n: number, leadLevel = Number.POSITIVE_INFINITY): boolean {
    const last = this.last.get(marker);
    if (last !== undefined) return n === last + 1;
    // a first article may follow its chapter title on the same line, a first list item the
    // heading or item that leads its line ("5.…制度。(1)深化…"); other sequences must be open
    if (marker === 'article') return n === 1;
    return ITEM_LEVELS.includes(marker) && n === 1 && leadLevel < LEVEL_OF[marker];
  }

  see(marker: Marker, n: number | null): void {
    if (n === null) return;
    const level = LEVEL_OF[marker];
    for (const [m] of this.last) {
      // article numbers run on through chapters; only a new attachment restarts them
      if (LEVEL_OF[m] > level && (m !== 'article' || marker === 'attachment')) this.last.delete(m);
    }
    this.last.set(marker, n);
  }
}

interface Cut {
  at: number;
  marker: Marker;
  n: number;
}

/** Cut lines where a heading runs on inside them; offsets into the source stay exact. */
export function splitRunOnHeadings<L extends { text: string; start: number; end: number }>(lines: L[]): L[] {
  const state = new NumberingState();
  const out: L[] = [];
  for (const line of lines) {
    const lead = lineShape(line.text);
    if (lead.marker) state.see(lead.marker, lead.number);
    const cuts = findCuts(line.text, state, lead.marker ? lead.level : Number.POSITIVE_INFINITY);
    let from = 0;
    for (const cut of cuts) {
      out.push({ ...line, text: line.text.slice(from, cut.at).trimEnd(), start: line.start + from, end: line.start + cut.at });
      from = cut.at;
    }
    out.push(from === 0 ? line : { ...line, text: line.text.slice(from), start: line.start + from });
  }
  return out.map((l) => ({ ...l, end: l.start + l.text.length }));
}

/** Left to right: each accepted heading opens the sequence the next match is held against. */
function findCuts(text: string, state: NumberingState, lineLeadLevel: number): Cut[] {
  const cuts: Cut[] = [];
  let pos = 1;
  for (;;) {
    let best: Cut | null = null;
    for (const rule of INLINE) {
      rule.re.lastIndex = pos;
      for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
        if (best && m.index >= best.at) break;
        const n = numberOf(m[1]!);
        const lineFrom = cuts.length ? cuts[cuts.length - 1]!.at : 0;
        const before = text.slice(lineFrom, m.index);
        const after = text.slice(m.index + m[0].length);
        const leadLevel = cuts.length ? LEVEL_OF[cuts[cuts.length - 1]!.marker] : lineLeadLevel;
        if (n !== null && before.trim() && state.expects(rule.marker, n, leadLevel) && rule.startsHere(before, after)) {
          best = { at: m.index, marker: rule.marker, n };
          break;
        }
      }
    }
    if (!best) return cuts;
    cuts.push(best);
    state.see(best.marker, best.n);
    pos = best.at + 1;
  }
}
