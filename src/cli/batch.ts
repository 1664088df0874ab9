import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseJson } from '../config/index.js';

/** One line of a batch file: the shared scorer's question format. */
export const BatchQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  context: z.array(z.string()).optional(),
});
export type BatchQuestion = z.infer<typeof BatchQuestionSchema>;

export function readBatch(path: string): BatchQuestion[] {
  return readJsonLines(path, BatchQuestionSchema);
}

/** A JSON Lines file, each line checked against `schema`; a bad line is named by file and line number. */
export function readJsonLines<S extends z.ZodTypeAny>(path: string, schema: S): z.infer<S>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      const parsed = parseJson(line, schema);
      if (!parsed.ok) throw new Error(`${path}:${i + 1}: ${parsed.problem}`);
      return parsed.value;
    });
}
