import { z } from 'zod';

/** Half-open character range [start, end) into the source file's text. */
export const SpanSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof SpanSchema>;

/**
 * The place a document belongs to (慈溪, 奉化 …): a plain name, not a fixed list, since a
 * deployment configures the places it covers; null for a document of no place (a national law).
 */
export const RegionSchema = z.string().min(1);
export type Region = z.infer<typeof RegionSchema>;

/** A policy is quoted as the document's own rule; a news report only as what a paper wrote. */
export const DocumentKindSchema = z.enum(['policy', 'news']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/**
 * What a document's date is: the date it was signed/issued (落款), the date a paper or site
 * published it, or only the time a site reposted it (转载), which says little about the policy.
 */
// adopted: the date a law or regulation states it was passed (or last amended) at, under its title
export const DateKindSchema = z.enum(['signed', 'published', 'reposted', 'adopted']);
export type DateKind = z.infer<typeof DateKindSchema>;

export const DocumentMetaSchema = z.object({
  /** Stable id: the source's whole name without extension + ordinal of the document inside the file, e.g. `000_be3a04d4208fbd75#14`. */
  id: z.string(),
  source: z.string(),
  title: z.string().min(1),
  /** The covering notice when the document was issued by "关于印发《…》的通知". */
  noticeTitle: z.string().nullable(),
  /** 文号, e.g. 慈政办发〔2018〕85号. */
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  /** ISO date (YYYY-MM-DD) of signature or publication. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  dateKind: DateKindSchema.nullable().default(null),
  region: RegionSchema.nullable(),
  kind: DocumentKindSchema.default('policy'),
  /** For a news report: the paper or site that published it (浙江日报). */
  outlet: z.string().nullable().default(null),
  span: SpanSchema,
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

/** note: a table's footnote (说明:1.…), quoted under the table it explains. */
export const ClauseKindSchema = z.enum(['article', 'item', 'paragraph', 'table-row', 'note']);
export type ClauseKind = z.infer<typeof ClauseKindSchema>;

export const ClauseSchema = z.object({
  /** Same input → same id; derived from source, document and the clause's own text. */
  id: z.string(),
  docId: z.string(),
  source: z.string(),
  kind: ClauseKindSchema,
  /** Document title › chapter › section …, outermost first. */
  headingPath: z.array(z.string()),
  /** 第十二条 where the clause belongs to a numbered article. */
  articleNo: z.string().nullable(),
  /** The document's own words, page artefacts removed; table rows carry their column names. */
  text: z.string().min(1),
  /** Where the text came from in the source file. */
  spans: z.array(SpanSchema).min(1),
  /** Page-layout artefacts removed from the text (e.g. a 文号 injected mid-word). */
  artefacts: z.array(z.string()),
  /** A clause over the size cap is cut into parts, each cited alike: this is part `index` of `count`. */
  part: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).optional(),
});
export type Clause = z.infer<typeof ClauseSchema>;

/** What a file contained that is not content, kept so that coverage can be checked. */
export const SkippedSpanSchema = z.object({
  span: SpanSchema,
  /**
   * covering-notice: the 通知 wrapped around an issued document (salutation, "现将…印发给你们");
   * table-caption: a table's title line where the table itself is not in the text.
   */
  reason: z.enum(['furniture', 'document-header', 'signature', 'artefact', 'table-header', 'covering-notice', 'table-caption']),
});
export type SkippedSpan = z.infer<typeof SkippedSpanSchema>;

export interface IngestedFile {
  source: string;
  text: string;
  documents: DocumentMeta[];
  clauses: Clause[];
  skipped: SkippedSpan[];
  /** Things ingestion could not place; printed by `npm run ingest -- --report`. */
  warnings: string[];
}

export interface Corpus {
  files: IngestedFile[];
  documents: DocumentMeta[];
  clauses: Clause[];
}
