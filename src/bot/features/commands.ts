import { Composer, InlineKeyboard } from 'grammy';
import { HTML, fill } from '../../answer/index.js';
import { encodeCallback } from '../callback-data.js';
import { conversationKey, isGroup, type BotContext, type BotDeps } from '../context.js';
import { answerQuestion, sendHtml } from '../reply.js';

/** The commands this bot answers; in a group, a bare command not in this list is another bot's. */
export const COMMANDS = ['start', 'help', 'docs', 'new', 'ask'];

/** /start, /help, /docs, /new, /ask: the commands users see in the menu. */
export function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const p = deps.prompts;
  const c = new Composer<BotContext>();
  const helpText = (ctx: BotContext) => (isGroup(ctx) ? fill(p.helpGroup, { botName: ctx.me.username }) : p.help);

  c.command('start', async (ctx) => {
    // one example per row, and no empty row after the last (a trailing .row() leaves one)
    const keyboard = InlineKeyboard.from(p.exampleQuestions.slice(0, 2).map((q, index) => [InlineKeyboard.text(q, encodeCallback({ action: 'example', index }))]));
    await ctx.reply(HTML.escape(p.welcome), { parse_mode: 'HTML', reply_markup: keyboard });
  });
  c.command('help', (ctx) => ctx.reply(HTML.escape(helpText(ctx)), { parse_mode: 'HTML' }));
  c.command('docs', (ctx) => sendHtml(ctx, deps.dialogue.documents(HTML)));
  c.command('new', (ctx) => ctx.reply(HTML.escape(deps.dialogue.reset(conversationKey(ctx))), { parse_mode: 'HTML' }));
  c.command('ask', (ctx) => answerQuestion(ctx, deps, ctx.match));
  return c;
}
