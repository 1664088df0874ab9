import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One line of a batch file: the shared scorer's question format. */
export const BatchQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  context: z.array(z.string()).optional(),
});
export type BatchQuestion = z.infer<typeof BatchQuestionSchema>;

export function readBatch(path: string): BatchQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (e) {
        throw new Error(`${path}:${i + 1}: not JSON (${(e as Error).message})`);
      }
      const parsed = BatchQuestionSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}
