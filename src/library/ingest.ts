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
 * A library document's text through the seeds' ingestion. One file is one document: the
 * collection reading (which also recognises the issuer and date signed at the end) is used
 * when it finds exactly one, the single-page reading otherwise. Ids are rewritten to carry
 * the entry's id, so two documents with a sentence in common never share a clause id.
 * The place is the override, else what the document's own text names (see regionFromText).
 */
export function ingestEntry(text: string, o: EntryIngestOptions): IngestedFile {
  const source = sourceOf(o.id);
  // the seeds' own guess is not used: it may name a place that is not configured
  const region = o.region ?? null;
  let file = ingestText(source, text, { layout: 'yearbook', region });
  if (file.documents.length !== 1) file = ingestText(source, text, { layout: 'page', region });
  const documents = file.documents.map((d) => {
    const title = o.title ?? d.title;
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
  return { ...file, documents, clauses };
}
