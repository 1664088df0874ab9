import { describe, expect, it } from 'vitest';
import { createConfig, ConfigError, createLogger } from '../../src/config/index.js';
import { Writable } from 'node:stream';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq';

describe('config', () => {
  it('has working defaults without any variable', () => {
    const c = createConfig({}, '/app');
    expect(c).toMatchObject({ botToken: undefined, webhook: null, tokenizer: 'intl-segmenter', paths: { index: '/app/embeddings/index', model: '/app/embeddings/models/BAAI/bge-small-zh-v1.5' } });
  });

  it('refuses a malformed token without echoing it', () => {
    const bad = 'not-a-token-but-secret-looking-value';
    const e = (() => { try { createConfig({ BOT_TOKEN: bad }, '/app'); } catch (x) { return x; } })() as ConfigError;
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('BOT_TOKEN');
    expect(e.message).not.toContain(bad);
  });

  it('wants a secret with a webhook', () => {
    expect(() => createConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.org/tg' }, '/app')).toThrowError(/WEBHOOK_SECRET/);
    expect(createConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.org/tg', WEBHOOK_SECRET: 'abcdefghijklmnop', PORT: '9000' }, '/app').webhook).toEqual({ url: 'https://bot.example.org/tg', secret: 'abcdefghijklmnop', port: 9000 });
  });
});

describe('logger', () => {
  it('redacts secrets by field and inside any string', () => {
    const lines: string[] = [];
    const log = createLogger('info', [TOKEN], new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    log.info({ botToken: TOKEN, config: { webhook: { secret: 'abcdefghijklmnop' } } }, 'start');
    log.error({ err: new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`) }, 'failed');
    const all = lines.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('abcdefghijklmnop');
    expect(all).toContain('[REDACTED]');
  });
});
