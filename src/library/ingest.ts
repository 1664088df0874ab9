import { ingestText, type IngestedFile, type Region } from '../ingest/index.js';
import { sourceOf } from './catalog.js';
import { regionFromText } from './region.js';

export interface EntryIngestOptions {
  id: string;
  title: string | null;
  /** Set by staff (--region): wins over what the text says. */
  region: Region | null;
  /** The configured places (config PLACES): the only places a document's text can assign it to. */
  places: readonly string[];
}

/**
 * A library file's text through the seeds' ingestion. The collection reading (which also
 * recognises the issuer and date signed at the end) is used when it finds one document, or
 * several issued by one notice (a 通知 that issues two plans gives both, as the seeds do); the
 * single-page reading otherwise, since a file is not a yearbook of unrelated documents. Ids are
 * rewritten to carry the entry's id, so two documents with a sentence in common never share a
 * clause id. A --title names a file's only document; a file of several keeps their own titles.
 * The place is the override, else what the document's own text names (see regionFromText).
 */
export function ingestEntry(text: string, o: EntryIngestOptions): IngestedFile {
  const source = sourceOf(o.id);
  // the seeds' own guess is not used: it may name a place that is not configured
  const region = o.region ?? null;
  let file = ingestText(source, text, { layout: 'yearbook', region });
  if (!(file.documents.length === 1 || oneNotice(file))) file = ingestText(source, text, { layout: 'page', region });
  const single = file.documents.length === 1;
  const warnings = !single && o.title ? [...file.warnings, `--title 未使用：文件含 ${file.documents.length} 份文件，各用原标题`] : file.warnings;
  const documents = file.documents.map((d) => {
    const title = (single ? o.title : null) ?? d.title;
    return { ...d, id: `${o.id}#${d.id.split('#')[1] ?? '01'}`, title, region: o.region ?? regionFromText(d, text.slice(d.span[0], d.span[1]), o.places) };
  });
  const renamed = new Map(file.documents.map((d, i) => [d.id, documents[i]!]));
  const clauses = file.clauses.map((c) => {
    const doc = renamed.get(c.docId)!;
    const oldTitle = file.documents.find((d) => d.id === c.docId)!.title;
    return {
      ...c,
      id: `${o.id}-${c.id.slice(c.id.indexOf('-') + 1)}`,
      docId: doc.id,
      headingPath: c.headingPath[0] === oldTitle ? [doc.title, ...c.headingPath.slice(1)] : c.headingPath,
    };
  });
  return { ...file, documents, clauses, warnings };
}

/** Several documents under one notice: one 文号 and one notice title, every document with clauses. */
function oneNotice(file: IngestedFile): boolean {
  const [first, ...rest] = file.documents;
  if (!first || !rest.length || !first.docNumber || !first.noticeTitle) return false;
  const withClauses = new Set(file.clauses.map((c) => c.docId));
  return file.documents.every((d) => d.docNumber === first.docNumber && d.noticeTitle === first.noticeTitle && withClauses.has(d.id));
}
