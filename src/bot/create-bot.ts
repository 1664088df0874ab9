import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { sequentialize } from '@grammyjs/runner';
import { HTML, fill, type Answerer } from '../answer/index.js';
import { RateLimiter } from './rate-limit.js';
import { conversationKey, isGroup, type BotContext, type BotDeps } from './context.js';
import { COMMANDS, commandsFeature } from './features/commands.js';
import { buttonsFeature } from './features/buttons.js';
import { inlineFeature } from './features/inline.js';
import { addressedText, questionsFeature } from './features/questions.js';
import { fallbackFeature } from './features/fallback.js';
import { libraryUploadFeature, type LibraryUploadDeps } from './features/library-upload.js';

export interface CreateBotOptions {
  token: string;
  deps: BotDeps & { answerer: Answerer };
  /** A Bot API server other than Telegram's (the test emulator, a local Bot API server). */
  apiRoot?: string;
  /** Skip getMe at start (tests that feed updates by hand). */
  botInfo?: UserFromGetMe;
  /** Staff uploads to the document library; without it, files get the non-text reply. */
  library?: Omit<LibraryUploadDeps, 'fileUrl'>;
}

const MINUTE = 60_000;
/** A group shares the bot among its members: its own budget is this many users' worth. */
const GROUP_SHARE = 3;

/** Does this update cost the bot an answer? Group chatter not addressed to it does not. */
export function isForUs(ctx: Context): boolean {
  if (ctx.callbackQuery || ctx.inlineQuery) return true;
  const text = ctx.msg?.text;
  if (!ctx.msg) return false;
  if (!isGroup(ctx)) return true;
  if (text === undefined) return false;
  // a command counts only when it is ours: "/start@otherbot", or a bare command we do not
  // have, is another bot's business and must not spend this chat's budget
  const command = /^\/(\w+)(?:@(\w+))?/.exec(text);
  if (command) return command[2] ? command[2].toLowerCase() === ctx.me.username.toLowerCase() : COMMANDS.includes(command[1]!.toLowerCase());
  return addressedText(text, ctx.msg.entities, ctx.me.username, ctx.msg.reply_to_message?.from?.id === ctx.me.id) !== null;
}

/** The bot with its features registered in order, the fallback last. Starts nothing. */
export function createBot(o: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(o.token, { client: o.apiRoot ? { apiRoot: o.apiRoot } : undefined, botInfo: o.botInfo });
  const { deps } = o;
  const perUser = new RateLimiter(deps.rateLimitPerMinute, MINUTE);
  const perChat = new RateLimiter(deps.rateLimitPerMinute * GROUP_SHARE, MINUTE);

  // one chat's updates in order (context depends on the previous answer); chats in parallel
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(async (ctx, next) => {
    ctx.log = deps.logger.child({ update: ctx.update.update_id, chatType: ctx.chat?.type, chat: ctx.chat?.id });
    await next();
  });
  bot.use(async (ctx, next) => {
    if (!isForUs(ctx)) return next();
    const user = perUser.hit(`u:${ctx.from?.id ?? conversationKey(ctx)}`);
    const chat = isGroup(ctx) ? perChat.hit(`c:${ctx.chat!.id}`) : { allowed: true, firstRefusal: false, retryAfterMs: 0 };
    if (user.allowed && chat.allowed) return next();
    const refusal = !user.allowed ? user : chat;
    ctx.log.info({ limited: !user.allowed ? 'user' : 'chat' }, 'rate limited');
    const text = fill(deps.prompts.rateLimited, { seconds: Math.ceil(refusal.retryAfterMs / 1000) });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 5 });
    // said once per window; the rest of a flood is dropped quietly. Only updates addressed to
    // us reach here, so in a group this answers someone who asked: as a reply to their message,
    // so the group sees whom it concerns and the bot never seems to speak unasked
    else if (refusal.firstRefusal) {
      const replyTo = isGroup(ctx) && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
      await ctx.reply(HTML.escape(text), { parse_mode: 'HTML', ...replyTo });
    }
  });
  setInterval(() => (perUser.sweep(), perChat.sweep()), MINUTE).unref();

  if (o.library) bot.use(libraryUploadFeature({ ...o.library, fileUrl: (path) => `${o.apiRoot ?? 'https://api.telegram.org'}/file/bot${o.token}/${path}` }));
  bot.use(commandsFeature(deps));
  bot.use(buttonsFeature(deps));
  bot.use(inlineFeature(deps));
  bot.use(questionsFeature(deps));
  bot.use(fallbackFeature(deps));
  return bot;
}
