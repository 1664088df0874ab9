import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../config/index.js';
import { PromptsError } from '../answer/index.js';

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
    reasons: z.object({ UNSUPPORTED_TYPE: text, TOO_LARGE: text, ENCRYPTED: text, BROKEN: text, SCANNED: text, EMPTY_TEXT: text, NO_CLAUSES: text, DOWNLOAD: text }).strict(),
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
