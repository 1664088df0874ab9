import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { IngestedFile, Region } from '../ingest/index.js';
import { extractText } from '../ingest/formats/index.js';
import { updateIndex, type Embedder, type IndexSource, type PolicyIndex, type Tokenizer } from '../index/index.js';
import { documentsOf, libraryPaths, readCatalog, sourceOf, writeCatalog, type LibraryEntry } from './catalog.js';
import { LibraryError } from './errors.js';
import { ingestEntry } from './ingest.js';

export interface LibraryDeps {
  /** The library folder (catalog, originals, extracted texts). */
  dir: string;
  /** The index folder the library's documents are embedded into. */
  indexDir: string;
  embedder: Embedder;
  tokenizer: Tokenizer;
  /** The configured places (config PLACES): a document is placed in one of them, or in none. */
  places: readonly string[];
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** The index in use now; an update applies to it. */
  current: () => PolicyIndex;
  /** Called with the updated index once it is on disk: the caller swaps it in whole. */
  publish: (index: PolicyIndex) => void;
  /** Opens the index folder again after an update. */
  reopen: () => PolicyIndex;
}

export interface AddOptions {
  title?: string;
  /** One of the configured places; without it the document's text decides (see regionFromText). */
  region?: Region;
}

export interface IncomingFile {
  name: string;
  bytes: Buffer;
}

/** What `add` did with one file, with what ingestion found in it, for a person to check. */
export interface AddReport {
  entry: LibraryEntry;
  status: 'added' | 'replaced' | 'unchanged';
  /** Entries it replaced (same 文号 or title). */
  replaced: LibraryEntry[];
  /** Headings of the document, outermost first, each once. */
  outline: string[];
  warnings: string[];
}

export interface ChangeReport {
  seconds: number;
  embeddedClauses: number;
}

const ARTICLE_HEADING = /^第[一二三四五六七八九十百千零〇两\d]+条/;

/** Older than this, a lock is from a process that died mid-update. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * The staff's document library: add, replace, remove, undo, list. Every change is one index
 * update (only the documents concerned are embedded), written atomically, then published.
 */
