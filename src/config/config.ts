import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** Every variable the bot and the CLI read; `.env.example` lists them with their defaults. */
export const EnvSchema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'BOT_TOKEN does not look like a token from @BotFather (digits, a colon, then 30+ characters)')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().optional(),
  WEBHOOK_URL: z.string().url().startsWith('https://', 'WEBHOOK_URL must be https').optional(),
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'WEBHOOK_SECRET: 16–256 of A-Z a-z 0-9 _ -').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Largest webhook body read; a larger one gets 413 unread. */
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1 << 20),
  /** Updates accepted and not yet answered; past it, askers get the busy reply (webhook) or fetching pauses (polling). */
  UPDATE_QUEUE_SIZE: z.coerce.number().int().positive().default(256),
  /** On SIGTERM/SIGINT, how long accepted updates may take to be answered before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  MODEL_DIR: z.string().optional(),
  INDEX_DIR: z.string().optional(),
  SEEDS_DIR: z.string().optional(),
  PROMPTS_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes after which a chat's earlier questions no longer count as context. */
  CONTEXT_TTL_MINUTES: z.coerce.number().positive().default(30),
  /** Messages a user may send per minute before the bot asks them to slow down. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(12),
  QUERY_INSTRUCTION: bool.default(false),
  TOKENIZER: z.enum(['jieba-search', 'intl-segmenter']).default('intl-segmenter'),
  /** Where staff-added documents are kept (originals and extracted text); outside the index, so a rebuild keeps them. */
  LIBRARY_DIR: z.string().optional(),
  /** Telegram user ids (comma-separated) allowed to add documents by sending them to the bot. */
  ADMIN_IDS: z
    .string()
    .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'ADMIN_IDS: Telegram user ids separated by commas, e.g. 12345,67890')
    .transform((v) => v.split(',').map((id) => Number(id.trim())))
    .optional(),
  /** Largest document file accepted (CLI and Telegram), in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().positive().max(2000).default(20),
  /** The places the corpus covers, comma-separated; a question about any other place is answered "not covered". */
  PLACES: z.string().default('慈溪,象山,奉化').transform((v) => v.split(/[,，、\s]+/).filter(Boolean)).pipe(z.array(z.string().min(1)).min(1)),
});

export type Config = ReturnType<typeof createConfig>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Pure: the environment (or any record) in, a validated config out; paths resolved against `root`. */
export function createConfig(input: Record<string, string | undefined>, root: string) {
  const cleaned = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  // the message never echoes a value: BOT_TOKEN and WEBHOOK_SECRET are secrets
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const env = parsed.data;
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) throw new ConfigError(['WEBHOOK_SECRET: required with WEBHOOK_URL, so that only Telegram can post updates']);
  const path = (value: string | undefined, fallback: string) => resolve(root, value ?? fallback);
  return {
    botToken: env.BOT_TOKEN,
    telegramApiRoot: env.TELEGRAM_API_ROOT,
    webhook: env.WEBHOOK_URL ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET!, port: env.PORT } : null,
    paths: {
      model: path(env.MODEL_DIR, 'embeddings/models/BAAI/bge-small-zh-v1.5'),
      index: path(env.INDEX_DIR, 'embeddings/index'),
      seeds: path(env.SEEDS_DIR, 'seeds'),
      prompts: path(env.PROMPTS_DIR, 'prompts'),
      library: path(env.LIBRARY_DIR, 'seeds/library'),
    },
    adminIds: env.ADMIN_IDS ?? [],
    maxUploadBytes: Math.round(env.MAX_UPLOAD_MB * 1024 * 1024),
    logLevel: env.LOG_LEVEL,
    contextTtlMs: env.CONTEXT_TTL_MINUTES * 60_000,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    queryInstruction: env.QUERY_INSTRUCTION,
    tokenizer: env.TOKENIZER,
    webhookMaxBodyBytes: env.WEBHOOK_MAX_BODY_BYTES,
    updateQueueSize: env.UPDATE_QUEUE_SIZE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    places: env.PLACES,
  };
}
