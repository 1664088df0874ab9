import { z } from 'zod';

/*
 * Button payloads, within Telegram's 64 bytes: "f:<clauseId>" full clause, "s:<clauseId>"
 * source, "m" more results, "e:<n>" the n-th example question of /start. Parsed with zod; anything else is a stale or forged button.
 */
// a seed's clause ("000-…") or a library document's ("L1a2b3c4-…"): both must stay tappable
const CLAUSE_ID = z.string().regex(/^(?:[0-9a-z]{3}|L[0-9a-f]{7,12})-[0-9a-f]{10}(-\d+)?$/);
export const CallbackSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('full'), clauseId: CLAUSE_ID }),
  z.object({ action: z.literal('source'), clauseId: CLAUSE_ID }),
  z.object({ action: z.literal('more') }),
  z.object({ action: z.literal('example'), index: z.coerce.number().int().min(0).max(9) }),
]);
export type Callback = z.infer<typeof CallbackSchema>;

export function encodeCallback(c: Callback): string {
  if (c.action === 'more') return 'm';
  if (c.action === 'example') return `e:${c.index}`;
  return `${c.action === 'full' ? 'f' : 's'}:${c.clauseId}`;
}

export function decodeCallback(data: string | undefined): Callback | null {
  if (!data) return null;
  const [tag, arg] = data.split(':');
  const action = ({ f: 'full', s: 'source', m: 'more', e: 'example' } as Record<string, string>)[tag ?? ''] ?? null;
  const parsed = CallbackSchema.safeParse(action === 'more' ? { action } : action === 'example' ? { action, index: arg } : { action, clauseId: arg });
  return parsed.success ? parsed.data : null;
}
