import { z } from 'zod';

/** Half-open character range [start, end) into the source file's text. */
export const SpanSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof SpanSchema>;

export const RegionSchema = z.enum(['慈溪', '象山', '奉化']);
export type Region = z.infer<typeof RegionSchema>;

export const DocumentMetaSchema = z.object({
  /** Stable id: source stem + ordinal of the document inside the file, e.g. `000#14`. */
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
  region: RegionSchema.nullable(),
  span: SpanSchema,
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const ClauseKindSchema = z.enum(['article', 'item', 'paragraph', 'table-row']);
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
});
export type Clause = z.infer<typeof ClauseSchema>;

/** What a file contained that is not content, kept so that coverage can be checked. */
export const SkippedSpanSchema = z.object({
  span: SpanSchema,
  reason: z.enum(['furniture', 'document-header', 'signature', 'artefact', 'table-header']),
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
