/*
 * References a question names: an article (第二十二条, 第22条), a chapter or section, an item
 * (第29项, 第（三）项), an attachment (附件二), a 文号 (慈政发〔2017〕38号, [2017], (2017)), or a
 * document by its title or a recognisable part of it. Resolved against the index's own metadata
 * (titles, docNumber, headingPath, item labels), never against a list of known names, so it
 * works the same for any document added to the library. Pure string work over a catalogue
 * built once per index.
 */
import type { Clause, DocumentMeta } from '../ingest/index.js';
import { chineseNumber } from '../ingest/index.js';
import { charBigrams } from '../index/index.js';

/** What a question asks about a named document itself, answered from its metadata. */
export type DocumentAsk = 'issuer' | 'date' | 'docNumber' | 'overview';

export interface ReferenceQuery {
  article: number | null;
  chapter: number | null;
  /** How the question calls the chapter level: 章, 部分 or 编. */
  chapterWord: string;
  section: number | null;
  item: number | null;
  attachment: number | null;
  docNumber: DocNumberKey | null;
  /** 《…》 the question quotes, taken as a title. */
  quotedTitle: string | null;
  ask: Exclude<DocumentAsk, 'overview'> | null;
  /** The question with the references taken out. */
  rest: string;
}

export interface DocNumberKey {
  /** The issuer's abbreviation before the bracket (慈政办发); may carry words typed before it. */
  prefix: string;
  year: number;
  serial: number;
}

export interface Resolution {
  /** Documents the question names, by 文号 or title; empty when it names none. */
  documents: string[];
  by: 'docNumber' | 'title' | null;
  /** Clause indices the question's article/chapter/item reference names, in document order. */
  clauses: number[];
  /** The same clauses' ids. */
  clauseIds: string[];
  /** The reference as the document would write it: 第二十二条, 附件二第29项, 第三章. */
  label: string | null;
  /** A label was asked of a named document that has nothing under it. */
  missing: boolean;
  /** A 文号 that no document in the index carries, when the question is that 文号 alone (as typed). */
  unknownDocNumber: string | null;
  /** The question asks about the named document itself (its issuer, date, 文号, or just names it). */
  ask: DocumentAsk | null;
  /** The question asks for the named clause itself, with nothing else to look for. */
  lookup: boolean;
  /** Each named document's first clause: what a question naming only the document is shown. */
  openings: number[];
  openingIds: string[];
}

interface CatalogDocument {
  id: string;
  key: DocNumberKey | null;
  grams: Set<string>;
  /** The title's last two characters, its kind as documents name themselves (细则, 条例, 通知, 要点). */
  genre: string | null;
}

interface CatalogClause {
  id: string;
  docId: string;
  article: number | null;
  chapter: number | null;
  section: number | null;
  item: number | null;
  attachment: number | null;
}

export interface ReferenceCatalog {
  documents: CatalogDocument[];
  clauses: CatalogClause[];
  /** Titles containing each bigram (by position in `documents`): a bigram in every title (慈溪, 市人) names nothing. */
  titlesWith: Map<string, number[]>;
}

