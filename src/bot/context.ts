import type { Context } from 'grammy';
import type { Logger } from '../config/index.js';
import type { Dialogue, Prompts } from '../answer/index.js';

/** grammY's context plus a logger bound to the update. */
export type BotContext = Context & { log: Logger };

export interface BotDeps {
  dialogue: Dialogue;
  prompts: Prompts;
  logger: Logger;
  rateLimitPerMinute: number;
}

/**
 * Whose conversation a message continues: the chat in private; in a group, the person in
 * that chat, so that two members' follow-ups do not mix.
 */
export function conversationKey(ctx: Context): string {
  const chat = ctx.chat?.id ?? ctx.from?.id ?? 0;
  return ctx.chat?.type === 'private' || !ctx.from ? `${chat}` : `${chat}:${ctx.from.id}`;
}

export const isGroup = (ctx: Context) => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
