import { InlineKeyboard } from 'grammy';
import { HTML, checkQuestion, type Answer, type Prompts } from '../answer/index.js';
import { encodeCallback } from './callback-data.js';
import { conversationKey, isGroup, type BotContext, type BotDeps } from './context.js';
import { splitMessage } from './split.js';

/** Telegram allows 100 buttons under a message; rows beyond this would only bury 更多. */
const MAX_EXCERPT_ROWS = 10;

/**
 * 全文 / 出处 for every numbered excerpt (one row each, labelled with the excerpt's number
 * when there are several), then 更多. Each payload carries one clause id, well within 64 bytes.
 */
export function answerKeyboard(answer: Answer, p: Prompts): InlineKeyboard | undefined {
  if (answer.status !== 'answered' || !answer.excerpts.length) return undefined;
  const keyboard = new InlineKeyboard();
  const numbered = answer.excerpts.length > 1;
  answer.excerpts.slice(0, MAX_EXCERPT_ROWS).forEach(({ clauseId }, i) => {
    const n = numbered ? String(i + 1) : '';
    keyboard
      .text(`${p.buttonFull}${n}`, encodeCallback({ action: 'full', clauseId }))
      .text(`${p.buttonSource}${n}`, encodeCallback({ action: 'source', clauseId }))
      .row();
  });
  return keyboard.text(p.buttonMore, encodeCallback({ action: 'more' }));
}

/** Send HTML, split to Telegram's limit, the keyboard under the last part; in groups as a reply. */
export async function sendHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboard): Promise<void> {
  const parts = splitMessage(html);
  const replyTo = isGroup(ctx) && ctx.msg?.message_id ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
  for (const [i, part] of parts.entries()) {
    await ctx.reply(part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...replyTo, ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}) });
  }
}

/** The answer path: check the input, show "typing…", answer in context, reply with buttons. */
export async function answerQuestion(ctx: BotContext, deps: BotDeps, text: string | undefined): Promise<void> {
  const p = deps.prompts;
  const check = checkQuestion(text, p);
  if (!check.ok) {
    await ctx.reply(HTML.escape(check.reply), { parse_mode: 'HTML' });
    return;
  }
  // best effort: the answer matters, the indicator does not
  ctx.replyWithChatAction('typing').catch(() => undefined);
  const started = performance.now();
  const { answer, reply } = await deps.dialogue.ask(conversationKey(ctx), check.question, HTML);
  // never the question's text at info level: it may be personal, and in groups it is others' talk
  ctx.log.info({ status: answer.status, reason: answer.status === 'not-found' ? answer.reason : undefined, excerpts: answer.status === 'answered' ? answer.excerpts.length : 0, ms: Math.round(performance.now() - started) }, 'answered');
  ctx.log.debug({ question: check.question }, 'question');
  await sendHtml(ctx, reply, answerKeyboard(answer, p));
}
