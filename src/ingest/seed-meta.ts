import { z } from 'zod';
import { DateKindSchema, RegionSchema } from './types.js';

/**
 * The sidecar `NAME.meta.json` beside a seed: what the text itself does not say
 * (its layout, a title the page never prints). Every field but layout only overrides what
 * ingestion reads from the text; a document needs no sidecar to be ingested right.
 */
export const SeedMetaSchema = z.object({
  /** yearbook: an appendix concatenating many documents; page: one document inside site furniture. */
  layout: z.enum(['yearbook', 'page']),
  /** Overrides the place read from the title or issuer; null: a document of no place. */
  region: RegionSchema.nullable().optional(),
  description: z.string().optional(),
  /** Overrides for a single-document file, where the page lacks or garbles them. */
  title: z.string().optional(),
  docNumber: z.string().optional(),
  issuer: z.string().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  dateKind: DateKindSchema.optional(),
  /** Where the document came from, for the citation's 出处 line. */
  origin: z.string().optional(),
});
export type SeedMeta = z.infer<typeof SeedMetaSchema>;

/** Without a sidecar: a single document, everything else read from its text. */
export const DEFAULT_SEED_META: SeedMeta = { layout: 'page' };
