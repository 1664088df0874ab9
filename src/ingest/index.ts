export * from './types.js';
export { IngestError, type IngestErrorCode } from './errors.js';
export { ingestText } from './ingest-file.js';
export { ingestCorpus, ingestFile, listSeeds, decodeSeed, readSeedMeta } from './corpus.js';
export { SeedMetaSchema, type SeedMeta } from './seed-meta.js';
export { splitSentences } from './sentences.js';
export { parseDate } from './dates.js';
export { DEFAULT_SIZING, type ClauseSizing } from './clauses.js';
export { CHUNKER_VERSION } from './version.js';