const NUM = '(\\d+|[〇零一二三四五六七八九十百两]+)';
const ARTICLE = new RegExp(`第\\s*${NUM}\\s*条`, 'u');
const CHAPTER = new RegExp(`第\\s*${NUM}\\s*(章|部分|编)`, 'u');
const SECTION = new RegExp(`第\\s*${NUM}\\s*节`, 'u');
const ITEM = new RegExp(`第\\s*[(（]?\\s*${NUM}\\s*[)）]?\\s*项`, 'u');
const ATTACHMENT = new RegExp(`附件\\s*${NUM}`, 'u');
// 〔〕 as issued, with the [] and () people type for it
const DOC_NUMBER = /([\p{Script=Han}A-Za-z]{1,16}?)\s*[〔[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号/u;
const QUOTED_TITLE = /《([^《》]{2,80})》/u;

/*
 * Questions about a document rather than its content. The verbs are those of issuing a
 * document (印发, 发布, 出台, 颁布, 制定, 下发), general Chinese, not words of any one file.
 */
// a bare 发 only where it ends the verb (发的, 发了): 发放 and 发展 are content words
const ISSUE = '(?:印发|发布|下发|出台|颁布|制定|签发|发文|发(?=的|了|[?？。!！]|$))';
const ASKS: [Exclude<DocumentAsk, 'overview'>, RegExp][] = [
  ['docNumber', /文号/u],
  ['issuer', new RegExp(`(?:哪个|哪一?个|什么|哪家|啥)(?:单位|部门|机关|机构)${ISSUE}|(?:谁|哪里)${ISSUE}|(?:发文|发布|印发|制定)(?:单位|机关|部门|机构)|发文机关`, 'u')],
  ['date', new RegExp(`(?:什么时候|何时|哪天|哪一天|哪年|几月几[号日]|几号|啥时候)${ISSUE}|(?:发布|发文|印发|成文|签发|出台)(?:时间|日期)`, 'u')],
];

/*
 * Words that ask "what does it say" without saying what about: interrogatives, particles and
 * the nouns for a document's parts. Left alone after the references are taken out, they mean
 * the question asks for the named clause itself.
 */
const FILLER = /请问|一下|告诉我|帮我|查查?|看看?|具体|主要|内容|规定|规定了|讲了?|说了?|写了?|讲的|说的|写的|是什么|什么|啥|哪些|怎么|如何|有关|关于|里面|里|中|文件|条款|条文|原文|全文|这个|那个|这|那|是|的|了|吗|呢|呀|啊|吧|有|和|与|及|\p{P}|\p{S}|\s/gu;

function number(text: string): number | null {
  return chineseNumber(text.replace(/两/g, '二'));
}

export function parseDocNumber(text: string): DocNumberKey | null {
  const m = DOC_NUMBER.exec(text.normalize('NFKC'));
  return m ? { prefix: m[1]!, year: Number(m[2]), serial: Number(m[3]) } : null;
}

/** The references in a question (normalised text, as analyzeQuery gives it). */
export function parseReference(text: string): ReferenceQuery {
  let rest = text.normalize('NFKC');
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
    return m;
  };
  const doc = take(DOC_NUMBER);
  const quoted = take(QUOTED_TITLE);
  const num = (re: RegExp) => {
    const m = take(re);
    return m ? number(m[1]!) : null;
  };
  const article = num(ARTICLE);
  const chapterMatch = take(CHAPTER);
  const chapter = chapterMatch ? number(chapterMatch[1]!) : null;
  const section = num(SECTION);
  const item = num(ITEM);
  const attachment = num(ATTACHMENT);
  const ask = ASKS.find(([, re]) => re.test(rest))?.[0] ?? null;
  return {
    article, chapter, chapterWord: chapterMatch?.[2] ?? '章', section, item, attachment,
    docNumber: doc ? { prefix: doc[1]!, year: Number(doc[2]), serial: Number(doc[3]) } : null,
    quotedTitle: quoted ? quoted[1]! : null,
    ask,
    rest: rest.replace(/\s+/g, ' ').trim(),
  };
}

/** The label of an outline heading's number: `29. …` / `(三)…` / `三、…` → 29 / 3 / 3. */
function itemNumberOf(heading: string | undefined): number | null {
  if (!heading) return null;
  const m = /^\s*(?:(\d+)\s*[.．、]|[(（]\s*([一二三四五六七八九十百]+|\d+)\s*[)）])/u.exec(heading);
  return m ? number(m[1] ?? m[2]!) : null;
}

const headingNumber = (path: readonly string[], marker: RegExp) => {
  for (const h of path) {
    const m = marker.exec(h);
    if (m) return number(m[1]!);
  }
  return null;
};
const HEAD_CHAPTER = new RegExp(`^\\s*第${NUM}[章部编]`, 'u');
const HEAD_SECTION = new RegExp(`^\\s*第${NUM}节`, 'u');
const HEAD_ATTACHMENT = new RegExp(`^\\s*附件\\s*${NUM}`, 'u');

/** A title without its trailing (2016—2020年), (摘要) and quotation marks: what its genre is read from. */
function titleCore(title: string): string {
  return title.normalize('NFKC').replace(/([(（][^()（）]*[)）]\s*)+$/u, '').replace(/[“”"《》]/g, '').trim();
}

export function buildReferenceCatalog(documents: Iterable<DocumentMeta>, clauses: readonly Clause[]): ReferenceCatalog {
  const docs: CatalogDocument[] = [...documents].map((d) => {
    const core = titleCore(d.title);
    const genre = /\p{Script=Han}{2}$/u.exec(core)?.[0] ?? null;
    return { id: d.id, key: d.docNumber ? parseDocNumber(d.docNumber) : null, grams: new Set(charBigrams(d.title)), genre };
  });
  const titlesWith = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const g of d.grams) titlesWith.set(g, [...(titlesWith.get(g) ?? []), i]);
  });
  const catalogClauses = clauses.map((c): CatalogClause => {
    const path = c.headingPath.slice(1);
    const articleMatch = c.articleNo ? /第(.+)条/u.exec(c.articleNo) : null;
    // an item's label is its own heading (last in the path) or, for an item under an article, its opening
    const last = path[path.length - 1];
    const item = c.kind === 'item' || c.kind === 'table-row' ? (itemNumberOf(last) ?? itemNumberOf(c.text)) : c.articleNo ? itemNumberOf(c.text) : null;
    return {
      id: c.id,
      docId: c.docId,
      article: articleMatch ? number(articleMatch[1]!) : null,
      chapter: headingNumber(path, HEAD_CHAPTER),
      section: headingNumber(path, HEAD_SECTION),
      item,
      attachment: headingNumber(path, HEAD_ATTACHMENT),
    };
  });
  return { documents: docs, clauses: catalogClauses, titlesWith };
}

