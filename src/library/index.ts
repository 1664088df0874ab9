export { createLibrary, type Library, type LibraryDeps, type AddOptions, type AddReport, type IncomingFile, type ChangeReport } from './manager.js';
export { readCatalog, sourceOf, documentsOf, LibraryEntrySchema, type LibraryEntry, type EntryDocument } from './catalog.js';
export { ingestEntry } from './ingest.js';
export { LibraryError, type LibraryErrorCode } from './errors.js';
export { loadLibraryPrompts, refusalOf, type LibraryPrompts } from './prompts.js';
