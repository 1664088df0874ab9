import { createHash } from 'node:crypto';
import { splitLines, type Line } from './lines.js';
import { splitPageFurniture, splitYearbookFurniture } from './furniture.js';
import { readHeader, readSignature, splitCollection, DOC_NUMBER } from './documents.js';
import { buildClauses, DEFAULT_SIZING, type ClauseSizing, type DraftClause } from './clauses.js';
import { parseTable, findTableStart } from './table.js';
import { spansOf } from './segment.js';
import { parseDate, isDateLine, chineseNumber } from './dates.js';
import { lineShape, splitRunOnArticles } from './structure.js';
import type { Segment } from './segment.js';
import { IngestError } from './errors.js';
import type { SeedMeta } from './seed-meta.js';
import type { Clause, DocumentMeta, IngestedFile, Region, SkippedSpan, Span } from './types.js';

const REGIONS: Region[] = ['慈溪', '象山', '奉化'];

/** Ingest one seed's text. Pure: same text and meta give the same documents, clauses and ids. */
export function ingestText(source: string, text: string, meta: SeedMeta, sizing: ClauseSizing = DEFAULT_SIZING): IngestedFile {
  if (!text.trim()) throw new IngestError('EMPTY_FILE', source, 'the file is empty: nothing to ingest');
  const lines = splitLines(text);
  const { body, furniture } = meta.layout === 'yearbook' ? splitYearbookFurniture(lines) : splitPageFurniture(lines);
  const skipped: SkippedSpan[] = furniture.map((l) => ({ span: [l.start, l.end], reason: 'furniture' }));
  const warnings: string[] = [];
  const documents: DocumentMeta[] = [];
  const clauses: Clause[] = [];
  const stem = source.replace(/\.[^.]+$/, '').slice(0, 3);

  const docGroups = meta.layout === 'yearbook' ? splitCollection(body) : [body];
  docGroups.forEach((docLines, ordinal) => {
    if (!docLines.length) return;
    const docId = `${stem}#${String(ordinal + 1).padStart(2, '0')}`;
    const header = meta.title ? { title: meta.title, noticeTitle: null, docNumber: meta.docNumber ?? null, issuer: meta.issuer ?? null, length: 0 } : readHeader(docLines);
    const rest = docLines.slice(header.length);
    const signature = meta.layout === 'yearbook' ? readSignature(rest) : { date: null, issuer: null, length: 0 };
    const contentLines = rest.slice(0, rest.length - signature.length);
    for (const l of docLines.slice(0, header.length)) skipped.push({ span: [l.start, l.end], reason: 'document-header' });
    for (const l of rest.slice(rest.length - signature.length)) skipped.push({ span: [l.start, l.end], reason: 'signature' });

    const drafts = draftClauses(contentLines, header.title, sizing, warnings, skipped);
    const artefacts = drafts.flatMap((d) => d.artefacts);
    for (const a of artefacts) skipped.push({ span: a.span, reason: 'artefact' });
    const date = meta.date ?? signature.date ?? firstDate(contentLines);
    // a yearbook page header's 文号 is the document's own when the document prints none
    const docNumber = header.docNumber ?? meta.docNumber ?? artefacts.map((a) => a.text).find((t) => DOC_NUMBER.test(t) && date !== null && t.includes(`〔${date.slice(0, 4)}〕`)) ?? null;
    const doc: DocumentMeta = {
      id: docId,
      source,
      title: header.title,
      noticeTitle: header.noticeTitle,
      docNumber,
      issuer: header.issuer ?? signature.issuer ?? meta.issuer ?? null,
      date,
      region: REGIONS.find((r) => header.title.includes(r)) ?? meta.region,
      span: [docLines[0]!.start, docLines[docLines.length - 1]!.end],
    };
    documents.push(doc);
    if (!drafts.length) warnings.push(`${docId} 《${doc.title}》: no content after its header`);
    if (!doc.docNumber && meta.layout === 'yearbook') warnings.push(`${docId} 《${doc.title}》: no 文号 found`);
    if (!doc.date) warnings.push(`${docId} 《${doc.title}》: no date found`);
    clauses.push(...finishClauses(drafts, doc));
  });
  dedupeIds(clauses);
  return { source, text, documents, clauses, skipped, warnings };
}

function draftClauses(lines: Line[], title: string, sizing: ClauseSizing, warnings: string[], skipped: SkippedSpan[]): DraftClause[] {
  lines = splitRunOnArticles(lines, chineseNumber);
  const tableAt = findTableStart(lines);
  if (tableAt < 0) return buildClauses(lines, title, sizing);
  // the table's own caption lines ("附件二", "2022年…重点工作清单") go with the table
  let from = tableAt;
  while (from > tableAt - 2 && from > 0 && isCaption(lines[from - 1]!.text)) from--;
  const before = buildClauses(lines.slice(0, from), title, sizing);
  const table = parseTable(lines.slice(from), [title]);
  warnings.push(...table.warnings);
  for (const l of table.header) skipped.push({ span: [l.start, l.end], reason: 'table-header' });
  return [...before, ...table.rows];
}

const isCaption = (text: string) => text.length <= 40 && !/[。；;：:，,]/.test(text) && lineShape(text).marker === null;

function firstDate(lines: Line[]): string | null {
  const line = lines.find((l) => isDateLine(l.text));
  return line ? parseDate(line.text) : null;
}

function finishClauses(drafts: DraftClause[], doc: DocumentMeta): Clause[] {
  return drafts
    .map((d) => ({ d, text: joinSegments(d.segments, d.kind === 'table-row') }))
    .filter(({ text }) => text.length > 0)
    .map(({ d, text }) => ({
      id: `${doc.id.slice(0, 3)}-${createHash('sha1').update(`${doc.id}\n${text}`).digest('hex').slice(0, 10)}`,
      docId: doc.id,
      source: doc.source,
      kind: d.kind,
      headingPath: d.headingPath,
      articleNo: d.articleNo,
      text,
      spans: spansOf(d.segments) as Span[],
      artefacts: d.artefacts.map((a) => a.text),
    }));
}

/** Identical text twice in one document would share an id; the second gets a suffix. */
function dedupeIds(clauses: Clause[]): void {
  const seen = new Map<string, number>();
  for (const c of clauses) {
    const n = seen.get(c.id) ?? 0;
    seen.set(c.id, n + 1);
    if (n > 0) c.id = `${c.id}-${n + 1}`;
  }
}

/**
 * Lines are rejoined with a line break, except where the page broke a sentence mid-word
 * ("被慈溪市级以上人" / "民政府…"): the first ends without punctuation and the next is no new item.
 */
function joinSegments(segments: Segment[], cellPerLine: boolean): string {
  let text = '';
  segments.forEach((s, k) => {
    if (k > 0) {
      const prev = segments[k - 1]!.text;
      const brokenMidSentence = !/[。；;：:！？!?）)”」]$/.test(prev) && lineShape(s.text).marker === null && !lineShape(prev).isHeadingOnly && !/^第.+[章节]/.test(prev);
      text += brokenMidSentence && !cellPerLine ? '' : '\n';
    }
    text += s.text;
  });
  return text.trim();
}
