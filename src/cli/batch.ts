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

/** A batch file that cannot be used: missing, a directory, unreadable, or a line that is not a question. */
export class BatchFileError extends Error {
  override name = 'BatchFileError';
}

export function readBatch(path: string): BatchQuestion[] {
  return readJsonLines(path, BatchQuestionSchema);
}

const READ_PROBLEM: Record<string, string> = { ENOENT: '文件不存在', EISDIR: '这是一个目录，不是文件', EACCES: '没有读取权限' };

/** A JSON Lines file, each line checked against `schema`; a bad line is named by file and line number. */
export function readJsonLines<S extends z.ZodTypeAny>(path: string, schema: S): z.infer<S>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new BatchFileError(`${path}: ${READ_PROBLEM[code] ?? `无法读取（${code || (e as Error).message}）`}`);
  }
  return text
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      const parsed = parseJson(line, schema);
      if (!parsed.ok) throw new BatchFileError(`${path}:${i + 1}: ${parsed.problem}`);
      return parsed.value;
    });
}
