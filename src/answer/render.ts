import type { DocumentMeta } from '../ingest/index.js';
import type { Answer, Excerpt } from './answerer.js';
import { formatCitation, type Citation } from './citation.js';
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

export function renderExcerpt(e: Excerpt, p: Prompts, m: Markup): string {
  return fill(p.excerpt, { quote: highlight(e.quote, e.highlights, m), citation: m.escape(formatCitation(e.citation)) });
}

export interface CorpusSummary {
  years: string;
}

/** The whole reply to a question. Plain markup gives the text the batch interface reports. */
export function renderAnswer(a: Answer, p: Prompts, m: Markup, corpus: CorpusSummary): string {
  if (a.status === 'not-found') return m.escape(fill(p.notFound, { years: corpus.years }));
  const body = a.excerpts.map((e) => renderExcerpt(e, p, m)).map((t) => (m === PLAIN ? t : m.quote(t))).join('\n\n');
  return `${m.escape(fill(p.answerIntro, { question: a.question }))}\n${body}\n\n${m.escape(p.answerFooter)}`;
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
  const lines = docs.map((d, i) => fill(p.docsItem, { n: i + 1, title: d.title, docNumber: d.docNumber ? ` ${d.docNumber}` : '', date: d.date ? ` · ${d.date}` : '' }));
  return m.escape([fill(p.docsHeader, { count: docs.length }), ...lines].join('\n'));
}

/** Years the documents span, for the "not found" reply: "2017–2022年". */
export function corpusSummary(docs: DocumentMeta[]): CorpusSummary {
  const years = docs.map((d) => d.date?.slice(0, 4)).filter((y): y is string => !!y).sort();
  return { years: years.length ? `${years[0]}–${years[years.length - 1]}年` : '' };
}
