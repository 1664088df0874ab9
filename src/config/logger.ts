import pino, { type Logger } from 'pino';

/** Fields that may hold a secret wherever they appear in a log object. */
const REDACT = ['token', 'botToken', 'secret', 'webhookSecret', '*.token', '*.botToken', '*.secret', '*.webhookSecret', 'config.botToken', 'config.webhook.secret', 'headers.authorization', '*.headers["x-telegram-bot-api-secret-token"]'];

/**
 * Structured logs on stderr. Besides path redaction, any string that contains a secret
 * (a token inside an error message or URL) has it replaced before it is written.
 */
export function createLogger(level: string, secrets: (string | undefined)[] = [], destination: pino.DestinationStream = pino.destination(2)): Logger {
  const known = secrets.filter((s): s is string => !!s && s.length >= 8);
  const scrub = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return known.reduce((s, secret) => s.split(secret).join('[REDACTED]'), value);
    if (depth > 4 || value === null || typeof value !== 'object') return value;
    if (value instanceof Error) return { type: value.name, message: scrub(value.message, depth + 1), stack: scrub(value.stack, depth + 1) };
    return Array.isArray(value) ? value.map((v) => scrub(v, depth + 1)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
  };
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[REDACTED]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
export type { Logger };