export function createLibrary(deps: LibraryDeps) {
  const paths = libraryPaths(deps.dir);

  const withLock = async <T>(work: () => Promise<T>): Promise<T> => {
    mkdirSync(deps.dir, { recursive: true });
    try {
      mkdirSync(paths.lock);
    } catch {
      if (Date.now() - statSync(paths.lock).mtimeMs < STALE_LOCK_MS) throw new LibraryError('BUSY', 'another change to the library is in progress; try again in a minute');
      rmSync(paths.lock, { recursive: true, force: true });
      mkdirSync(paths.lock);
    }
    try {
      return await work();
    } finally {
      rmSync(paths.lock, { recursive: true, force: true });
    }
  };

  const readText = (folder: string) => readFileSync(join(folder, 'text.txt'), 'utf8');
  const ingestStored = (e: LibraryEntry, folder = paths.doc(e.id)) => ingestEntry(readText(folder), { id: e.id, title: e.titleOverride, region: e.regionOverride, places: deps.places });

  /** Apply a change to the index in use and publish the result. */
  const apply = async (remove: string[], add: IndexSource[]): Promise<ChangeReport> => {
    const manifest = await updateIndex({ dir: deps.indexDir, base: deps.current(), change: { remove, add }, embedder: deps.embedder, tokenizer: deps.tokenizer });
    deps.publish(deps.reopen());
    return { seconds: manifest.buildSeconds, embeddedClauses: add.reduce((n, f) => n + f.clauses.length, 0) };
  };

  // articles are the clauses themselves, not the outline; "第二章 入学条件" is a chapter although it holds a 条
  const outlineOf = (file: IngestedFile): string[] => [...new Set(file.clauses.flatMap((c) => c.headingPath.slice(1)).filter((h) => !ARTICLE_HEADING.test(h)))];

  return {
    list: (): LibraryEntry[] => readCatalog(deps.dir),

    /** The library's documents as index sources, from the stored texts (the originals are not needed). */
    sources(): IngestedFile[] {
      return readCatalog(deps.dir).map((e) => ingestStored(e));
    },

    /**
     * Add files. All are read and ingested first: one bad file changes nothing. The same file
     * twice is left alone; a document with the 文号 or title of one in the library replaces it.
     */
    async add(files: IncomingFile[], o: AddOptions = {}): Promise<{ reports: AddReport[]; change: ChangeReport | null }> {
      if (o.region !== undefined && !deps.places.includes(o.region)) throw new LibraryError('BAD_REGION', `--region ${o.region} is not a configured place (${deps.places.join('、')})`, { region: o.region, places: deps.places.join('、') });
      const drafts: { f: IncomingFile; extracted: Awaited<ReturnType<typeof extractText>>; key: string; id: string; file: IngestedFile; regionOverride: Region | null }[] = [];
      const before = readCatalog(deps.dir);
      for (const f of files) {
        const extracted = await extractText(f.name, f.bytes, { maxBytes: deps.maxBytes });
        const id = `L${createHash('sha256').update(f.bytes).digest('hex').slice(0, 7)}`;
        // the same file sent again without --region keeps the place staff set for it: the text
        // did not say it (or said it wrongly) the first time and still does not
        const regionOverride = o.region ?? before.find((e) => e.id === id)?.regionOverride ?? null;
        const key = createHash('sha256').update(f.bytes).update(`\0${o.title ?? ''}\0${regionOverride ?? ''}`).digest('hex');
        const file = ingestEntry(extracted.text, { id, title: o.title ?? null, region: regionOverride, places: deps.places });
        if (!file.clauses.length) throw new LibraryError('NO_CLAUSES', `${f.name}: no clauses were found in its text`, { file: f.name });
        drafts.push({ f, extracted, key, id, file, regionOverride });
      }
      return withLock(async () => {
        let catalog = readCatalog(deps.dir);
        const reports: AddReport[] = [];
        const add: IngestedFile[] = [];
        const remove: string[] = [];
        for (const d of drafts) {
          const doc = d.file.documents[0]!;
          const found = d.file.documents.map((x) => ({ title: x.title, docNumber: x.docNumber, date: x.date, clauses: d.file.clauses.filter((c) => c.docId === x.id).length }));
          const same = catalog.find((e) => e.key === d.key);
          if (same) {
            reports.push({ entry: same, status: 'unchanged', replaced: [], outline: outlineOf(d.file), warnings: d.file.warnings });
            continue;
          }
          // a new version of any document in the file replaces the file that holds the old one
          const replaced = catalog.filter((e) => e.id === d.id || documentsOf(e).some((old) => found.some((x) => (x.docNumber && old.docNumber === x.docNumber) || old.title === x.title)));
          const entry: LibraryEntry = {
            id: d.id,
            title: doc.title,
            docNumber: doc.docNumber,
            date: doc.date,
            region: doc.region,
            format: d.extracted.format,
            fileName: d.f.name,
            key: d.key,
            clauses: d.file.clauses.length,
            addedAt: new Date().toISOString(),
            titleOverride: o.title ?? null,
            regionOverride: d.regionOverride,
            replaces: replaced.map((e) => e.id).filter((id) => id !== d.id),
            documents: found,
          };
          // originals and text first: a crash before the index is written leaves an unlisted folder, nothing more
          const tmp = `${paths.doc(d.id)}.tmp-${process.pid}`;
          rmSync(tmp, { recursive: true, force: true });
          mkdirSync(tmp, { recursive: true });
          writeFileSync(join(tmp, `original${extname(d.f.name).toLowerCase() || '.' + d.extracted.format}`), d.f.bytes);
          writeFileSync(join(tmp, 'text.txt'), d.extracted.text);
          for (const r of replaced) {
            remove.push(sourceOf(r.id));
            if (r.id !== d.id && existsSync(paths.doc(r.id))) {
              rmSync(paths.retired(r.id), { recursive: true, force: true });
              mkdirSync(join(deps.dir, 'retired'), { recursive: true });
              cpSync(paths.doc(r.id), paths.retired(r.id), { recursive: true });
              writeFileSync(join(paths.retired(r.id), 'entry.json'), JSON.stringify(r));
            }
          }
          rmSync(paths.doc(d.id), { recursive: true, force: true });
          renameSync(tmp, paths.doc(d.id));
          catalog = [...catalog.filter((e) => !replaced.includes(e)), entry];
          add.push(d.file);
          reports.push({ entry, status: replaced.length ? 'replaced' : 'added', replaced, outline: outlineOf(d.file), warnings: d.file.warnings });
        }
        if (!add.length) return { reports, change: null };
        const change = await apply(remove, add);
        writeCatalog(deps.dir, catalog);
        for (const r of reports.flatMap((x) => x.replaced)) if (!catalog.some((e) => e.id === r.id)) rmSync(paths.doc(r.id), { recursive: true, force: true });
        return { reports, change };
      });
    },

    /** Take a file out, every document in it: their vectors and keyword postings leave the index at once. */
    async remove(id: string): Promise<{ entry: LibraryEntry; change: ChangeReport }> {
      return withLock(async () => {
        const catalog = readCatalog(deps.dir);
        const entry = catalog.find((e) => e.id === id);
        if (!entry) throw new LibraryError('NOT_FOUND', `no document ${id} in the library (see \`npm run docs -- list\`)`, { id });
        const change = await apply([sourceOf(id)], []);
        writeCatalog(deps.dir, catalog.filter((e) => e !== entry));
        rmSync(paths.doc(id), { recursive: true, force: true });
        return { entry, change };
      });
    },

    /** Undo an add: the document leaves, and the documents it replaced come back. */
    async undo(id: string): Promise<{ removed: LibraryEntry; restored: LibraryEntry[]; change: ChangeReport }> {
      return withLock(async () => {
        const catalog = readCatalog(deps.dir);
        const entry = catalog.find((e) => e.id === id);
        if (!entry) throw new LibraryError('NOTHING_TO_UNDO', `document ${id} is no longer in the library`, { id });
        const restored = entry.replaces
          .filter((r) => existsSync(join(paths.retired(r), 'entry.json')))
          .map((r) => JSON.parse(readFileSync(join(paths.retired(r), 'entry.json'), 'utf8')) as LibraryEntry);
        const add = restored.map((e) => ingestStored(e, paths.retired(e.id)));
        const change = await apply([sourceOf(id)], add);
        for (const e of restored) {
          rmSync(paths.doc(e.id), { recursive: true, force: true });
          renameSync(paths.retired(e.id), paths.doc(e.id));
        }
        writeCatalog(deps.dir, [...catalog.filter((e) => e !== entry), ...restored]);
        rmSync(paths.doc(id), { recursive: true, force: true });
        return { removed: entry, restored, change };
      });
    },
  };
}
export type Library = ReturnType<typeof createLibrary>;
