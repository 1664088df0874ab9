import { Composer } from 'grammy';
import { HTML } from '../../answer/index.js';
import { decodeCallback } from '../callback-data.js';
import { conversationKey, type BotContext, type BotDeps } from '../context.js';
import { answerQuestion, sendHtml } from '../reply.js';

/** 全文 / 更多 / 出处 under an answer, and the example questions under /start. */
export function buttonsFeature(deps: BotDeps): Composer<BotContext> {
  const p = deps.prompts;
  const c = new Composer<BotContext>();
  c.on('callback_query:data', async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const stale = () => ctx.answerCallbackQuery({ text: p.staleButton });
    if (!action) return stale();
    if (action.action === 'example') {
      const question = p.exampleQuestions[action.index];
      if (!question) return stale();
      await ctx.answerCallbackQuery();
      return answerQuestion(ctx, deps, question);
    }
    if (action.action === 'more') {
      await ctx.answerCallbackQuery();
      return sendHtml(ctx, deps.dialogue.more(conversationKey(ctx), HTML));
    }
    const html = action.action === 'full' ? deps.dialogue.full(action.clauseId, HTML) : deps.dialogue.source(action.clauseId, HTML);
    if (!html) return stale();
    await ctx.answerCallbackQuery();
    await sendHtml(ctx, html);
  });
  return c;
}
