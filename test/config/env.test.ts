import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, readEnv } from '../../src/config/index.js';

describe('.env (issue 12 item 14)', () => {
  it('is read when present, and the real environment wins, even when set empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, '.env'), 'RATE_LIMIT_PER_MINUTE=7\nLOG_LEVEL=debug\nBOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq\n');
    const config = createConfig(readEnv(dir, { LOG_LEVEL: 'warn', BOT_TOKEN: '' }), dir);
    expect(config).toMatchObject({ rateLimitPerMinute: 7, logLevel: 'warn', botToken: undefined });
  });
  it('without a .env file is the environment unchanged', () => {
    const env = { PORT: '9000' };
    expect(readEnv(mkdtempSync(join(tmpdir(), 'env-')), env)).toBe(env);
  });
});
