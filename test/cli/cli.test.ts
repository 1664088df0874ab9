import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/* The commands as a person (or the shared scorer) runs them: separate processes, real index. */
const tsx = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], { input, encoding: 'utf8', env: { ...process.env, BOT_TOKEN: '' }, timeout: 240_000 });

const ResultLine = z.object({
  id: z.string(),
  abstained: z.boolean(),
  answer: z.string(),
  results: z.array(z.object({ text: z.string(), score: z.number(), source: z.string(), title: z.string(), docNumber: z.string().nullable(), article: z.string().nullable() })),
});

describe('npm run ask', () => {
  it('--json --batch prints one result line per question, in order, best first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batch-')), 'q.jsonl');
    writeFileSync(file, [
      { id: 'a', question: '居住证咋办，要啥条件' },
      { id: 'b', question: '那办下来有啥用？', context: ['居住证咋办，要啥条件'] },
      { id: 'c', question: '红烧肉怎么做才好吃' },
    ].map((x) => JSON.stringify(x)).join('\n'));
    const run = tsx(['src/cli/ask.ts', '--json', '--top', '4', '--batch', file]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => ResultLine.parse(JSON.parse(l)));
    expect(lines.map((l) => [l.id, l.abstained, l.results.length])).toEqual([['a', false, 4], ['b', false, 4], ['c', true, 4]]);
    expect(lines[0]!.results[0]!).toMatchObject({ docNumber: '慈政办发〔2018〕18号', source: '000_be3a04d4208fbd75.txt' });
    // the follow-up is answered from the 居住证 notice the first question was about
    expect(lines[1]!.answer).toContain('《慈溪市人民政府办公室关于推行新型居住证制度的通知》');
    expect(lines[2]!.answer).toContain('没有找到');
  });

  it('answers one question in the terminal, and refuses a bad batch file clearly', () => {
    const one = tsx(['src/cli/ask.ts', '毕业生落户 国外学历 认证书']);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('国(境)外学历学位认证书');
    expect(one.stdout).toContain('《慈溪市户口迁移政策实施细则》第十三条');
    const file = join(mkdtempSync(join(tmpdir(), 'batch-')), 'bad.jsonl');
    writeFileSync(file, '{"id": 1}\n');
    const bad = tsx(['src/cli/ask.ts', '--json', '--batch', file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.jsonl:1: id/);
  });

  it('answers wrong options with what was wrong and the usage, no stack trace', () => {
    for (const args of [['--bogus'], ['--top', 'abc', '居住证'], []]) {
      const run = tsx(['src/cli/ask.ts', ...args]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^错误：.+\n用法：npm run ask/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const help = tsx(['src/cli/ask.ts', '--help']);
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('--batch FILE.jsonl')]);
  });
});

describe('npm start without BOT_TOKEN', () => {
  it('is a terminal chat with /docs, answers, follow-ups, /full and /new', () => {
    const run = tsx(['src/main.ts'], ['/docs', '居住证咋办，要啥条件', '那办下来有啥用？', '/full 1', '/source 1', '/full 9', '/help', '/new', '/nope', '/ask 老人投靠子女落户要什么材料', '/quit'].join('\n') + '\n');
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('收录的文件（共 25 份）');
    // the children's plan is a document of its own; the press reprints come last, marked as news
    expect(out).toMatch(/\d+\. 《慈溪市儿童发展规划\(2016—2020年\)》 慈政发〔2017〕38号/);
    expect(out).toMatch(/23\. 《[^》]+》[^\n]*（新闻报道，非政策原文）\n24\. [^\n]*（新闻报道，非政策原文）\n25\. [^\n]*（新闻报道，非政策原文）/);
    expect(out).toContain('《慈溪市户口迁移政策实施细则》 慈政办发〔2018〕85号 · 2018-06-30');
    expect(out.match(/《慈溪市人民政府办公室关于推行新型居住证制度的通知》/g)!.length).toBeGreaterThanOrEqual(2);
    expect(out).toContain('条款全文');
    expect(out).toContain('文号：慈政办发〔2018〕18号');
    expect(out).toContain('已开始新话题');
    expect(out).toContain('没有第 9 条摘录');
    // the terminal's own command list, and /ask works as the list says
    expect(out).toContain('没有这个命令。可用的命令：/help /docs /new /more /full N /source N /quit');
    expect(out).toContain('第八条');
    expect(out).toContain('/full N 第 N 条摘录的条款全文'); // /help lists the terminal's commands
    expect(out).not.toContain('按钮');
  });
});

describe('build-index', () => {
  it('reports a clear error when the model is missing, and changes nothing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '居住证'], { encoding: 'utf8', env: { ...process.env, MODEL_DIR: '/nowhere/bge' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the embedding model is missing');
    expect(run.stderr).toContain('npm install');
    expect(execFileSync('git', ['status', '--porcelain', 'embeddings'], { encoding: 'utf8' })).toBe('');
  });
});
