import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/config/index.js';
import { realRuntime } from '../runtime.js';
import { buttons, replies, startEmulatedBot, type EmulatedBot } from './emulator.js';

/*
 * The real bot, long polling over HTTP against a local Bot API emulator, driven the way
 * users drive it. Nothing here stubs the bot: only Telegram is replaced.
 */
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';
const RATE_LIMIT = 6;

let emulated: EmulatedBot;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger('debug', [TOKEN], new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) }));
  emulated = await startEmulatedBot(await realRuntime(), { token: TOKEN, rateLimitPerMinute: RATE_LIMIT, logger });
});

afterAll(() => emulated?.stop());

describe('private chat over HTTP', () => {
  it('/start welcomes with two example questions as buttons', async () => {
    const client = emulated.client(1001);
    await client.sendCommand(client.makeCommand('/start'));
    const [welcome] = await replies(client, 1);
    expect(welcome!.text).toContain('政策问答助手');
    expect(buttons(welcome).map((b) => b.text)).toEqual(['我在慈溪上班两年了能迁户口吗', '居住证有什么用']);
    // one button a row, no empty row left after the last
    expect(welcome!.reply_markup!.inline_keyboard!.map((row) => row.length)).toEqual([1, 1]);
  });

  it('answers a 户口 question with a cited excerpt, a follow-up in context, and the 全文 / 更多 buttons', async () => {
    const client = emulated.client(1002);
    await client.sendMessage(client.makeMessage('爸妈想投靠我把户口迁到慈溪，有年龄要求吗'));
    const [answer] = await replies(client, 1);
    expect(answer!.text).toContain('男60周岁、女55周岁以上');
    expect(answer!.text).toContain('《慈溪市户口迁移政策实施细则》第八条 · 慈政办发〔2018〕85号 · 2018-06-30');
    // 全文/出处 per excerpt (numbered when there are several), 更多 last: see excerpt-buttons.test.ts
    expect(buttons(answer).map((b) => b.text).slice(0, 2)).toEqual(expect.arrayContaining([expect.stringMatching(/^全文1?$/), expect.stringMatching(/^出处1?$/)]));
    expect(buttons(answer).at(-1)!.text).toBe('更多');

    await client.sendMessage(client.makeMessage('我妈才52，不过一直跟我们住在城里，也不行吗'));
    const [followUp] = await replies(client, 1);
    expect(followUp!.text).toContain('可以不受年龄限制');

    const full = buttons(followUp).find((b) => /^全文1?$/.test(b.text))!;
    await client.sendCallback(client.makeCallbackQuery(full.callback_data!));
    const [clause] = await replies(client, 1);
    expect(clause!.text).toContain('条款全文');
    expect(clause!.text).toContain('第八条');
    expect(clause!.text).toContain('(四)父母与子女关系证明。');

    await client.sendCallback(client.makeCallbackQuery('m'));
    const [more] = await replies(client, 1);
    expect(more!.text).toContain('更多相关条款');
    expect(more!.text).toMatch(/《.+》/);
  });

  it('says "not found" for an off-topic question instead of quoting a clause', async () => {
    const client = emulated.client(1003);
    await client.sendMessage(client.makeMessage('红烧肉怎么做才好吃'));
    const [reply] = await replies(client, 1);
    expect(reply!.text).toContain('没有找到');
    expect(reply!.text).not.toMatch(/——|《.+》/); // no clause cited as if it answered
    expect(buttons(reply)).toEqual([]);
  });

  it('escapes an HTML-looking question', async () => {
    const client = emulated.client(1004);
    await client.sendMessage(client.makeMessage('<b>居住证</b> 有什么用'));
    const [reply] = await replies(client, 1);
    expect(reply!.text).toContain('&lt;b&gt;居住证&lt;/b&gt;');
    expect(reply!.text).not.toContain('<b>居住证</b>');
    expect(reply!.text).toContain('《慈溪市人民政府办公室关于推行新型居住证制度的通知》');
  });

  it('answers a stale or forged button politely', async () => {
    const client = emulated.client(1005);
    await client.sendCallback(client.makeCallbackQuery('f:999-0000000000'));
    await client.sendCallback(client.makeCallbackQuery('{"evil":true}'));
    await client.sendMessage(client.makeMessage('居住证 条件'));
    const [reply] = await replies(client, 1);
    // the stale buttons sent nothing into the chat (they answer the callback), the question still works
    expect(reply!.text).toContain('居住证');
  });

  it('refuses a very long message with a clear reply', async () => {
    const client = emulated.client(1006);
    await client.sendMessage(client.makeMessage('户口'.repeat(300)));
    const [reply] = await replies(client, 1);
    expect(reply!.text).toContain('问题太长了（600 字）');
  });

  it('rate-limits a flood once, politely, and keeps answering others', async () => {
    const flooder = emulated.client(2001);
    const other = emulated.client(2002);
    for (let i = 0; i < RATE_LIMIT + 6; i++) await flooder.sendMessage(flooder.makeMessage(`居住证 条件 ${i}`));
    await other.sendMessage(other.makeMessage('老人投靠子女落户要什么材料'));
    const got = await replies(flooder, RATE_LIMIT + 1, 60_000);
    const limited = got.filter((r) => r.text.includes('消息有点多'));
    expect(limited).toHaveLength(1);
    expect(got.filter((r) => r.text.includes('——'))).toHaveLength(RATE_LIMIT);
    const [answer] = await replies(other, 1);
    expect(answer!.text).toContain('投靠');
    // nothing more arrives for the flooder: the rest of the flood was dropped quietly
    expect(await replies(flooder, 1, 1500)).toEqual([]);
  });

  it('never writes the token or message text to the log at info level', () => {
    const all = logLines.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.split(':')[1]);
    const info = logLines.map((l) => JSON.parse(l)).filter((l) => l.level >= 30);
    expect(info.some((l) => l.msg === 'answered')).toBe(true);
    expect(JSON.stringify(info)).not.toContain('爸妈想投靠我');
  });
});
