import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clause, DocumentMeta } from '../ingest/index.js';

/** Layout of `embeddings/index/`. Bump when any file's format changes; older indexes are refused. */
export const INDEX_FORMAT_VERSION = 4;

export const INDEX_FILES = { clauses: 'clauses.json', vectors: 'vectors.f32', hnsw: 'hnsw.bin', keyword: 'keyword.json', postings: 'postings.json' } as const;

export const ManifestSchema = z.object({
  formatVersion: z.number().int(),
  model: z.object({ id: z.string(), sha256: z.string(), dimensions: z.number().int().positive() }),
  /** Hash of `sources`: one value that changes with any document. */
  corpusHash: z.string(),
  chunkerVersion: z.number().int(),
  /** Hash of all clauses (informational; staleness is decided per source). */
  clausesHash: z.string(),
  /**
   * Every file the index holds (a seed, a library document) with the hash of what ingestion made
   * of it: a changed, added or deleted file, or an ingestion change nobody versioned, re-embeds that
   * file only.
   */
  sources: z.record(z.string(), z.object({ hash: z.string(), documents: z.number().int(), clauses: z.number().int() })),
  /** Vector labels of removed clauses, marked deleted in the HNSW graph and zeroed in vectors.f32. */
  deletedPassages: z.number().int().nonnegative(),
  counts: z.object({ documents: z.number().int(), clauses: z.number().int(), passages: z.number().int() }),
  hnsw: z.object({ space: z.literal('cosine'), m: z.number(), efConstruction: z.number(), efSearch: z.number(), seed: z.number() }),
  tokenizer: z.string(),
  passageRecipe: z.string(),
  /** sha256 of every data file, checked on open so truncation or corruption is caught. */
  checksums: z.record(z.string(), z.string()),
  builtAt: z.string(),
  buildSeconds: z.number(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** What an index must match to be used as it is. */
export interface IndexExpectation {
  formatVersion: number;
  modelSha256: string;
  chunkerVersion: number;
  tokenizer: string;
  passageRecipe: string;
}

export const sha256 = (data: string | Buffer | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Hash of every seed and its sidecar, by name and content. */
export function hashSeeds(seedsDir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(seedsDir).filter((x) => x.endsWith('.txt') || x.endsWith('.meta.json')).sort()) {
    h.update(f).update('\0').update(readFileSync(join(seedsDir, f))).update('\0');
  }
  return h.digest('hex');
}

/** What a source contributes to the index, hashed: equal hashes mean nothing to re-embed. */
export function hashSource(file: { documents: DocumentMeta[]; clauses: Clause[] }): string {
  return hashClauses(file.documents, file.clauses);
}

export function hashClauses(documents: DocumentMeta[], clauses: Clause[]): string {
  return sha256(JSON.stringify([documents, clauses.map((c) => [c.id, c.text, c.headingPath, c.articleNo])]));
}

/** Why a manifest does not fit, in words for the log; null when it fits. */
export function staleReason(m: Manifest, e: IndexExpectation): string | null {
  if (m.formatVersion !== e.formatVersion) return `index format ${m.formatVersion}, this code reads ${e.formatVersion}`;
  if (m.model.sha256 !== e.modelSha256) return 'the embedding model changed';
  if (m.chunkerVersion !== e.chunkerVersion) return `chunker version ${m.chunkerVersion}, now ${e.chunkerVersion}`;
  if (m.tokenizer !== e.tokenizer) return `keyword index built with ${m.tokenizer}, configured ${e.tokenizer}`;
  if (m.passageRecipe !== e.passageRecipe) return `passages built as ${m.passageRecipe}, now ${e.passageRecipe}`;
  return null;
}
