import { beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Bot } from 'grammy';
import { ConversationStore } from '../../src/answer/index.js';
import { telegramHtmlProblem } from '../../src/answer/telegram-html.js';
import { dialogueFor, type Runtime } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, installErrorBoundary, type BotContext } from '../../src/bot/index.js';
import { realRuntime } from '../runtime.js';

/*
 * Issue 12, "everyone" items: the real bot and answer path, updates fed through
 * bot.handleUpdate, every Bot API call recorded. The recorder refuses what Telegram refuses
 * (duplicate or over-long inline result ids, invalid HTML, a message to no chat), so a call
 * that Telegram would reject fails here too.
 */
const botInfo = {
  id: 42, is_bot: true, first_name: '政策问答', username: 'policy_qa_bot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true,
  can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;

type Call = { method: string; payload: Record<string, unknown> };
const BIDI_OR_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

function refusal(method: string, payload: Record<string, unknown>): string | null {
  if (method === 'answerInlineQuery') {
    const ids = (payload.results as { id: string }[]).map((r) => r.id);
    if (new Set(ids).size !== ids.length) return 'Bad Request: RESULT_ID_DUPLICATE';
    if (ids.some((id) => Buffer.byteLength(id) > 64)) return 'Bad Request: RESULT_ID_INVALID';
  }
  if ((method === 'sendMessage' || method === 'editMessageText') && payload.parse_mode === 'HTML') {
    const problem = telegramHtmlProblem(String(payload.text));
    if (problem) return `Bad Request: can't parse entities: ${problem}`;
  }
  if (method === 'sendMessage' && payload.chat_id === undefined) return 'Bad Request: chat not found';
  return null;
}

let rt: Runtime;
const errorLines = () => logLines.filter((l) => JSON.parse(l).level >= 50);
const logLines: string[] = [];

/** A fresh bot (its own rate-limit budget) over the shared real runtime, recording its calls. */
function makeBot(rateLimitPerMinute = 12): { bot: Bot<BotContext>; calls: Call[] } {
  const calls: Call[] = [];
  const logger = createLogger('info', [], new Writable({ write: (c, _e, cb) => (logLines.push(String(c)), cb()) }));
  const dialogue = dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 }));
  const bot = createBot({ token: '1:test', botInfo, deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute, answerer: rt.answerer } });
  installErrorBoundary(bot, logger, rt.prompts.error);
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    const problem = refusal(method, p);
    if (problem) return { ok: false, error_code: 400, description: problem } as never;
    return { ok: true, result: method === 'sendMessage' ? { message_id: calls.length, date: 0, chat: { id: p.chat_id, type: 'supergroup', title: 'g' } } : true } as never;
  });
  return { bot, calls };
}

let updateId = 1;
const group = { id: -1002, type: 'supergroup' as const, title: '小区业主群' };
const member = (n: number) => ({ id: 100 + n, is_bot: false, first_name: `居民${n}` });
function groupMessage(text: string, from = member(0)): Update {
  const entities = [...text.matchAll(/@\w+/g)].map((m) => ({ type: 'mention' as const, offset: m.index!, length: m[0].length }));
  if (text.startsWith('/')) entities.unshift({ type: 'bot_command' as never, offset: 0, length: text.split(/\s/)[0]!.length });
  return { update_id: updateId++, message: { message_id: updateId, date: 0, chat: group, from, text, entities } } as Update;
}

beforeAll(async () => {
  rt = await realRuntime();
});

describe('inline results (issue 12 item 7)', () => {
  it('RESULT_ID_DUPLICATE: two excerpts of one clause get distinct ids of at most 64 bytes', async () => {
    const { bot, calls } = makeBot();
    // "居住证" is the reported case: its excerpts include two from one clause
    const answer = await rt.answerer.answer({ question: '居住证', top: 5 });
    expect(answer.status).toBe('answered');
    await bot.handleUpdate({ update_id: updateId++, inline_query: { id: 'iq1', from: member(1), query: '居住证', offset: '' } } as Update);
    const inline = calls.find((c) => c.method === 'answerInlineQuery')!;
    const results = inline.payload.results as { id: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(1);
    const ids = results.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => Buffer.byteLength(id) <= 64)).toBe(true);
    expect(results[0]!.input_message_content.message_text).toContain('《慈溪市人民政府办公室关于推行新型居住证制度的通知》');
    expect(errorLines()).toEqual([]);
  });
});

