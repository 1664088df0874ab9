import type { z } from 'zod';

/** A zod error as one line: each field at fault and what is wrong with it, never the value. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export type ParsedJson<T> = { ok: true; value: T } | { ok: false; syntax: boolean; problem: string };

/** JSON text checked against `schema`: the value, or what is wrong (bad JSON, or the fields at fault). */
export function parseJson<S extends z.ZodTypeAny>(text: string, schema: S): ParsedJson<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, syntax: true, problem: `not valid JSON (${(e as Error).message})` };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, syntax: false, problem: describeIssues(parsed.error) };
}
