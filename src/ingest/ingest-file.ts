import { createHash } from 'node:crypto';
import { DATE_PATTERN, parseDate } from './dates.js';
import { splitLines, type Line } from './lines.js';
import { splitPageFurniture, splitYearbookFurniture } from './furniture.js';
import { completeTitle, findTitleLine, issuedTitles, placeOf, readCoveringNotice, readHeader, readSignature, splitCollection, ADOPTION_NOTE, titleLength, DOC_NUMBER, type DocumentHeader } from './documents.js';
import { buildClauses, DEFAULT_SIZING, type ClauseSizing, type DraftClause } from './clauses.js';
import { capClauses } from './cap.js';
import { parseTable, findTableStart } from './table.js';
import { spansOf } from './segment.js';
import { lineShape } from './structure.js';
import { splitRunOnHeadings } from './run-on.js';
import { splitBodyFurniture } from './body-furniture.js';
import { isNewsCollection, splitNews } from './news.js';
import { readPageDate, type PageDate } from './page-date.js';
import type { Segment } from './segment.js';
import { IngestError } from './errors.js';
import type { SeedMeta } from './seed-meta.js';
import type { Clause, DateKind, DocumentMeta, IngestedFile, SkippedSpan, Span } from './types.js';

/** A document found in a file, before its clauses are built. */
interface DraftDocument {
  header: DocumentHeader;
  content: Line[];
  date: string | null;
  dateKind: DateKind | null;
  issuer: string | null;
  kind: DocumentMeta['kind'];
  outlet: string | null;
  span: Span;
}

/** Ingest one seed's text. Pure: same text and meta give the same documents, clauses and ids. */
export function ingestText(source: string, text: string, meta: SeedMeta, sizing: ClauseSizing = DEFAULT_SIZING): IngestedFile {
  if (!text.trim()) throw new IngestError('EMPTY_FILE', source, 'the file is empty: nothing to ingest');
  const lines = splitLines(text);
  const { body, furniture } = meta.layout === 'yearbook' ? splitYearbookFurniture(lines) : splitPageFurniture(lines);
  const skipped: SkippedSpan[] = furniture.map((l) => ({ span: [l.start, l.end], reason: 'furniture' }));
  const pageDate = meta.layout === 'page' ? readPageDate(furniture) : null;
  const warnings: string[] = [];
  const documents: DocumentMeta[] = [];
  const clauses: Clause[] = [];
  // the whole name, not a prefix of it: "abc_1.txt" and "abc_2.txt" must not share ids
  const stem = source.replace(/\.[^.]+$/, '');

  const groups = meta.layout === 'yearbook' ? splitCollection(body) : [body];
  const drafts = groups.filter((g) => g.length).flatMap((g) => findDocuments(g, meta, pageDate, skipped));
  drafts.forEach((draft, ordinal) => {
    const docId = `${stem}#${String(ordinal + 1).padStart(2, '0')}`;
    const { header } = draft;
    const clauseDrafts = draftClauses(draft.content, header.title, sizing, warnings, skipped);
    const artefacts = clauseDrafts.flatMap((d) => d.artefacts);
    for (const a of artefacts) skipped.push({ span: a.span, reason: 'artefact' });
    const date = draft.date;
    // a yearbook page header's 文号 is the document's own when the document prints none
    const docNumber = draft.kind === 'news' ? null : header.docNumber ?? meta.docNumber ?? artefacts.map((a) => a.text).find((t) => DOC_NUMBER.test(t) && date !== null && t.includes(`〔${date.slice(0, 4)}〕`)) ?? null;
    const title = draft.kind === 'news' || meta.title ? header.title : completeTitle(header.title, draft.issuer, date);
    const doc: DocumentMeta = {
      id: docId,
      source,
      title,
      noticeTitle: header.noticeTitle,
      docNumber,
      issuer: draft.issuer,
      date,
      dateKind: date ? draft.dateKind : null,
      region: meta.region !== undefined ? meta.region : placeOf(title) ?? placeOf(draft.issuer),
      kind: draft.kind,
      outlet: draft.outlet,
      span: draft.span,
    };
    documents.push(doc);
    if (!clauseDrafts.length) warnings.push(`${docId} 《${doc.title}》: no content after its header`);
    if (!doc.docNumber && meta.layout === 'yearbook' && doc.kind === 'policy') warnings.push(`${docId} 《${doc.title}》: no 文号 found`);
    if (!doc.date) warnings.push(`${docId} 《${doc.title}》: no date found`);
    clauses.push(...finishClauses(clauseDrafts, doc));
  });
  dedupeIds(clauses);
  return { source, text, documents, clauses, skipped, warnings };
}