describe('groups (issue 12 item 8)', () => {
  it("commands to another bot and chatter cost nothing: after 40 /start@otherbot from 10 members, '@bot 居住证 条件' is answered", async () => {
    const { bot, calls } = makeBot(12);
    for (let i = 0; i < 40; i++) await bot.handleUpdate(groupMessage(i % 2 ? '/start@otherbot' : '/start@otherbot 你好', member(i % 10)));
    for (let i = 0; i < 40; i++) await bot.handleUpdate(groupMessage(`今天第${i}次说居住证的事`, member(i % 10)));
    for (let i = 0; i < 10; i++) await bot.handleUpdate(groupMessage('/weather', member(i)));
    // the bot said nothing unasked: no "消息有点多…", no reply to others' commands
    expect(calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
    const asked = groupMessage('@policy_qa_bot 居住证 条件', member(3));
    await bot.handleUpdate(asked);
    const sent = calls.filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.text)).toContain('慈政办发〔2018〕18号');
    expect(sent[0]!.payload.reply_parameters).toMatchObject({ message_id: asked.message!.message_id });
  });

  it('a flood addressed to the bot is told once, as a reply to the refused message, then dropped quietly', async () => {
    const { bot, calls } = makeBot(2);
    const messages = Array.from({ length: 6 }, () => groupMessage('/help@policy_qa_bot', member(5)));
    for (const m of messages) await bot.handleUpdate(m);
    const sent = calls.filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(3); // two answers, one warning
    expect(String(sent[2]!.payload.text)).toContain('消息有点多');
    expect(sent[2]!.payload.reply_parameters).toMatchObject({ message_id: messages[2]!.message!.message_id });
  });
});

describe('buttons on inline messages (issue 12 item 9)', () => {
  const clauseId = () => rt.index.clauses.find((c) => c.text.includes('居住证') && c.text.length < 600)!.id;
  const callback = (data: string): Update =>
    ({ update_id: updateId++, callback_query: { id: `cb${updateId}`, from: member(2), chat_instance: 'ci', inline_message_id: 'AgAAAInline', data } }) as Update;

  it('a callback with no chat is answered, edits the inline message for 全文, and logs no error', async () => {
    const { bot, calls } = makeBot();
    logLines.length = 0;
    await bot.handleUpdate(callback(`f:${clauseId()}`));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(calls[1]!.payload).toMatchObject({ inline_message_id: 'AgAAAInline', parse_mode: 'HTML', text: expect.stringContaining('条款全文') });
    expect(errorLines()).toEqual([]);
  });

  it('出处, 更多 and an example question only answer the callback (alert), never send to a chat', async () => {
    const { bot, calls } = makeBot();
    logLines.length = 0;
    for (const data of [`s:${clauseId()}`, 'm', 'e:0', 'f:000-0000000000']) await bot.handleUpdate(callback(data));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'answerCallbackQuery', 'answerCallbackQuery', 'answerCallbackQuery']);
    expect(String(calls[0]!.payload.text)).toContain('文号：');
    expect(calls.every((c) => String(c.payload.text ?? '').length <= 200)).toBe(true);
    expect(String(calls[1]!.payload.text)).toBe(rt.prompts.inlineButtonNotice);
    expect(errorLines()).toEqual([]);
  });
});

describe('control and bidi characters (issue 12 item 10)', () => {
  it('U+202E, NUL, zero-width and ESC in a question are not echoed, and the question is still understood', async () => {
    const { bot, calls } = makeBot();
    const text = '\u202e居\u200b住证\u0000有什么用\u2066\u001b[2J\u200f';
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: 1, date: 0, chat: { id: 77, type: 'private', first_name: 'A' }, from: member(7), text } } as Update);
    const [reply] = calls.filter((c) => c.method === 'sendMessage');
    const out = String(reply!.payload.text);
    expect(out).not.toMatch(BIDI_OR_CONTROL);
    expect(out).toContain('关于「居住证有什么用[2J」');
    expect(out).toContain('慈政办发〔2018〕18号');
  });
});