/** 文号 match: same year and serial, and one issuer abbreviation ends the other (words typed before it are no part of it). */
function sameDocNumber(a: DocNumberKey, b: DocNumberKey): boolean {
  return a.year === b.year && a.serial === b.serial && (a.prefix.endsWith(b.prefix) || b.prefix.endsWith(a.prefix));
}

/**
 * Documents a question names by title: character bigrams it shares with a title, each weighed
 * by how few titles have it. A title counts as named only when the question also has the
 * title's genre (细则, 条例, 要点…) and a bigram that is in at most a fifth of the titles: "居住证"
 * alone is a topic, "居住证制度的通知" a document. Ties within 10 % are all named.
 */
function documentsByTitle(text: string, catalog: ReferenceCatalog, quoted: boolean): string[] {
  const grams = new Set(charBigrams(text));
  if (!grams.size) return [];
  const n = catalog.documents.length;
  const rare = Math.max(1, Math.floor(n / 5));
  // only the titles that share a bigram with the question are scored
  const scores = new Map<number, { score: number; distinctive: boolean }>();
  for (const g of grams) {
    const titles = catalog.titlesWith.get(g);
    if (!titles) continue;
    const weight = Math.log(1 + n / titles.length);
    for (const i of titles) {
      const d = catalog.documents[i]!;
      const s = scores.get(i) ?? { score: 0, distinctive: false };
      s.score += weight;
      if (titles.length <= rare && g !== d.genre) s.distinctive = true;
      scores.set(i, s);
    }
  }
  const scored: { id: string; score: number }[] = [];
  for (const [i, s] of scores) {
    const d = catalog.documents[i]!;
    if (s.distinctive && (quoted || (d.genre !== null && grams.has(d.genre)))) scored.push({ id: d.id, score: s.score });
  }
  if (!scored.length) return [];
  const best = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => s.score >= best * 0.9).map((s) => s.id);
}

const CN = '〇一二三四五六七八九';
/** 22 → 二十二, as articles are numbered in Chinese documents. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN[n]!;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  const rest = n % 100;
  return `${CN[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${CN[rest]}` : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest)}`;
}

function labelOf(q: ReferenceQuery): string | null {
  const parts: string[] = [];
  if (q.attachment !== null) parts.push(`附件${chineseNumeral(q.attachment)}`);
  if (q.chapter !== null) parts.push(`第${chineseNumeral(q.chapter)}${q.chapterWord}`);
  if (q.section !== null) parts.push(`第${chineseNumeral(q.section)}节`);
  if (q.article !== null) parts.push(`第${chineseNumeral(q.article)}条`);
  if (q.item !== null) parts.push(`第${q.item}项`);
  return parts.length ? parts.join('') : null;
}

/** Han characters left once the references, the named title's characters and the filler words are out. */
function contentLeft(rest: string, titleChars: Set<string>): number {
  return [...rest.replace(FILLER, '')].filter((ch) => /\p{Script=Han}/u.test(ch) && !titleChars.has(ch)).length;
}

const NONE: Resolution = { documents: [], by: null, clauses: [], clauseIds: [], label: null, missing: false, unknownDocNumber: null, ask: null, lookup: false, openings: [], openingIds: [] };

function namedDocuments(q: ReferenceQuery, catalog: ReferenceCatalog): { documents: string[]; by: Resolution['by'] } {
  if (q.docNumber) {
    const key = q.docNumber;
    const documents = catalog.documents.filter((d) => d.key && sameDocNumber(d.key, key)).map((d) => d.id);
    if (documents.length) return { documents, by: 'docNumber' };
  }
  let documents = q.quotedTitle ? documentsByTitle(q.quotedTitle, catalog, true) : [];
  if (!documents.length) documents = documentsByTitle(q.rest, catalog, false);
  return { documents, by: documents.length ? 'title' : null };
}

/**
 * `previous`: the conversation's earlier question. A follow-up that names only a label
 * ("那第9项呢") means it in the document the earlier question named, under the same attachment.
 */