const spanOf = (lines: Line[]): Span => [lines[0]!.start, lines[lines.length - 1]!.end];
const skip = (skipped: SkippedSpan[], lines: Line[], reason: SkippedSpan['reason']) => {
  for (const l of lines) skipped.push({ span: [l.start, l.end], reason });
};

/**
 * The documents in one group of lines: a press collection gives one document per report;
 * otherwise one document, or one per title when a notice issues several under one 文号.
 */
function findDocuments(lines: Line[], meta: SeedMeta, pageDate: PageDate | null, skipped: SkippedSpan[]): DraftDocument[] {
  if (isNewsCollection(lines)) {
    const { reports, rest } = splitNews(lines);
    const out: DraftDocument[] = reports.map((r) => {
      skip(skipped, [...r.preamble, r.headline], 'document-header');
      skip(skipped, [r.attribution], 'signature');
      return {
        header: { title: r.title, noticeTitle: null, docNumber: null, issuer: null, length: 0 },
        content: r.body,
        date: r.date,
        dateKind: 'published',
        issuer: null,
        kind: 'news',
        outlet: r.outlet,
        span: spanOf([r.headline, ...r.body, r.attribution]),
      };
    });
    if (rest.length) out.push(...findDocuments(rest, { ...meta, layout: 'page' }, null, skipped));
    return out;
  }

  const header: DocumentHeader = meta.title ? { title: meta.title, noticeTitle: null, docNumber: meta.docNumber ?? null, issuer: meta.issuer ?? null, length: 0 } : readHeader(lines);
  skip(skipped, lines.slice(0, header.length), 'document-header');
  let rest = lines.slice(header.length);
  let date: string | null = null;
  let dateKind: DateKind | null = null;
  let issuer = header.issuer;
  // a page carrying the whole covering notice: its sentences are not the document's clauses
  const notice = header.noticeTitle ? readCoveringNotice(rest, header.title) : null;
  if (notice) {
    skip(skipped, notice.body, 'covering-notice');
    skip(skipped, notice.signature, 'signature');
    skip(skipped, notice.titleLines, 'document-header');
    rest = rest.slice(notice.length);
    date = notice.date;
    dateKind = 'signed';
    issuer = notice.issuer ?? issuer;
  }
  // a law or regulation carries no signature: "（2023年6月28日…会议通过　根据…修正）" under its title
  // says when this text was adopted; the last date named is the version's
  // (readHeader keeps the note among the header lines it sets aside; a sidecar title leaves it first in the body)
  const inHeader = lines.slice(0, header.length).map((l) => adoptionOf(l.text)).find(Boolean);
  const first = inHeader ? null : rest.length ? adoptionOf(rest[0]!.text) : null;
  if (first) {
    skip(skipped, rest.slice(0, 1), 'document-header');
    rest = rest.slice(1);
  }
  const adoption = inHeader ?? first;
  const signature = readSignature(rest);
  skip(skipped, rest.slice(rest.length - signature.length), 'signature');
  const content = rest.slice(0, rest.length - signature.length);
  if (signature.date) {
    date = signature.date;
    dateKind = 'signed';
  }
  // a 文号'd decision is dated by its signature (when it was issued); the adoption date serves a statute that has none
  if (!date && adoption) {
    date = adoption;
    dateKind = 'adopted';
  }
  issuer = issuer ?? signature.issuer;
  if (!date && pageDate) ({ date, kind: dateKind } = pageDate);
  if (meta.date) {
    date = meta.date;
    dateKind = meta.dateKind ?? dateKind ?? 'signed';
  }
  issuer = meta.issuer ?? issuer;

  const base = { date, dateKind, issuer, kind: 'policy' as const, outlet: null };
  // "关于印发A和B的通知": B starts where its title stands alone on a line
  const titles = header.noticeTitle ? issuedTitles(header.noticeTitle) : [];
  const cuts: { at: number; title: string }[] = [];
  for (const t of titles.slice(1)) {
    const at = findTitleLine(content, t, cuts.length ? cuts[cuts.length - 1]!.at + 1 : 0);
    if (at > 0) cuts.push({ at, title: t });
  }
  if (!cuts.length) return [{ header, content, ...base, span: spanOf(lines) }];
  const out: DraftDocument[] = [{ header, content: content.slice(0, cuts[0]!.at), ...base, span: spanOf(lines.slice(0, header.length + (notice?.length ?? 0) + cuts[0]!.at)) }];
  cuts.forEach((cut, k) => {
    const end = k + 1 < cuts.length ? cuts[k + 1]!.at : content.length;
    const n = titleLength(content, cut.at, cut.title);
    const own = content.slice(cut.at, end);
    skip(skipped, own.slice(0, n), 'document-header');
    out.push({ header: { ...header, title: cut.title, length: n }, content: own.slice(n), ...base, span: spanOf(own) });
  });
  return out;
}

