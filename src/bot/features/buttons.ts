import { Composer, GrammyError, InlineKeyboard } from 'grammy';
import { HTML, PLAIN } from '../../answer/index.js';
import { decodeCallback, encodeCallback, type Callback } from '../callback-data.js';
import { conversationKey, type BotContext, type BotDeps } from '../context.js';
import { answerQuestion, sendHtml } from '../reply.js';
import { TELEGRAM_MAX_TEXT } from '../split.js';

/** Telegram's limit on the text of a callback answer (a toast or an alert). */
const CALLBACK_TEXT_MAX = 200;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** 全文 / 更多 / 出处 under an answer, and the example questions under /start. */
export function buttonsFeature(deps: BotDeps): Composer<BotContext> {
  const p = deps.prompts;
  const c = new Composer<BotContext>();
  c.on('callback_query:data', async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const stale = () => ctx.answerCallbackQuery({ text: p.staleButton });
    if (!action) return stale();
    // a message posted through inline mode: no chat to send to, only the message to edit
    if (!ctx.callbackQuery.message) return inlineMessageButton(ctx, deps, action);
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

/**
 * Buttons under an inline-mode message (the callback has `inline_message_id`, no chat). 全文
 * replaces the excerpt by the whole clause in place, when it fits one message; 出处 shows the
 * source as an alert, since the message's own text cannot be read back to append to; 更多 and
 * the examples need a conversation, so the user is told where to ask. Every path answers the
 * callback, so the button never keeps spinning.
 */
async function inlineMessageButton(ctx: BotContext, deps: BotDeps, action: Callback): Promise<void> {
  const p = deps.prompts;
  const notice = () => ctx.answerCallbackQuery({ text: p.inlineButtonNotice, show_alert: true });
  if (action.action === 'source') {
    const source = deps.dialogue.source(action.clauseId, PLAIN);
    await ctx.answerCallbackQuery(source ? { text: clip(source, CALLBACK_TEXT_MAX), show_alert: true } : { text: p.staleButton });
    return;
  }
  if (action.action !== 'full') return void (await notice());
  const html = deps.dialogue.full(action.clauseId, HTML);
  if (!html) return void (await ctx.answerCallbackQuery({ text: p.staleButton }));
  if (html.length > TELEGRAM_MAX_TEXT) return void (await notice());
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard().text(p.buttonSource, encodeCallback({ action: 'source', clauseId: action.clauseId }));
  await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: keyboard }).catch((e) => {
    // a second tap before the edit shows: the message already is the full clause
    if (!(e instanceof GrammyError && /message is not modified/.test(e.description))) throw e;
  });
}
