import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tsx = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { encoding: 'utf8', env: { ...process.env, BOT_TOKEN: '', ...env }, timeout: 240_000 });
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('npm run ask input (issue 12 items 10, 11, 12)', () => {
  it('refuses a 40,000-character question (about the most one argument can carry) with the chat\'s limit, one line, exit 1', () => {
    const run = tsx(['居'.repeat(40_000)]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^错误：问题太长了（40000 字），请控制在 500 字以内/);
    noStack(run.stderr);
  });

  it('a missing or directory --batch file is one clear line, no stack', () => {
    for (const [path, why] of [['/nonexistent/q.jsonl', '文件不存在'], [tmpdir(), '目录']]) {
      const run = tsx(['--json', '--batch', path!]);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(why!);
    }
  });

  it('a batch line with a huge question is refused by itself; the others are answered, with bidi characters removed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batch-')), 'q.jsonl');
    writeFileSync(file, [{ id: 'big', question: '居住证'.repeat(40_000) }, { id: 'ok', question: '\u202e居住证\u0000有什么用\u200b' }].map((x) => JSON.stringify(x)).join('\n'));
    const run = tsx(['--json', '--batch', file]);
    expect(run.status).toBe(1);
    const [big, ok] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(big).toMatchObject({ id: 'big', abstained: true, refused: expect.stringContaining('问题太长'), results: [] });
    expect(ok).toMatchObject({ id: 'ok', abstained: false });
    expect(ok.answer).toContain('关于「居住证有什么用」');
    expect(run.stderr).toContain('id big');
  });

  it('start-up fails with one message naming a broken template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    const real = JSON.parse(readFileSync('prompts/zh-CN.json', 'utf8'));
    writeFileSync(join(dir, 'zh-CN.json'), JSON.stringify({ ...real, excerpt: '「{quote}」' }));
    const run = tsx(['居住证'], { PROMPTS_DIR: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^错误：.*template "excerpt" must contain \{citation\}\n$/);
  });
});
