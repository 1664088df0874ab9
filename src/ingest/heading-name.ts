import { createRequire } from 'node:module';
import { headingText, lineShape, type Marker } from './structure.js';

/*
 * Where a heading's name ends when the page ran it into its paragraph with no punctuation:
 *   "二、明确居住证申领条件流动人口在本市行政区域范围内…" → "二、明确居住证申领条件"
 *   "(三)健康服务优化行动全方位、全周期的健康服务是…"  → "(三)健康服务优化行动"
 * Such a line is recognised against its siblings (same numbering, same parent): when they are
 * short heading-only lines and this one's name is far longer, it ran on. The end is looked
 * for by general signals, in this order of trust:
 *   1. the siblings' form: plans name siblings alike ("…行动", "…行动"): when most siblings end
 *      alike, the shortest prefix ending so;
 *   2. the name recurs elsewhere in the document as a phrase of its own (a table of contents,
 *      a summary): the longest prefix that does;
 *   3. a segmentation boundary where a new clause subject begins: a noun ends the name and the
 *      next words are a noun followed by a preposition or verb ("条件|流动人口在…").
 * The cut always stays within the siblings' length range; with no signal the name is left as
 * the line gives it, and the caller may flag it.
 */

const NAMED: Marker[] = ['h1', 'h2', 'h3'];
/** A run-on name is this many times longer than its longest heading-only sibling. */
const RUN_ON_RATIO = 1.5;
const MIN_SIBLINGS = 2;
/** A recurring prefix shorter than this share of the shortest sibling is a common phrase, not a name. */
const RECURRING_SHARE = 0.6;
/** Siblings share a form when at least this share of them end alike. */
const FORM_SHARE = 0.5;

export interface HeadingNamer {
  /** The heading name for a numbered line, as stored in clause heading paths. */
  nameOf(text: string): string;
  /** Lines whose name looks run on but where no end was found. */
  unresolved: string[];
}

interface Sibling {
  marker: Marker;
  parent: number;
  name: string;
  headingOnly: boolean;
  line: number;
}

/** Build a namer over one document's body lines (their texts, in order). */
export function createHeadingNamer(lines: readonly string[]): HeadingNamer {
  const siblings: Sibling[] = [];
  const openAt = new Map<number, number>(); // level → index of the line that opened it
  lines.forEach((text, i) => {
    const shape = lineShape(text);
    if (!shape.marker || shape.marker === 'article' || shape.marker === 'dash') return;
    for (const level of [...openAt.keys()]) if (level >= shape.level) openAt.delete(level);
    const parentLevel = Math.max(-1, ...[...openAt.keys()]);
    openAt.set(shape.level, i);
    siblings.push({ marker: shape.marker, parent: parentLevel < 0 ? -1 : openAt.get(parentLevel)!, name: text.slice(shape.label!.length).trim(), headingOnly: shape.isHeadingOnly, line: i });
  });
  const byLine = new Map(siblings.map((s) => [lines[s.line]!, s]));
  const whole = lines.join('\n');
  const unresolved: string[] = [];

  const nameOf = (text: string): string => {
    const head = headingText(text);
    const me = byLine.get(text);
    if (!me || !NAMED.includes(me.marker) || me.headingOnly) return head;
    const peers = siblings.filter((s) => s !== me && s.marker === me.marker && s.parent === me.parent && s.headingOnly);
    if (peers.length < MIN_SIBLINGS) return head;
    const lengths = peers.map((p) => p.name.length);
    const max = Math.max(...lengths);
    const min = Math.min(...lengths);
    const label = lineShape(text).label!;
    const ownName = text.slice(label.length).trim();
    const untilPunctuation = ownName.search(/[。:：;；]/);
    const name = untilPunctuation > 0 ? ownName.slice(0, untilPunctuation) : ownName;
    if (name.length <= max * RUN_ON_RATIO) return head;
    const lo = Math.max(2, Math.floor(min / 2));
    const hi = Math.min(name.length - 1, Math.ceil(max * RUN_ON_RATIO));
    const cut = siblingFormEnd(name, peers, lo, hi) ?? recurringEnd(name, whole, text, Math.max(lo, Math.ceil(min * RECURRING_SHARE)), hi) ?? subjectBoundary(name, lo, hi);
    if (cut === null) {
      unresolved.push(text.slice(0, 40));
      return head;
    }
    return `${label}${name.slice(0, cut)}`;
  };
  return { nameOf, unresolved };
}

const BOUNDED_AFTER = /^($|[\s。，,；;：:、）)”"」》])/;
const BOUNDED_BEFORE = /(^|[\s。，,；;：:、（(“"「《]|[一二三四五六七八九十]、|[)）])$/;

function recurringEnd(name: string, whole: string, own: string, lo: number, hi: number): number | null {
  const elsewhere = whole.replace(own, '');
  for (let k = hi; k >= Math.max(lo, 4); k--) {
    const prefix = name.slice(0, k);
    for (let at = elsewhere.indexOf(prefix); at >= 0; at = elsewhere.indexOf(prefix, at + 1)) {
      if (BOUNDED_AFTER.test(elsewhere.slice(at + k, at + k + 1)) && BOUNDED_BEFORE.test(elsewhere.slice(Math.max(0, at - 2), at))) return k;
    }
  }
  return null;
}

function siblingFormEnd(name: string, peers: Sibling[], lo: number, hi: number): number | null {
  const counts = new Map<string, number>();
  for (const p of peers) if (p.name.length >= 2) counts.set(p.name.slice(-2), (counts.get(p.name.slice(-2)) ?? 0) + 1);
  const endings = new Set([...counts].filter(([, n]) => n >= peers.length * FORM_SHARE).map(([e]) => e));
  for (let k = lo; k <= hi; k++) if (endings.has(name.slice(k - 2, k)) && !insideBrackets(name, k)) return k;
  return null;
}

interface TaggedWord {
  word: string;
  tag: string;
}
let tagger: ((s: string) => TaggedWord[]) | null = null;

/** jieba's part-of-speech tagger, loaded on first need: most documents never need it. */
function tag(sentence: string): TaggedWord[] {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    const jieba = Jieba.withDict(dict);
    tagger = (s) => jieba.tag(s, true);
  }
  return tagger(sentence);
}

const NOUN = /^(n|nr|ns|nt|nz|ng|j|vn)$/;
const SUBJECT = /^(n|nr|ns|nt|nz|r)$/;
const PREDICATE_START = /^(p|v|vd|d|c)$/;

function subjectBoundary(name: string, lo: number, hi: number): number | null {
  const words = tag(name);
  let at = 0;
  for (let i = 0; i < words.length - 2; i++) {
    at += words[i]!.word.length;
    if (at < lo || at > hi) continue;
    const [w, next, then] = [words[i]!, words[i + 1]!, words[i + 2]!];
    if (i >= 1 && NOUN.test(w.tag) && SUBJECT.test(next.tag) && PREDICATE_START.test(then.tag) && !insideBrackets(name, at)) return at;
  }
  return null;
}

function insideBrackets(s: string, at: number): boolean {
  const before = s.slice(0, at);
  return (before.match(/[(（《“]/g)?.length ?? 0) > (before.match(/[)）》”]/g)?.length ?? 0);
}
