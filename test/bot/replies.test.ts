import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../../src/answer/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { realRuntime } from '../runtime.js';
import { replies, startEmulatedBot, type EmulatedBot } from './emulator.js';

/* What a new user found in replies, over HTTP against the Bot API emulator with the real bot. */
let emulated: EmulatedBot;
let rt: Runtime;

beforeAll(async () => {
  rt = await realRuntime();
  emulated = await startEmulatedBot(rt, { token: '223456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq' });
});

afterAll(() => emulated?.stop());

describe('bot replies a new user checked', () => {
  it('a greeting gets a greeting with what the bot does; thanks gets 不客气; neither the "not found" block', async () => {
    const client = emulated.client(3001);
    await client.sendMessage(client.makeMessage('你好'));
    const [hello] = await replies(client, 1);
    expect(hello!.text).toBe(fill(rt.prompts.smallTalkGreeting, { places: rt.corpus.places }));
    await client.sendMessage(client.makeMessage('谢谢'));
    const [thanks] = await replies(client, 1);
    expect(thanks!.text).toBe(rt.prompts.smallTalkThanks);
    for (const r of [hello!, thanks!]) expect(r.text).not.toContain('抱歉');
  });

  it('/docs labels a reprinted document’s date as 转载日期, as its citations do', async () => {
    const client = emulated.client(3002);
    await client.sendCommand(client.makeCommand('/docs'));
    const [docs] = await replies(client, 1);
    const reposted = [...rt.index.documents.values()].find((d) => d.dateKind === 'reposted' && d.kind !== 'news')!;
    expect(docs!.text.split('\n').find((l) => l.includes(reposted.title))).toContain(`${reposted.date}（转载日期）`);
  });
});
