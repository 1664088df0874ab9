import { parseArgs } from 'node:util';
import { z } from 'zod';

const AskArgsSchema = z.object({
  json: z.boolean().default(false),
  top: z.coerce.number().int().min(1).max(50).default(5),
  batch: z.string().optional(),
  context: z.array(z.string()).default([]),
  question: z.string().optional(),
});
export type AskArgs = z.infer<typeof AskArgsSchema>;

export function parseAskArgs(argv: string[]): AskArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, top: { type: 'string' }, batch: { type: 'string' }, context: { type: 'string', multiple: true } },
  });
  return AskArgsSchema.parse({ ...values, question: positionals.join(' ') || undefined });
}
