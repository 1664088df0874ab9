import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realRuntime } from '../runtime.js';
import { replies, startEmulatedBot, type EmulatedBot, type EmulatorClient } from './emulator.js';

/* A staff member naming articles, 文号 and documents to the real bot over HTTP (Telegram emulated). */
let emulated: EmulatedBot;

/** The text of the bot's next message to the client; '' when none came. */
const reply = async (client: EmulatorClient) => (await replies(client, 1))[0]?.text ?? '';

beforeAll(async () => {
  emulated = await startEmulatedBot(await realRuntime(), { token: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawr' });
});

afterAll(() => emulated?.stop());

describe('references in a private chat', () => {
  it('quotes the article a 文号 and an Arabic number name, cited with that article', async () => {
    const client = emulated.client(3001);
    await client.sendMessage(client.makeMessage('慈政办发〔2018〕85号第30条'));
    const text = await reply(client);
    expect(text).toMatch(/^关于「慈政办发〔2018〕85号第30条」/);
    expect(text).toContain('—— 《慈溪市户口迁移政策实施细则》第三十条 · 慈政办发〔2018〕85号');
  });

  it('answers who issued a named document from its metadata', async () => {
    const client = emulated.client(3002);
    await client.sendMessage(client.makeMessage('健康慈溪行动纲要是哪个单位发的'));
    const text = await reply(client);
    expect(text).toContain('《健康慈溪2030行动纲要》');
    expect(text).toContain('发文机关：中共慈溪市委慈溪市人民政府');
    expect(text).toContain('文号：慈党〔2018〕5号');
  });

  it('says a named document has no such article', async () => {
    const client = emulated.client(3003);
    await client.sendMessage(client.makeMessage('户口迁移细则第88条'));
    expect(await reply(client)).toContain('《慈溪市户口迁移政策实施细则》没有第八十八条');
  });
});
