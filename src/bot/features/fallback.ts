import { Composer } from 'grammy';
import { HTML } from '../../answer/index.js';
import { isGroup, type BotContext, type BotDeps } from '../context.js';

/** Last: an unknown command gets the list of real ones (in groups only when addressed to us). */
export function fallbackFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('message:text', async (ctx) => {
    const text = ctx.msg.text;
    if (!text.startsWith('/')) return;
    const [command] = text.split(/\s/);
    if (isGroup(ctx) && !command!.toLowerCase().endsWith(`@${ctx.me.username.toLowerCase()}`)) return;
    await ctx.reply(HTML.escape(deps.prompts.unknownCommand), { parse_mode: 'HTML' });
  });
  return c;
}
