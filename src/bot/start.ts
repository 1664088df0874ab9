import type { Server } from 'node:http';
import { GrammyError, type Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { HTML } from '../answer/index.js';
import { createLogger, type Logger } from '../config/index.js';
import { dialogueFor, type Runtime } from '../app/runtime.js';
import { createBot } from './create-bot.js';
import { createAnswerGate } from './cpu-gate.js';
import { loadLibraryPrompts } from '../library/index.js';
import type { BotContext } from './context.js';
import { Dispatcher } from './dispatch.js';
import { errorKind, loggableError } from './log-error.js';
import { createPoller, type Poller, type PollingOptions } from './polling.js';
import { createWebhookServer } from './webhook-server.js';

const UPDATES = ['message', 'callback_query', 'inline_query'] as const;
const INIT_TIMEOUT_MS = 15_000;
/** Any API call but the long poll is given up after this (grammY's own default is 500 s), so a dead connection frees its chat. */
const API_CALL_TIMEOUT_MS = 30_000;

/** The bot cannot start or go on: a refused token, no route to the Bot API, a port in use, another instance. The message says what to do. */
export class BotStartError extends Error {
  override name = 'BotStartError';
}

/** Errors inside a handler: logged with their kind (never the payload or context), the user told politely, the bot keeps running. */
export function installErrorBoundary(bot: Bot<BotContext>, logger: Logger, errorText: string): void {
  bot.catch(async (err) => {
    const e = err.error;
    const kind = errorKind(e);
    // a user who blocked the bot is an ordinary event, and telling them so would be refused too
    if (kind === 'blocked') logger.info({ kind, update: err.ctx.update.update_id, err: loggableError(e) }, 'user has blocked the bot');
    else logger.error({ kind, update: err.ctx.update.update_id, err: loggableError(e) }, 'update failed');
    if (err.ctx.chat && kind !== 'network' && kind !== 'blocked') await err.ctx.reply(HTML.escape(errorText)).catch(() => undefined);
  });
}

/** Bound every API call except the long poll, which the poller bounds by its own timeout. */
export function boundApiCalls(bot: Bot<BotContext>, timeoutMs = API_CALL_TIMEOUT_MS): void {
  bot.api.config.use((prev, method, payload, signal) => {
    if (method === 'getUpdates') return prev(method, payload, signal);
    const limit = AbortSignal.timeout(timeoutMs);
    return prev(method, payload, (signal ? AbortSignal.any([signal as AbortSignal, limit]) : limit) as typeof signal);
  });
}

/**
 * Long polling: updates go through a dispatcher (bounded queue, one chat in order, chats in
 * parallel). Without options, a dispatcher of its own and no logging (tests).
 */
export function startPolling(bot: Bot<BotContext>, o: Partial<PollingOptions> = {}): Poller {
  const logger = o.logger ?? createLogger('silent');
  const dispatcher = o.dispatcher ?? new Dispatcher(bot, { logger });
  const poller = createPoller(bot, { allowedUpdates: UPDATES, onFatal: (m) => logger.fatal(m), ...o, dispatcher, logger });
  poller.start();
  return poller;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => (server.off('error', reject), resolve()));
  }).catch((e: NodeJS.ErrnoException) => {
    throw new BotStartError(
      e.code === 'EADDRINUSE'
        ? `port ${port} is already in use (another instance of this bot, or another server): stop it, or set PORT to a free port.`
        : `cannot listen on port ${port} (${e.code ?? e.message}): set PORT to a port this user may open.`,
    );
  });
}

/**
 * The last line of defence. Node's default handlers print the raw error whatever LOG_LEVEL
 * says, and a raw grammY error holds the token (in node-fetch's URL) and the user's text (in
 * the context or payload). A stray rejection is logged, scrubbed, and the bot goes on; an
 * uncaught exception leaves state unknown, so it is logged and the process exits.
 */
function containProcessErrors(logger: Logger): void {
  process.on('unhandledRejection', (reason) => logger.error({ err: loggableError(reason) }, 'unhandled rejection (contained)'));
  process.on('uncaughtException', (e) => {
    logger.fatal({ err: loggableError(e) }, 'uncaught exception: exiting');
    process.exit(1);
  });
}

/**
 * Runs the bot until SIGTERM/SIGINT (resolves once the accepted updates are answered, or the
 * shutdown timeout passed) or until it cannot go on (rejects with a BotStartError).
 */
export async function startBot(rt: Runtime): Promise<void> {
  const { config } = rt;
  const logger = createLogger(config.logLevel, [config.botToken, config.webhook?.secret]);
  containProcessErrors(logger);
  const gate = createAnswerGate();
  const answerer = gate(rt.answerer);
  const dialogue = dialogueFor(rt, undefined, gate);
  const bot = createBot({
    token: config.botToken!,
    apiRoot: config.telegramApiRoot,
    deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute: config.rateLimitPerMinute, answerer },
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
  // installed first, so innermost: each retry of autoRetry gets its own time limit
  boundApiCalls(bot);
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  await bot.api
    .setMyCommands(Object.entries(rt.prompts.botCommands).map(([command, description]) => ({ command, description })))
    .catch((e) => logger.warn({ err: loggableError(e) }, 'setMyCommands failed'));

  const dispatcher = new Dispatcher(bot, { capacity: config.updateQueueSize, busyText: rt.prompts.busy, logger });
  let stopIntake: () => Promise<void>;
  let afterDrain = async () => undefined as void;
  let onFatal: (message: string) => void = () => undefined;

  if (config.webhook) {
    const { url, secret, port } = config.webhook;
    const server = createWebhookServer({ path: new URL(url).pathname, secret, dispatcher, maxBodyBytes: config.webhookMaxBodyBytes, logger });
    await listen(server, port);
    try {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...UPDATES] });
    } catch (e) {
      server.close();
      throw new BotStartError(e instanceof GrammyError ? `Telegram refused the webhook (${e.description}): check WEBHOOK_URL.` : `cannot reach the Bot API to set the webhook; check the network or TELEGRAM_API_ROOT.`);
    }
    logger.info({ bot: bot.botInfo.username, port }, 'webhook mode: listening');
    stopIntake = async () => {
      server.close();
      server.closeIdleConnections();
    };
    afterDrain = async () => void server.closeAllConnections();
  } else {
    await bot.api.deleteWebhook().catch((e) => logger.warn({ err: loggableError(e) }, 'deleteWebhook failed'));
    const poller = startPolling(bot, { dispatcher, logger, onFatal: (m) => onFatal(m) });
    logger.info({ bot: bot.botInfo.username }, 'long polling started');
    stopIntake = () => poller.stop();
    afterDrain = () => poller.confirm();
  }

  return new Promise<void>((resolve, reject) => {
    let stopping = false;
    const shutdown = async (reason: string, failure?: BotStartError) => {
      if (stopping) return;
      stopping = true;
      try {
        logger.info({ reason, queued: dispatcher.size }, 'stopping: answering the accepted updates first');
        await stopIntake();
        const left = await dispatcher.close(config.shutdownTimeoutMs);
        await afterDrain();
        if (left) logger.warn({ left, timeoutMs: config.shutdownTimeoutMs }, 'shutdown timeout: updates left unanswered');
        else logger.info('stopped');
      } catch (e) {
        logger.error({ err: loggableError(e) }, 'shutdown failed');
      }
      if (failure) reject(failure);
      else resolve();
    };
    onFatal = (message) => void shutdown('fatal', new BotStartError(message));
    // `on`, not `once`: tsx relays a signal again when the child is slow to acknowledge it, and a
    // second SIGTERM without a listener would kill the process mid-drain
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  });
}
