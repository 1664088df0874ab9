import { z } from 'zod';
import { RegionSchema } from './types.js';

/**
 * The sidecar `NAME.meta.json` beside a seed: what the text itself does not say
 * (its layout, its region, a title the page never prints).
 */
export const SeedMetaSchema = z.object({
  /** yearbook: an appendix concatenating many documents; page: one document inside site furniture. */
  layout: z.enum(['yearbook', 'page']),
  region: RegionSchema,
  description: z.string().optional(),
  /** Overrides for a single-document file, where the page lacks or garbles them. */
  title: z.string().optional(),
  docNumber: z.string().optional(),
  issuer: z.string().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Where the document came from, for the citation's 出处 line. */
  origin: z.string().optional(),
});
export type SeedMeta = z.infer<typeof SeedMetaSchema>;

export const DEFAULT_SEED_META: SeedMeta = { layout: 'page', region: '慈溪' };
