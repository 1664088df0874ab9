import { Composer } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { HTML } from '../../answer/index.js';
import type { BotContext, BotDeps } from '../context.js';
import { answerQuestion } from '../reply.js';

/** The text of a group message addressed to the bot, without the mention; null if not addressed. */
export function addressedText(text: string, entities: MessageEntity[] | undefined, botUsername: string, isReplyToBot: boolean): string | null {
  const mention = `@${botUsername}`.toLowerCase();
  const mentions = (entities ?? []).filter((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention);
  if (!mentions.length && !isReplyToBot) return null;
  let out = text;
  for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
  return out.trim();
}

/** Questions: every text in private; in groups only when mentioned or replied to (privacy mode friendly). */
export function questionsFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const priv = c.chatType('private');
  priv.on('message:text', async (ctx, next) => {
    if (ctx.msg.text.startsWith('/')) return next();
    await answerQuestion(ctx, deps, ctx.msg.text);
  });
  priv.on('message', async (ctx, next) => {
    if (ctx.msg.text !== undefined) return next();
    await ctx.reply(HTML.escape(deps.prompts.nonText), { parse_mode: 'HTML' });
  });

  c.chatType(['group', 'supergroup']).on('message:text', async (ctx, next) => {
    if (ctx.msg.text.startsWith('/')) return next();
    const isReplyToBot = ctx.msg.reply_to_message?.from?.id === ctx.me.id;
    const question = addressedText(ctx.msg.text, ctx.msg.entities, ctx.me.username, isReplyToBot);
    if (question === null) return; // not for the bot: stay silent, log nothing of it
    await answerQuestion(ctx, deps, question);
  });
  return c;
}
