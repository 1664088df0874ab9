import { headingText, lineShape, type Marker } from './structure.js';
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
  const enter = (text: string) => {
    const shape = lineShape(text);
    if (!shape.marker || shape.number === null || !shape.label) return;
    const label = shape.label.replace(/[（(]/g, '(').replace(/[）)]/g, ')');
    if (open.some((h) => h.level === shape.level && h.label === label)) return;
    while (open.length && open[open.length - 1]!.level >= shape.level) open.pop();
    open.push({ label, marker: shape.marker, number: shape.number, level: shape.level, text: headingText(text) });
    visit(open);
  };
  for (const c of clauses) {
    // the clause's place, then the numbered lines inside it (short list items share one clause)
    for (const heading of c.headingPath.slice(1)) enter(heading);
    // a table row's cells carry their own little lists; the row's place is its number in the table
    if (c.kind !== 'table-row') for (const line of c.text.split('\n')) enter(line.trim());
  }
  const order = Object.keys(MARKER_NAMES) as Marker[];
  return { levels: order.filter((m) => counts.has(m)).map((marker) => ({ marker, count: counts.get(marker)! })), flags };
}
