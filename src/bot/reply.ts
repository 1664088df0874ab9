import { InlineKeyboard } from 'grammy';
import { HTML, checkQuestion, type Answer, type Prompts } from '../answer/index.js';
import { encodeCallback } from './callback-data.js';
import { conversationKey, isGroup, type BotContext, type BotDeps } from './context.js';
import { splitMessage } from './split.js';

export function answerKeyboard(answer: Answer, p: Prompts): InlineKeyboard | undefined {
  if (answer.status !== 'answered' || !answer.excerpts.length) return undefined;
  const clauseId = answer.excerpts[0]!.clauseId;
  return new InlineKeyboard()
    .text(p.buttonFull, encodeCallback({ action: 'full', clauseId }))
    .text(p.buttonMore, encodeCallback({ action: 'more' }))
    .text(p.buttonSource, encodeCallback({ action: 'source', clauseId }));
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
