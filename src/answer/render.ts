import type { DocumentMeta } from '../ingest/index.js';
import type { Answer, Excerpt } from './answerer.js';
import { DATE_KIND, formatCitation, type Citation } from './citation.js';
import { fill, type Prompts } from './prompts.js';

/** How a surface marks things up: plain text, Telegram HTML, an ANSI terminal. */
export interface Markup {
  escape(text: string): string;
  bold(text: string): string;
  quote(text: string): string;
}

export const PLAIN: Markup = { escape: (t) => t, bold: (t) => t, quote: (t) => t };
export const HTML: Markup = {
  escape: (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  bold: (t) => `<b>${t}</b>`,
  quote: (t) => `<blockquote>${t}</blockquote>`,
};
export const ANSI: Markup = { escape: (t) => t, bold: (t) => `\x1b[1m${t}\x1b[22m`, quote: (t) => t };

/** Escape the quote, then mark the question's terms, longest first so that 居住证 wins over 居住. */
export function highlight(quote: string, terms: string[], m: Markup): string {
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  if (!sorted.length || m === PLAIN) return m.escape(quote);
  const pattern = new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let last = 0;
  for (const match of quote.matchAll(pattern)) {
    out += m.escape(quote.slice(last, match.index)) + m.bold(m.escape(match[0]));
    last = match.index! + match[0].length;
  }
  return out + m.escape(quote.slice(last));
}

/** An excerpt with its citation; numbered (1-based) when `n` is given, as in an answer. */
export function renderExcerpt(e: Excerpt, p: Prompts, m: Markup, n?: number): string {
  const values = { n: n ?? '', quote: highlight(e.quote, e.highlights, m), citation: m.escape(formatCitation(e.citation)) };
  const text = fill(n === undefined ? p.excerpt : p.excerptNumbered, values);
  return e.periodEnded ? `${text}\n${m.escape(fill(p.periodEnded, { end: e.periodEnded.label }))}` : text;
}

export interface CorpusSummary {
  years: string;
  /** The places the configuration covers, as the reply names them: "慈溪、象山、奉化". */
  places: string;
}

/** Longest question echoed in a reply; a longer one is cut at a word-ish boundary with "…". */
const ECHO_CHARS = 24;
export function echoOf(question: string): string {
  const q = question.trim();
  if ([...q].length <= ECHO_CHARS) return q;
  const head = [...q].slice(0, ECHO_CHARS).join('');
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf(' '), head.lastIndexOf('？'));
  return (cut >= ECHO_CHARS / 2 ? head.slice(0, cut) : head) + '…';
}

/** The whole reply to a question. Plain markup gives the text the batch interface reports. */
export function renderAnswer(a: Answer, p: Prompts, m: Markup, corpus: CorpusSummary): string {
  const numbered = (list: Excerpt[]) => onePeriodNotePerDocument(list).map((e, i) => renderExcerpt(e, p, m, i + 1)).map((t) => (m === PLAIN ? t : m.quote(t))).join('\n\n');
  if (a.status === 'not-found') {
    if (a.reason === 'small-talk') return m.escape(fill(a.smallTalk === 'thanks' ? p.smallTalkThanks : p.smallTalkGreeting, { places: corpus.places }));
    if (a.reason === 'other-place' && a.place) return m.escape(fill(p.otherPlace, { place: a.place, places: corpus.places }));
    if (a.reason === 'no-such-reference' && a.missing) {
      const { label, title } = a.missing;
      return m.escape(title === null ? fill(p.docNumberUnknown, { docNumber: label }) : fill(p.referenceMissing, { label, title }));
    }
    if (a.reason === 'no-direct-rule' && a.related?.length) return `${m.escape(fill(p.noDirectRule, { question: echoOf(a.question) }))}\n${numbered(a.related)}`;
    return m.escape(fill(p.notFound, { years: corpus.years, places: corpus.places }));
  }
  if (a.status === 'document') return renderDocumentAnswer(a, p, m);
  // lead-in and footer say what the excerpts are: none may call a press reprint 政策原文 (each such citation says 新闻报道 too)
  const news = a.excerpts.filter((e) => e.citation.kind === 'news').length;
  const [intro, footer] = news === 0 ? [p.answerIntro, p.answerFooter] : news === a.excerpts.length ? [p.answerIntroNews, p.answerFooterNews] : [p.answerIntroMixed, p.answerFooterMixed];
  const year = a.otherYear ? `\n${m.escape(fill(p.otherYear, { year: a.otherYear.year, thisYear: a.otherYear.thisYear }))}` : '';
  return `${m.escape(fill(intro, { question: echoOf(a.question) }))}${year}\n${numbered(a.excerpts)}\n\n${m.escape(footer)}`;
}

