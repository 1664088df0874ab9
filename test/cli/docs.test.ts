import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { LIBRARY_FIXTURES, workspace } from '../library/workspace.js';

/* `npm run docs` as staff run it: a separate process over a real index; every refusal in Chinese. */
describe('npm run docs: refusals are Chinese, name the file and change nothing', () => {
  let w: ReturnType<typeof workspace>;
  beforeAll(async () => {
    w = workspace();
    await w.runtime(); // builds the index once; the processes below open it
  }, 240_000);
  const run = (env: Record<string, string | undefined>, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/docs.ts', ...args], { encoding: 'utf8', env: { ...w.env, LOG_LEVEL: 'silent', ...env }, timeout: 240_000 });
  const docs = (...args: string[]) => run({}, args);

  it('prints each error path from prompts/library.zh-CN.json, with no English and no stack', () => {
    writeFileSync(join(w.root, 'empty.txt'), '');
    writeFileSync(join(w.root, 't.csv'), 'a,b\n1,2\n');
    const cases: [string[], string][] = [
      [['add', join(w.root, 'empty.txt')], `错误：${join(w.root, 'empty.txt').split('/').pop()}：文件里没有文字。\n文库未改变。\n`],
      [['add', join(w.root, 't.csv')], '错误：t.csv：不支持这种文件。请发送 .txt .md .html .docx .doc 或 .pdf 文件。\n文库未改变。\n'],
      [['add', join(LIBRARY_FIXTURES, 'scanned.pdf')], '错误：scanned.pdf：这是扫描件：PDF 里只有图片，没有文字层。请先做文字识别（OCR），或向发文单位索取文字版 PDF。\n文库未改变。\n'],
      [['add', join(w.root, 'nope.txt')], `错误：${join(w.root, 'nope.txt')}：找不到这个文件，请检查路径。\n文库未改变。\n`],
      [['add', w.root], `错误：${w.root}：这不是一个文件（是文件夹？），请给出文件路径。\n文库未改变。\n`],
      [['add', join(LIBRARY_FIXTURES, 'fishing-boats.txt'), '--region', '上海'], '错误：“上海”不是已配置的地区。可用的地区：慈溪、象山、奉化（配置项 PLACES）。不写 --region 时按文件内容判断地区。\n文库未改变。\n'],
      [['remove', 'NOPE123'], '错误：文库里没有 NOPE123。用 npm run docs -- list 查看文库中的文件 ID。\n文库未改变。\n'],
      [['undo', 'L1234567'], '错误：无法撤销：L1234567 已不在文库中。\n文库未改变。\n'],
    ];
    for (const [args, stderr] of cases) {
      const run = docs(...args);
      expect([run.status, run.stderr], args.join(' ')).toEqual([1, stderr]);
    }
    expect(docs('list').stdout).toContain('文库为空');
    // a damaged catalog: named, with what to do, no stack
    const damaged = join(w.root, 'damaged');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'catalog.json'), '{"version": 9, "entries": []}');
    const list = run({ LIBRARY_DIR: damaged }, ['list']);
    expect([list.status, list.stderr]).toEqual([1, `错误：文库目录已损坏，无法读取：${join(damaged, 'catalog.json')}。请从备份恢复这个文件，或删除它后重新添加文件。\n文库未改变。\n`]);
  });

  it('add prints the place the text names, and the whole outline', () => {
    const run = docs('add', join(LIBRARY_FIXTURES, 'school-admission.txt'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('  地区：象山（据文件内容）\n');
    expect(run.stdout).toContain('  结构：第一章 总则 / 第二章 入学条件 / 第三章 办理程序\n');
  });
});