export function resolveReference(text: string, catalog: ReferenceCatalog, previous?: string): Resolution | null {
  let q = parseReference(text);
  let { documents, by } = namedDocuments(q, catalog);
  if (!documents.length && labelOf(q) !== null && previous) {
    const p = parseReference(previous);
    ({ documents, by } = namedDocuments(p, catalog));
    if (documents.length && q.item !== null && q.attachment === null) q = { ...q, attachment: p.attachment };
  }
  const label = labelOf(q);
  if (!documents.length && label === null) {
    // a 文号 alone that nothing carries: said so, rather than clauses that happen to share its characters
    if (q.docNumber && contentLeft(q.rest, new Set()) === 0) return { ...NONE, unknownDocNumber: `${q.docNumber.prefix}〔${q.docNumber.year}〕${q.docNumber.serial}号` };
    return null;
  }

  const named = new Set(documents);
  const clauses: number[] = [];
  if (label !== null) {
    const matches = (c: CatalogClause, withItem: boolean) =>
      (!named.size || named.has(c.docId)) &&
      (q.article === null || c.article === q.article) &&
      (q.chapter === null || c.chapter === q.chapter) &&
      (q.section === null || c.section === q.section) &&
      (q.attachment === null || c.attachment === q.attachment) &&
      (!withItem || q.item === null || c.item === q.item);
    catalog.clauses.forEach((c, i) => matches(c, true) && clauses.push(i));
    // 第十一条第（三）项 where the article's items are not clauses of their own: the article
    if (!clauses.length && q.item !== null && q.article !== null) catalog.clauses.forEach((c, i) => matches(c, false) && clauses.push(i));
  }
  // the title's characters are the question's subject, not something else it asks about
  const titleChars = new Set<string>();
  for (const d of catalog.documents) if (named.has(d.id)) for (const g of d.grams) for (const ch of g) titleChars.add(ch);
  const onlyNames = contentLeft(q.rest, titleChars) === 0;
  const ask: DocumentAsk | null = documents.length && label === null ? (q.ask ?? (by === 'docNumber' && onlyNames ? 'overview' : null)) : null;
  const openings = documents.map((id) => catalog.clauses.findIndex((c) => c.docId === id)).filter((i) => i >= 0);
  return {
    documents,
    by,
    clauses,
    clauseIds: clauses.map((i) => catalog.clauses[i]!.id),
    label,
    missing: label !== null && named.size > 0 && clauses.length === 0,
    unknownDocNumber: null,
    ask,
    lookup: clauses.length > 0 && onlyNames,
    openings,
    openingIds: openings.map((i) => catalog.clauses[i]!.id),
  };
}

interface Ranked {
  id: number;
  score: number;
}

/**
 * A ranking with the question's reference applied: a looked-up clause first (in the order the
 * ranking had them, any it missed right after); for a question about a named document, that
 * document's opening; otherwise the named documents' clauses kept and the others' scores scaled
 * by `otherDocumentFactor`. `allows` is the request's filter.
 */
export function applyReference<T extends Ranked>(ranked: T[], r: Resolution, docOf: (clause: number) => string, otherDocumentFactor: number, allows: (clause: number) => boolean, make: (id: number, score: number) => T): T[] {
  const first = (list: T[], ids: number[]) => {
    const top = list[0]?.score ?? 1;
    const wanted = new Set(ids.filter(allows));
    const present = list.filter((x) => wanted.has(x.id));
    const seen = new Set(present.map((x) => x.id));
    const absent = [...wanted].filter((id) => !seen.has(id)).map((id) => make(id, top));
    return [...present, ...absent].map((x) => make(x.id, Math.max(x.score, top))).concat(list.filter((x) => !wanted.has(x.id)));
  };
  if (r.lookup) {
    // a chapter or a split article reads in the document's order; documents in the ranking's order
    const rankOf = new Map(ranked.map((x, i) => [x.id, i]));
    const docRank = new Map<string, number>();
    for (const id of r.clauses) docRank.set(docOf(id), Math.min(docRank.get(docOf(id)) ?? Infinity, rankOf.get(id) ?? Infinity));
    const ordered = r.clauses.filter(allows).sort((a, b) => docRank.get(docOf(a))! - docRank.get(docOf(b))! || a - b);
    const wanted = new Set(ordered);
    const top = ranked[0]?.score ?? 1;
    return [...ordered.map((id) => make(id, top)), ...ranked.filter((x) => !wanted.has(x.id))];
  }
  const named = new Set(r.documents);
  if (!named.size) return ranked;
  const scaled = ranked.map((x) => (named.has(docOf(x.id)) ? x : make(x.id, x.score * otherDocumentFactor)));
  scaled.sort((a, b) => b.score - a.score || a.id - b.id);
  // a question that only names a document is shown each named document's opening first
  if (r.ask === 'overview') return first(scaled, r.openings);
  return scaled;
}
