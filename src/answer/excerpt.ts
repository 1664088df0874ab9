import { kindCue, type QuestionKind } from '../search/index.js';

/** A quotable unit of a clause: one sentence, or one list item, with its place in the clause. */
export interface Unit {
  text: string;
  /** Index of the line the unit sits on. */
  line: number;
  /** Ends with ：, so the items after it complete it. */
  introducesList: boolean;
  /** Begins with its own numbering: （一）, 1., (1). */
  isListItem: boolean;
}

const LIST_ITEM = /^([(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、])/;
const SENTENCE = /[^。；;！？!?]+[。；;！？!?]*[”’」』）)]*/g;

/** Lines, then sentences within a line; table-row labels stay with their cell. */
export function unitsOf(clauseText: string): Unit[] {
  const units: Unit[] = [];
  clauseText.split('\n').forEach((line, lineNo) => {
    const parts = line.match(SENTENCE) ?? [line];
    parts.forEach((text, k) => {
      if (!text.trim()) return;
      units.push({ text, line: lineNo, introducesList: /[:：]$/.test(text.trim()), isListItem: k === 0 && LIST_ITEM.test(text) });
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
}

/**
 * Widen the chosen unit so that it reads on its own: the sentence that introduces a list
 * item, the items a "以下材料：" sentence announces, the next sentence after a fragment.
 */
export function widen(units: Unit[], at: number, maxChars: number, cue: RegExp | null = null): Span {
  let from = at;
  let to = at + 1;
  const len = () => units.slice(from, to).reduce((n, u) => n + u.text.length, 0);
  if (units[at]!.isListItem) {
    // back to the sentence that opens the list
    let k = at - 1;
    while (k >= 0 && units[k]!.isListItem) k--;
    if (k >= 0 && units[k]!.introducesList && len() + units[k]!.text.length <= maxChars) from = k;
  }
  if (units[to - 1]!.introducesList) {
    while (to < units.length && units[to]!.isListItem && len() + units[to]!.text.length <= maxChars) to++;
  }
  // a fragment, or a sentence that leaves what was asked for to the next one, takes the next one
  const next = () => units[to];
  while (to < units.length && len() + next()!.text.length <= maxChars && (len() < SHORT_QUOTE || (cue && !cue.test(units.slice(from, to).map((u) => u.text).join('')) && cue.test(next()!.text))) && !next()!.isListItem) to++;
  return { from, to };
}

/** Rejoin units, keeping each line break the clause had. */
export function joinUnits(units: Unit[], span: Span): string {
  let out = '';
  for (let k = span.from; k < span.to; k++) {
    if (k > span.from && units[k]!.line !== units[k - 1]!.line) out += '\n';
    out += units[k]!.text;
  }
  return out.trim();
}
