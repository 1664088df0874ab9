import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../config/index.js';
import { RegionSchema } from '../ingest/index.js';
import { FORMATS, type DocumentFormat } from '../ingest/formats/index.js';
import { LibraryError } from './errors.js';

/** A document found in a library file. */
export const EntryDocumentSchema = z.object({ title: z.string(), docNumber: z.string().nullable(), date: z.string().nullable(), clauses: z.number().int() });
export type EntryDocument = z.infer<typeof EntryDocumentSchema>;

/**
 * One file staff added: what it is, where it came from, and what ingestion found. The file is
 * the unit of the library: a notice that issues two plans is one entry with two documents, and
 * `remove` / `undo` take the file, both documents with it. title, docNumber and date are the
 * first document's.
 */
export const LibraryEntrySchema = z.object({
  /** `L` + the first hex digits of the original file's sha256: short enough to type in `docs remove`. */
  id: z.string().regex(/^L[0-9a-f]{7,}$/),
  title: z.string(),
  docNumber: z.string().nullable(),
  date: z.string().nullable(),
  region: RegionSchema.nullable(),
  format: z.enum(FORMATS as [DocumentFormat, ...DocumentFormat[]]),
  /** The name the file was added under. */
  fileName: z.string(),
  /** sha256 of the original bytes plus the options it was added with: the same file twice is a no-op. */
  key: z.string(),
  clauses: z.number().int(),
  addedAt: z.string(),
  /** What staff set by hand (--title, --region): kept so a re-ingestion applies them again. */
  titleOverride: z.string().nullable(),
  regionOverride: RegionSchema.nullable(),
  /** Entries this one replaced (same 文号 or title); `undo` puts them back. */
  replaces: z.array(z.string()),
  /** Every document in the file, in order (absent in catalogs written before files could hold several). */
  documents: z.array(EntryDocumentSchema).optional(),
});
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;

const CatalogSchema = z.object({ version: z.literal(1), entries: z.array(LibraryEntrySchema) });

/*
 * Layout of the library folder (kept outside the index, so a rebuild never loses it):
 *   catalog.json             the entries in force
 *   docs/ID/original.EXT     the file as it was sent
 *   docs/ID/text.txt         the text extracted from it: re-ingestable without the original
 *   retired/ID/…             a replaced document, kept for undo
 */
export const libraryPaths = (dir: string) => ({
  catalog: join(dir, 'catalog.json'),
  doc: (id: string) => join(dir, 'docs', id),
  retired: (id: string) => join(dir, 'retired', id),
  lock: join(dir, '.lock'),
});

export const sourceOf = (id: string) => `library/${id}`;

/** The documents of an entry; an entry from an older catalog holds its one. */
export const documentsOf = (e: LibraryEntry): EntryDocument[] => e.documents ?? [{ title: e.title, docNumber: e.docNumber, date: e.date, clauses: e.clauses }];

export function readCatalog(dir: string): LibraryEntry[] {
  const path = libraryPaths(dir).catalog;
  if (!existsSync(path)) return [];
  const parsed = parseJson(readFileSync(path, 'utf8'), CatalogSchema);
  if (!parsed.ok) throw new LibraryError('DAMAGED', `${path}: ${parsed.problem}`, { path });
  return parsed.value.entries;
}

/** Written to a temporary file and renamed over the old one: a crash leaves the old catalog. */
export function writeCatalog(dir: string, entries: LibraryEntry[]): void {
  mkdirSync(dir, { recursive: true });
  const path = libraryPaths(dir).catalog;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ version: 1, entries }, null, 2));
  renameSync(tmp, path);
}
