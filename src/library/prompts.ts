import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../config/index.js';
import { PromptsError, fill } from '../answer/index.js';
import { FormatError } from '../ingest/formats/index.js';
import { IngestError } from '../ingest/index.js';
import { LibraryError } from './errors.js';

const text = z.string().min(1);

/** Replies about the library (staff uploads); `prompts/library.LOCALE.json`, checked at start. */
export const LibraryPromptsSchema = z
  .object({
    working: text,
    added: text,
    replaced: text,
    unchanged: text,
    unknownValue: text,
    undoButton: text,
    undone: text,
    restored: text,
    nothingToUndo: text,
    busy: text,
    failed: text,
    /** `npm run docs` on stderr: any refused change. */
    cliFailed: text,
    /** A reason about one of several files: names it. */
    fileReason: text,
    reasons: z
      .object({ UNSUPPORTED_TYPE: text, TOO_LARGE: text, ENCRYPTED: text, BROKEN: text, SCANNED: text, EMPTY_TEXT: text, NO_CLAUSES: text, DOWNLOAD: text, MISSING_FILE: text, NOT_A_FILE: text, NOT_FOUND: text, BAD_REGION: text, DAMAGED: text })
      .strict(),
  })
  .strict();
export type LibraryPrompts = z.infer<typeof LibraryPromptsSchema>;

export function loadLibraryPrompts(dir: string, locale = 'zh-CN'): LibraryPrompts {
  const path = join(dir, `library.${locale}.json`);
  if (!existsSync(path)) throw new PromptsError(`reply templates not found: ${path}`);
  const parsed = parseJson(readFileSync(path, 'utf8'), LibraryPromptsSchema);
  if (!parsed.ok) throw new PromptsError(`${path}: ${parsed.problem}`);
  return parsed.value;
}

/**
 * What staff are told when a change is refused, in their language, or null for an error that
 * is not about their input (a bug: the caller logs it). `maxMb` fills the size limit.
 */
export function refusalOf(e: unknown, p: LibraryPrompts, maxMb: string, size = '?'): string | null {
  const withFile = (file: string, reason: string) => fill(p.fileReason, { file, reason });
  if (e instanceof FormatError) return withFile(e.file, fill(p.reasons[e.code], { size, max: maxMb }));
  // an empty text reaching ingestion: the same words as an empty file
  if (e instanceof IngestError && e.code === 'EMPTY_FILE') return p.reasons.EMPTY_TEXT;
  if (!(e instanceof LibraryError)) return null;
  const d = e.details;
  switch (e.code) {
    case 'BUSY':
      return p.busy;
    case 'NOTHING_TO_UNDO':
      return fill(p.nothingToUndo, d);
    case 'NO_CLAUSES':
      return d.file ? withFile(d.file, p.reasons.NO_CLAUSES) : p.reasons.NO_CLAUSES;
    default:
      return fill(p.reasons[e.code], d);
  }
}
