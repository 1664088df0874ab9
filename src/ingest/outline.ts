import { headingText, lineShapeAfter, LEVEL_OF, type Marker } from './structure.js';
import type { Clause } from './types.js';

/*
 * A document's heading outline, for a person checking an ingested document at a glance: how
 * many headings of each level, and where a numbering skips (一、 then 三、) or starts again at 1
 * under the same parent, which is where a heading was usually missed or split wrongly.
 */

export const MARKER_NAMES: Record<Marker, string> = {
  attachment: '附件',
  volume: '编',
  part: '部分',
  chapter: '章',
  section: '节',
  article: '条',
  h1: '一、',
  h2: '（一）',
  h3: '1.',
  h4: '(1)',
  dash: '——',
};

export interface OutlineLevel {
  marker: Marker;
  count: number;
}

export interface NumberingFlag {
  /** The heading where the numbering breaks, with the headings above it. */
  path: string[];
  kind: 'skip' | 'restart' | 'backwards';
  expected: number;
  found: number;
}

export interface Outline {
  levels: OutlineLevel[];
  flags: NumberingFlag[];
}

interface OpenHeading {
  label: string;
  marker: Marker;
  number: number;
  level: number;
  text: string;
}

/** Pure: the outline of one document's clauses, in reading order. */
export function outlineOf(clauses: readonly Clause[]): Outline {
  const counts = new Map<Marker, number>();
  const last = new Map<string, number>();
  const lastOfMarker = new Map<Marker, number>();
  const flags: NumberingFlag[] = [];
  const visit = (path: OpenHeading[]) => {
    const head = path[path.length - 1]!;
    counts.set(head.marker, (counts.get(head.marker) ?? 0) + 1);
    // articles run through a whole statute, across its chapters; every other level counts within its parent
    const scope = head.marker === 'article' ? 'article' : `${path.slice(0, -1).map((h) => h.label).join('\u0000')}\u0001${head.marker}`;
    const before = last.get(scope);
    const continued = lastOfMarker.get(head.marker);
    last.set(scope, head.number);
    lastOfMarker.set(head.marker, head.number);
    const expected = (before ?? 0) + 1;
    if (head.number === expected) return;
    // plans often number their items straight through the parents ((二) starts at 5.): a first
    // item that continues the previous parent's numbering is as expected as one that starts at 1
    if (before === undefined && continued !== undefined && head.number === continued + 1) return;
    const kind = head.number === 1 ? 'restart' : head.number > expected ? 'skip' : 'backwards';
    flags.push({ path: path.map((h) => h.text), kind, expected, found: head.number });
  };
  // one chain of open headings through the document: a heading named again while it is open (the
  // next clause's path repeats its parents) is the same heading; once a sibling closed it, a heading
  // with its label is a new one, and its number is checked
  const open: OpenHeading[] = [];
  const enter = (text: string, inPath = false) => {
    const shape = lineShapeAfter(text, open.find((h) => h.marker === 'h3')?.number ?? null);
    // an unnumbered title in a heading path (a part "共同富裕十八项重点行动", the list of 附件) opens a
    // scope of its own: the 一、 after it starts again at 1 as expected
    if (!shape.marker && inPath) {
      const level = /^附件/.test(text) ? LEVEL_OF.attachment : LEVEL_OF.part;
      if (open.some((h) => h.level === level && h.label === text)) return;
      while (open.length && open[open.length - 1]!.level >= level) open.pop();
      open.push({ label: text, marker: level === LEVEL_OF.part ? 'part' : 'attachment', number: 0, level, text });
      return;
    }
    if (!shape.marker || shape.number === null || !shape.label) return;
    const label = shape.label.replace(/[（(]/g, '(').replace(/[）)]/g, ')');
    if (open.some((h) => h.level === shape.level && h.label === label)) return;
    while (open.length && open[open.length - 1]!.level >= shape.level) open.pop();
    open.push({ label, marker: shape.marker, number: shape.number, level: shape.level, text: headingText(text) });
    visit(open);
    // "第三十四条(一)本细则所称…": the article's first item stands on its line
    const rest = text.slice(shape.label.length).trim();
    if (shape.marker === 'article' && rest && lineShapeAfter(rest, null).marker) enter(rest);
  };
  // "附件:1.…", "说明:1.…": a list whose first item follows its label on the line
  const LIST_LABEL = /^(附件|说明|注|备注)\s*[:：]\s*(?=\d)/;
  for (const c of clauses) {
    // the clause's place, then the numbered lines inside it (short list items share one clause)
    for (const heading of c.headingPath.slice(1)) enter(heading, true);
    // a table row's cells carry their own little lists; the row's place is its number in the table
    if (c.kind !== 'table-row') for (const line of c.text.split('\n')) enter(line.trim().replace(LIST_LABEL, ''));
  }
  const order = Object.keys(MARKER_NAMES) as Marker[];
  return { levels: order.filter((m) => counts.has(m)).map((marker) => ({ marker, count: counts.get(marker)! })), flags };
}