/** A document's ended period is said once, under its first excerpt, not under every one. */
function onePeriodNotePerDocument(list: Excerpt[]): Excerpt[] {
  const noted = new Set<string>();
  return list.map((e) => {
    if (!e.periodEnded) return e;
    if (noted.has(e.docId)) return { ...e, periodEnded: null };
    noted.add(e.docId);
    return e;
  });
}

/** A named document's metadata, as /source shows it; for a 文号 alone, each document's opening too. */
function renderDocumentAnswer(a: Extract<Answer, { status: 'document' }>, p: Prompts, m: Markup): string {
  const unknown = p.unknownValue;
  const items = a.documents.map((d, i) => {
    const item = fill(p.documentItem, { n: i + 1, title: d.title, docNumber: d.docNumber ?? unknown, issuer: d.issuer ?? unknown, date: d.date ?? unknown });
    const opening = a.openings.find((e) => e.docId === d.id);
    return opening ? `${item}\n${fill(p.documentOpening, { quote: opening.quote })}` : item;
  });
  return m.escape([fill(p.documentIntro, { question: echoOf(a.question) }), ...items].join('\n'));
}

export function renderSource(c: Citation, doc: DocumentMeta | undefined, p: Prompts, m: Markup): string {
  const unknown = p.unknownValue;
  return m.escape(
    `${p.sourceHeader}\n` +
      fill(p.sourceItem, {
        title: c.title,
        docNumber: c.docNumber ?? unknown,
        issuer: c.issuer ?? unknown,
        date: c.date ?? unknown,
        region: c.region ?? unknown,
        path: c.headingPath.slice(1).join(' › ') || c.title,
      }) +
      (doc?.noticeTitle ? `\n（${doc.noticeTitle}）` : ''),
  );
}

export function renderDocuments(docs: DocumentMeta[], p: Prompts, m: Markup): string {
  // policies first, the press reprints after them and marked, so the list reads as the library of rules
  const ordered = [...docs.filter((d) => d.kind !== 'news'), ...docs.filter((d) => d.kind === 'news')];
  // the date labelled as citations label it (a reprint's 转载日期 is not the document's own date); a report's date is its own
  const dateOf = (d: DocumentMeta) => (d.date ? ` · ${d.date}${d.kind !== 'news' && d.dateKind ? DATE_KIND[d.dateKind] : ''}` : '');
  const lines = ordered.map((d, i) => fill(p.docsItem, { n: i + 1, title: d.title, docNumber: d.docNumber ? ` ${d.docNumber}` : '', date: dateOf(d) }) + (d.kind === 'news' ? p.docsNewsMark : ''));
  return m.escape([fill(p.docsHeader, { count: docs.length }), ...lines].join('\n'));
}

/** Years the documents span, for the "not found" reply: "2017–2022年". */
export function corpusSummary(docs: DocumentMeta[], places: readonly string[] = []): CorpusSummary {
  const years = docs.map((d) => d.date?.slice(0, 4)).filter((y): y is string => !!y).sort();
  return { years: years.length ? `${years[0]}–${years[years.length - 1]}年` : '', places: places.join('、') };
}
