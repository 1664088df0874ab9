import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Update, UserFromGetMe } from 'grammy/types';
import { Writable } from 'node:stream';
import { ConversationStore } from '../../src/answer/index.js';
import { dialogueFor } from '../../src/app/runtime.js';
import { createLogger } from '../../src/config/index.js';
import { createBot, createWebhookServer, Dispatcher } from '../../src/bot/index.js';
import type { Bot } from 'grammy';
import type { BotContext } from '../../src/bot/index.js';
import { realRuntime } from '../runtime.js';

/*
 * Groups and inline mode, which the emulator does not serve: updates go in through
 * bot.handleUpdate, and every API call the bot makes is recorded instead of sent.
 */
const botInfo: UserFromGetMe = {
  id: 42, is_bot: true, first_name: '政策问答', username: 'policy_qa_bot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true,
  can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;
const calls: { method: string; payload: Record<string, unknown> }[] = [];
const logLines: string[] = [];
let bot: Bot<BotContext>;
let updateId = 1;

beforeAll(async () => {
  const rt = await realRuntime();
  const logger = createLogger('info', [], new Writable({ write: (c, _e, cb) => (logLines.push(String(c)), cb()) }));
  const dialogue = dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 }));
  bot = createBot({ token: '1:test', botInfo, deps: { dialogue, prompts: rt.prompts, logger, rateLimitPerMinute: 30, answerer: rt.answerer } });
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return { ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: -100, type: 'supergroup', title: 'g' } } : true } as never;
  });
});

const group = { id: -1001, type: 'supergroup' as const, title: '社区群' };
const alice = { id: 7, is_bot: false, first_name: 'Alice' };

function groupMessage(text: string, extra: Record<string, unknown> = {}): Update {
  const entities = [...text.matchAll(/@\w+/g)].map((m) => ({ type: 'mention' as const, offset: m.index!, length: m[0].length }));
  if (text.startsWith('/')) entities.unshift({ type: 'bot_command' as never, offset: 0, length: text.split(/\s/)[0]!.length });
  return { update_id: updateId++, message: { message_id: updateId, date: 0, chat: group, from: alice, text, entities, ...extra } } as Update;
}
async function send(update: Update) {
  calls.length = 0;
  await bot.handleUpdate(update);
  return calls.filter((c) => c.method === 'sendMessage');
}

describe('in a group', () => {
  it('stays silent when not addressed', async () => {
    expect(await send(groupMessage('今天开会吗？居住证的事下午再说'))).toEqual([]);
  });

  it('answers when mentioned, as a reply to the asker', async () => {
    const sent = await send(groupMessage('@policy_qa_bot 居住证持有人享有哪些公共服务'));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.text)).toContain('居住证');
    expect(String(sent[0]!.payload.text)).toContain('慈政办发〔2018〕18号');
    expect(sent[0]!.payload.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
  });

  it('answers a reply to one of its messages, and /ask', async () => {
    const reply = groupMessage('那要什么材料？', { reply_to_message: { message_id: 5, date: 0, chat: group, from: { id: 42, is_bot: true, first_name: '政策问答' }, text: '…' } });
    expect(await send(reply)).toHaveLength(1);
    const ask = await send(groupMessage('/ask 老人投靠子女落户条件'));
    expect(String(ask[0]!.payload.text)).toContain('第八条');
  });

  it('explains in /help how to use it in a group', async () => {
    const [help] = await send(groupMessage('/help'));
    expect(String(help!.payload.text)).toContain('@policy_qa_bot');
    expect(String(help!.payload.text)).toContain('/ask');
  });

  it('ignores commands meant for other bots, and never logs group text at info level', async () => {
    expect(await send(groupMessage('/start@other_bot'))).toEqual([]);
    expect(logLines.join('')).not.toContain('居住证持有人享有');
  });
});

describe('inline mode', () => {
  const inline = (query: string): Update => ({ update_id: updateId++, inline_query: { id: `q${updateId}`, from: alice, query, offset: '' } }) as Update;

  it('lists cited excerpts for a query', async () => {
    calls.length = 0;
    await bot.handleUpdate(inline('居住证 条件'));
    const answer = calls.find((c) => c.method === 'answerInlineQuery')!;
    const results = answer.payload.results as { title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.title).toMatch(/^《.+》/);
    expect(results[0]!.input_message_content.parse_mode).toBe('HTML');
    expect(results[0]!.input_message_content.message_text).toMatch(/「[\s\S]+」\n—— 《/);
    expect(answer.payload.cache_time).toBeGreaterThan(0);
  });

  it('shows a hint for an empty query and nothing for an off-topic one', async () => {
    calls.length = 0;
    await bot.handleUpdate(inline(''));
    await bot.handleUpdate(inline('红烧肉怎么做'));
    const [empty, offTopic] = calls.filter((c) => c.method === 'answerInlineQuery');
    expect(empty!.payload.results).toEqual([]);
    expect((empty!.payload.button as { text: string }).text).toContain('居住证');
    expect(offTopic!.payload.results).toEqual([]);
  });
});

describe('private chat, by hand', () => {
  it('answers a photo with a clear "text only" reply', async () => {
    const photo = { update_id: updateId++, message: { message_id: 9, date: 0, chat: { id: 55, type: 'private', first_name: 'A' }, from: alice, photo: [{ file_id: 'x', file_unique_id: 'y', width: 1, height: 1 }] } } as Update;
    const [reply] = await send(photo);
    expect(String(reply!.payload.text)).toContain('只能读文字');
  });
});

describe('webhook mode', () => {
  it('handles a POST carrying the secret, refuses one without it', async () => {
    const server = createWebhookServer({ path: '/tg/hook', secret: 'abcdefghijklmnop1234', dispatcher: new Dispatcher(bot, { logger: createLogger('silent') }) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const update = { update_id: updateId++, message: { message_id: 10, date: 0, chat: { id: 56, type: 'private', first_name: 'A' }, from: alice, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
    const post = (headers: Record<string, string>, path = '/tg/hook') =>
      fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
    calls.length = 0;
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-0000000' })).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'abcdefghijklmnop1234' }, '/other')).status).toBe(404);
    expect(calls).toEqual([]);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'abcdefghijklmnop1234' })).status).toBe(200);
    // acknowledged first, answered after
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('/docs'))).toBe(true));
    await new Promise((r) => server.close(r));
  });
});
