import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { libraryFile, workspace } from '../library/workspace.js';
import { replies, startEmulatedBot, type EmulatedBot } from './emulator.js';

/*
 * Every numbered excerpt of an answer can be opened in Telegram (全文N / 出处N), also an
 * excerpt from a document staff added to the library. The real bot, polling over HTTP
 * against the Bot API emulator.
 */
let emulated: EmulatedBot;
let rt: Runtime;

beforeAll(async () => {
  rt = await workspace().runtime();
  await rt.library.add(['medical-aid.pdf', 'public-rental.doc', 'fishing-boats.txt'].map(libraryFile));
  emulated = await startEmulatedBot(rt);
}, 240_000);

afterAll(() => emulated?.stop());

describe('buttons under an answer', () => {
  it('has 全文N 出处N for each numbered excerpt, then 更多; each opens its own clause', async () => {
    const question = '特困供养人员医疗救助';
    const expected = await rt.answerer.answer({ question });
    expect(expected.status).toBe('answered');
    const excerpts = expected.status === 'answered' ? expected.excerpts : [];
    expect(excerpts.length).toBeGreaterThanOrEqual(2);

    const client = emulated.client(2001);
    await client.sendMessage(client.makeMessage(question));
    const [answer] = await replies(client, 1);
    const rows = answer!.reply_markup!.inline_keyboard!;
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([...excerpts.map((_, i) => [`全文${i + 1}`, `出处${i + 1}`]), ['更多']]);
    expect(rows.slice(0, -1).map((r) => r.map((b) => b.callback_data))).toEqual(excerpts.map((e) => [`f:${e.clauseId}`, `s:${e.clauseId}`]));
    for (const b of rows.flat()) expect(Buffer.byteLength(b.callback_data!), b.text).toBeLessThanOrEqual(64);
    // the library's clauses are among them, and their buttons work like the seeds'
    expect(excerpts.some((e) => e.clauseId.startsWith('L'))).toBe(true);

    const last = excerpts.length - 1;
    for (const [k, button] of [[1, rows[1]![0]!], [last, rows[last]![1]!]] as const) {
      await client.sendCallback(client.makeCallbackQuery(button.callback_data!));
      const [opened] = await replies(client, 1);
      expect(opened!.text, button.text).toContain(button.text.startsWith('全文') ? '条款全文' : '出处');
      expect(opened!.text, button.text).toContain(`《${excerpts[k]!.citation.title}》`);
      if (button.text.startsWith('全文')) expect(opened!.text).toContain(excerpts[k]!.quote.slice(0, 12));
    }
  });

  it('a single excerpt keeps the plain labels', async () => {
    const question = '台风预警发布后渔船多长时间内要进避风港';
    const expected = await rt.answerer.answer({ question });
    expect(expected.status === 'answered' && expected.excerpts.length).toBe(1);
    const client = emulated.client(2002);
    await client.sendMessage(client.makeMessage(question));
    const [answer] = await replies(client, 1);
    expect(answer!.reply_markup!.inline_keyboard!.map((r) => r.map((b) => b.text))).toEqual([['全文', '出处'], ['更多']]);
  });
});
