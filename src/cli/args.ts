import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

/** Command-line input the program cannot act on; the message says what was wrong ('' for --help). */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict parse: an unknown option, a missing value or too many arguments is a UsageError. */
export function parseCommandLine<O extends Options>(argv: string[], options: O, maxPositionals = Infinity) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    // node's own message names the option but is written for developers
    const option = /'([^']+)'/.exec(e instanceof Error ? e.message : '')?.[1];
    throw new UsageError(option ? `不认识的选项或缺少取值：${option}` : '命令行参数有误');
  }
  if ((parsed.values as { help?: boolean }).help) throw new UsageError('');
  if (parsed.positionals.length > maxPositionals) throw new UsageError(`多余的参数：${parsed.positionals.slice(maxPositionals).join(' ')}`);
  return parsed;
}

/** Runs `parse`; a UsageError becomes its message and the usage on stderr and exit 2 (--help: usage, exit 0). */
export function orUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (!e.message) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    process.stderr.write(`错误：${e.message}\n${usage}\n`);
    process.exit(2);
  }
}

const AskArgsSchema = z.object({
  json: z.boolean().default(false),
  top: z.coerce.number().int().min(1).max(50).default(5),
  batch: z.string().optional(),
  context: z.array(z.string()).default([]),
  question: z.string().optional(),
});
export type AskArgs = z.infer<typeof AskArgsSchema>;

export const ASK_USAGE = '用法：npm run ask -- "问题" [--context "上一个问题"] [--top N]\n      npm run ask -- --json --top 10 --batch FILE.jsonl';

export function parseAskArgs(argv: string[]): AskArgs {
  const { values, positionals } = parseCommandLine(argv, {
    json: { type: 'boolean' },
    top: { type: 'string' },
    batch: { type: 'string' },
    context: { type: 'string', multiple: true },
  });
  const args = AskArgsSchema.safeParse({ ...values, question: positionals.join(' ') || undefined });
  if (!args.success) throw new UsageError(args.error.issues.map((i) => `--${i.path.join('.')}：${i.path[0] === 'top' ? '应为 1 到 50 的整数' : i.message}`).join('；'));
  if (!args.data.batch && !args.data.question) throw new UsageError('请给出一个问题，或用 --batch 指定问题文件');
  return args.data;
}
