import { createServer, type Server } from 'node:http';
import { GrammyError, HttpError, webhookCallback, type Bot } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { HTML } from '../answer/index.js';
import { createLogger, type Logger } from '../config/index.js';
import { dialogueFor, type Runtime } from '../app/runtime.js';
import { createBot } from './create-bot.js';
import { loadLibraryPrompts } from '../library/index.js';
import type { BotContext } from './context.js';

const UPDATES = ['message', 'callback_query', 'inline_query'] as const;
const INIT_TIMEOUT_MS = 15_000;

/** The bot cannot start: a refused token, no route to the Bot API. The message says what to do. */
export class BotStartError extends Error {
  override name = 'BotStartError';
}

/** Errors inside a handler: logged with their kind, the user told politely, the bot keeps running. */
export function installErrorBoundary(bot: Bot<BotContext>, logger: Logger, errorText: string): void {
  bot.catch(async (err) => {
    const e = err.error;
    const kind = e instanceof GrammyError ? 'api-refused' : e instanceof HttpError ? 'network' : 'handler';
    logger.error({ kind, update: err.ctx.update.update_id, err: e }, 'update failed');
    if (err.ctx.chat && kind !== 'network') await err.ctx.reply(HTML.escape(errorText)).catch(() => undefined);
  });
}

/** Long polling with the runner: concurrent across chats, ordered within one (see createBot). */
export function startPolling(bot: Bot<BotContext>): RunnerHandle {
  return run(bot, { runner: { fetch: { allowed_updates: [...UPDATES] } } });
}

/**
 * The webhook endpoint: POST on the URL's path, Telegram's secret header checked by grammY
 * (a wrong or missing secret gets 401 and the update is not handled), anything else 404.
 */
export function createWebhookServer(bot: Bot<BotContext>, path: string, secret: string): Server {
  const handle = webhookCallback(bot, 'http', { secretToken: secret });
  return createServer((req, res) => {
    if (req.method === 'POST' && req.url === path) return void handle(req, res);
    res.writeHead(404).end();
  });
}

export async function startBot(rt: Runtime): Promise<void> {
  const { config } = rt;
  const logger = createLogger(config.logLevel, [config.botToken, config.webhook?.secret]);
  const dialogue = dialogueFor(rt);
  const bot = createBot({
    token: config.botToken!,
    apiRoot: config.telegramApiRoot,
    deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute: config.rateLimitPerMinute, answerer: rt.answerer },
    library: { library: rt.library, prompts: loadLibraryPrompts(config.paths.prompts), adminIds: config.adminIds, maxBytes: config.maxUploadBytes },
  });
  installErrorBoundary(bot, logger, rt.prompts.error);
  // checked once, with a time limit, before retries are installed: a wrong token or no route
  // to Telegram should be said at once, not retried in silence
  try {
    await bot.init(AbortSignal.timeout(INIT_TIMEOUT_MS) as unknown as Parameters<typeof bot.init>[0]);
  } catch (e) {
    if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 404)) {
      throw new BotStartError('Telegram refused BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather (/mybots → API Token).');
    }
    throw new BotStartError(`cannot reach the Bot API at ${config.telegramApiRoot ?? 'https://api.telegram.org'} within ${INIT_TIMEOUT_MS / 1000} s; check the network, a proxy, or TELEGRAM_API_ROOT.`);
  }
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  await bot.api
    .setMyCommands(Object.entries(rt.prompts.botCommands).map(([command, description]) => ({ command, description })))
    .catch((e) => logger.warn({ err: e }, 'setMyCommands failed'));

  let stop: () => Promise<void>;
  if (config.webhook) {
    const { url, secret, port } = config.webhook;
    const server = createWebhookServer(bot, new URL(url).pathname, secret);
    await new Promise<void>((resolve) => server.listen(port, resolve));
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...UPDATES] });
    logger.info({ bot: bot.botInfo.username, port }, 'webhook mode: listening');
    stop = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    await bot.api.deleteWebhook();
    const runner = startPolling(bot);
    logger.info({ bot: bot.botInfo.username }, 'long polling started');
    stop = () => runner.stop();
  }
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
