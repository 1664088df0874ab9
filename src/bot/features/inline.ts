import { Composer, InlineKeyboard } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { HTML, checkQuestion, formatCitation, renderExcerpt, type Answerer } from '../../answer/index.js';
import { encodeCallback } from '../callback-data.js';
import type { BotContext, BotDeps } from '../context.js';

/** Seconds Telegram may cache inline results: the corpus changes rarely, a query's answer never mid-minute. */
const INLINE_CACHE_SECONDS = 60;

/** `@bot 居住证 条件` in any chat: matching excerpts to pick and post with their citation. */
export function inlineFeature(deps: BotDeps & { answerer: Answerer }): Composer<BotContext> {
  const p = deps.prompts;
  const c = new Composer<BotContext>();
  c.on('inline_query', async (ctx) => {
    const check = checkQuestion(ctx.inlineQuery.query, p);
    if (!check.ok) {
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, button: { text: p.inlineHint, start_parameter: 'inline' } });
      return;
    }
    const answer = await deps.answerer.answer({ question: check.question, top: 5 });
    if (answer.status !== 'answered') {
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, button: { text: p.inlineNoResult, start_parameter: 'inline' } });
      return;
    }
    // ids must be unique within one answer (Telegram refuses the whole list otherwise, and two
    // excerpts can come from one clause) and at most 64 bytes: the position, then the clause
    const results: InlineQueryResultArticle[] = answer.excerpts.map((e, i) => ({
      type: 'article',
      id: `${i}-${e.clauseId}`.slice(0, 64),
      title: formatCitation(e.citation).slice(0, 120),
      description: e.quote.slice(0, 160),
      input_message_content: { message_text: renderExcerpt(e, p, HTML), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
      // 全文 and 出处 work on the posted message itself (see buttons.ts, inline messages)
      reply_markup: new InlineKeyboard().text(p.buttonFull, encodeCallback({ action: 'full', clauseId: e.clauseId })).text(p.buttonSource, encodeCallback({ action: 'source', clauseId: e.clauseId })),
    }));
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS });
    ctx.log.info({ results: results.length }, 'inline answered');
  });
  return c;
}