function draftClauses(lines: Line[], title: string, sizing: ClauseSizing, warnings: string[], skipped: SkippedSpan[]): DraftClause[] {
  const tableAt = findTableStart(lines);
  // the table's own caption lines ("附件二", "2022年…重点工作清单") go with the table
  let from = tableAt < 0 ? lines.length : tableAt;
  while (tableAt >= 0 && from > tableAt - 2 && from > 0 && isCaption(lines[from - 1]!.text)) from--;
  const body = splitBodyFurniture(splitRunOnHeadings(lines.slice(0, from)));
  skipped.push(...body.skipped);
  const before = buildClauses(body.lines, title, sizing, warnings);
  if (tableAt < 0) return capClauses(before, sizing.cap);
  const table = parseTable(lines.slice(from), [title]);
  warnings.push(...table.warnings);
  for (const l of table.header) skipped.push({ span: [l.start, l.end], reason: 'table-header' });
  const rows = capClauses(table.rows, sizing.cap);
  const cut = rows.filter((r) => r.part?.index === 1);
  if (cut.length) warnings.push(`table: ${cut.length} row(s) over ${sizing.cap} characters cut into parts (its rows may not be numbered 1, 2, 3…)`);
  return [...capClauses(before, sizing.cap), ...rows];
}

const isCaption = (text: string) => text.length <= 40 && !/[。；;：:，,]/.test(text) && (lineShape(text).marker === null || lineShape(text).marker === 'attachment');

function finishClauses(drafts: DraftClause[], doc: DocumentMeta): Clause[] {
  return drafts
    .map((d) => ({ d, text: joinSegments(d.segments, d.kind === 'table-row') }))
    .filter(({ text }) => text.length > 0)
    .map(({ d, text }) => ({
      // short enough for a button's 64-byte payload; unique because the hash covers the whole document id
      id: `${clausePrefix(doc.source)}-${createHash('sha1').update(`${doc.id}\n${text}`).digest('hex').slice(0, 10)}`,
      docId: doc.id,
      source: doc.source,
      kind: d.kind,
      headingPath: [doc.title, ...d.headingPath.slice(1)],
      articleNo: d.articleNo,
      text,
      spans: spansOf(d.segments) as Span[],
      artefacts: d.artefacts.map((a) => a.text),
      ...(d.part ? { part: d.part } : {}),
    }));
}

/** A readable lead for clause ids: the source name's first letters, without the id's own separators. */
function clausePrefix(source: string): string {
  return source.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_]/gu, '').slice(0, 3) || 'doc';
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

/** The adoption note under a statute's title, its last date; null for any other line. */
function adoptionOf(line: string): string | null {
  if (!ADOPTION_NOTE.test(line.trim())) return null;
  const dates = [...line.matchAll(new RegExp(DATE_PATTERN.source, 'g'))].map((m) => parseDate(m[0]));
  return dates.filter((d): d is string => !!d).pop() ?? null;
}
