export { createBot, type CreateBotOptions } from './create-bot.js';
export { startBot, startPolling, installErrorBoundary, createWebhookServer } from './start.js';
export { splitMessage, TELEGRAM_MAX_TEXT } from './split.js';
export { RateLimiter } from './rate-limit.js';
export { encodeCallback, decodeCallback, type Callback } from './callback-data.js';
export type { BotContext, BotDeps } from './context.js';
