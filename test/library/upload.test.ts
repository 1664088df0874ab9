import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Update } from 'grammy/types';
import type { Runtime } from '../../src/app/runtime.js';
import { dialogueFor } from '../../src/app/runtime.js';
import { ConversationStore } from '../../src/answer/index.js';
import { createBot } from '../../src/bot/index.js';
import { createLogger } from '../../src/config/index.js';
import { loadLibraryPrompts } from '../../src/library/index.js';
import { citedFor, libraryFile, workspace } from './workspace.js';

/*
 * The real bot fed updates with handleUpdate; the Bot API (getFile, the file download,
 * sendMessage, answerCallbackQuery) is a small HTTP server on loopback that records calls.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const ADMIN = 4242;
const CITIZEN = 777;
const botInfo = { id: 1, is_bot: true as const, first_name: '政策助手', username: 'policy_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false };

const files = new Map<string, Buffer>();
const calls: { method: string; body: Record<string, any> }[] = [];
let server: Server;
let rt: Runtime;
let bot: ReturnType<typeof createBot>;
const logLines: string[] = [];
let updateId = 1;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const file = new RegExp(`^/file/bot${TOKEN}/(.+)$`).exec(req.url ?? '');
      if (file) {
        const bytes = files.get(decodeURIComponent(file[1]!).replace(/^documents\//, ''));
        if (!bytes) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      }
      const method = req.url!.split('/').pop()!;
      const body = raw ? JSON.parse(raw) : {};
      calls.push({ method, body });
      const result = method === 'getFile' ? { file_id: body.file_id, file_unique_id: body.file_id, file_path: `documents/${body.file_id}` } : method === 'sendMessage' ? { message_id: calls.length, date: 0, chat: { id: body.chat_id, type: 'private' }, text: body.text } : true;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rt = await workspace().runtime();
  const logger = createLogger('debug', [TOKEN], new Writable({ write: (c, _e, cb) => (logLines.push(String(c)), cb()) }));
  bot = createBot({
    token: TOKEN,
    apiRoot,
    botInfo,
    deps: { dialogue: dialogueFor(rt, new ConversationStore({ ttlMs: 60_000 })), prompts: rt.prompts, logger, rateLimitPerMinute: 100, answerer: rt.answerer },
    library: { library: rt.library, prompts: loadLibraryPrompts('prompts'), adminIds: [ADMIN], maxBytes: 1_000_000 },
  });
});
afterAll(() => new Promise<void>((r) => server?.close(() => r())));

function documentUpdate(from: number, name: string, size?: number): Update {
  const bytes = libraryFile(name).bytes;
  files.set(name, bytes);
  return {
    update_id: updateId++,
    message: { message_id: updateId, date: 0, chat: { id: from, type: 'private', first_name: 'x' }, from: { id: from, is_bot: false, first_name: 'x' }, document: { file_id: name, file_unique_id: name, file_name: name, file_size: size ?? bytes.length } },
  } as Update;
}
const sent = () => calls.filter((c) => c.method === 'sendMessage').map((c) => c.body);

describe('staff upload documents to the bot', () => {
  it('an admin’s .docx is added, the reply says what was found, and questions are answered from it', async () => {
    calls.length = 0;
    await bot.handleUpdate(documentUpdate(ADMIN, 'waste-sorting.docx'));
    const [working, report] = sent();
    expect(working!.text).toContain('waste-sorting.docx');
    expect(report!.text).toContain('《象山县农村生活垃圾分类管理办法》');
    expect(report!.text).toContain('象政发〔2022〕20号');
    expect(report!.text).toContain('条款：6');
    expect(report!.reply_markup.inline_keyboard[0][0]).toMatchObject({ text: '撤销', callback_data: expect.stringMatching(/^lib-undo:L[0-9a-f]{7}$/) });
    expect(calls.map((c) => c.method)).toContain('getFile');
    expect((await citedFor(rt, '垃圾分类示范户奖励多少'))[0]).toBe('《象山县农村生活垃圾分类管理办法》第五条');
    expect(logLines.join('')).not.toContain(TOKEN);
  });

  it('the undo button takes it out again', async () => {
    const data = sent().at(-1)!.reply_markup.inline_keyboard[0][0].callback_data;
    calls.length = 0;
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: 'cb1', chat_instance: 'ci', data, from: { id: ADMIN, is_bot: false, first_name: 'x' }, message: { message_id: 5, date: 0, chat: { id: ADMIN, type: 'private', first_name: 'x' } } } } as Update);
    expect(sent()[0]!.text).toContain('已撤销');
    expect(rt.library.list()).toEqual([]);
    expect(await citedFor(rt, '垃圾分类示范户奖励多少')).not.toContain('《象山县农村生活垃圾分类管理办法》第五条');
  });

  it('a scanned PDF gets one clear reason and changes nothing', async () => {
    calls.length = 0;
    await bot.handleUpdate(documentUpdate(ADMIN, 'scanned.pdf'));
    expect(sent().at(-1)!.text).toContain('扫描件');
    expect(rt.library.list()).toEqual([]);
  });

  it('a file over the size limit is refused without being downloaded', async () => {
    calls.length = 0;
    await bot.handleUpdate(documentUpdate(ADMIN, 'ebike.pdf', 5_000_000));
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(sent()[0]!.text).toContain('文件太大');
  });

  it('anyone else’s file gets the polite "I only answer questions" reply, and /docs lists the library', async () => {
    calls.length = 0;
    await bot.handleUpdate(documentUpdate(CITIZEN, 'ebike.pdf'));
    expect(sent().map((m) => m.text)).toEqual([rt.prompts.nonText]);
    expect(calls.map((c) => c.method)).not.toContain('getFile');
    await bot.handleUpdate(documentUpdate(ADMIN, 'medical-aid.pdf'));
    calls.length = 0;
    await bot.handleUpdate({ update_id: updateId++, message: { message_id: 99, date: 0, text: '/docs', entities: [{ type: 'bot_command', offset: 0, length: 5 }], chat: { id: CITIZEN, type: 'private', first_name: 'x' }, from: { id: CITIZEN, is_bot: false, first_name: 'x' } } } as Update);
    expect(sent()[0]!.text).toContain('象山县城乡居民医疗救助实施办法');
  });
});
