import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransformersEmbedder } from '../../src/index/index.js';
import { readCatalog } from '../../src/library/index.js';
import { citedFor, LIBRARY_FIXTURES, workspace } from './workspace.js';

/*
 * One .docx (LibreOffice, from the text of seeds/001) holding one notice that issues two plans:
 * the library must hold two documents, as the seeds' reading gives them, in one file entry.
 */
const FILE = join(LIBRARY_FIXTURES, 'women-children-plans.docx');
const WOMEN = '慈溪市妇女发展规划(2016—2020年)';
const CHILDREN = '慈溪市儿童发展规划(2016—2020年)';

describe('a file that issues two documents under one notice', () => {
  const w = workspace();
  const docs = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/docs.ts', ...args], { encoding: 'utf8', env: w.env, timeout: 240_000 });

  it('`docs add` prints both, `docs list` lists both under one id, `remove` takes the file', async () => {
    const add = docs('add', FILE);
    expect(add.status, add.stderr).toBe(0);
    const id = /→ (L[0-9a-f]{7})/.exec(add.stdout)![1]!;
    expect(add.stdout).toContain('文件含 2 份文件（移除、撤销时一并处理）');
    expect(add.stdout).toContain(`1. 标题：《${WOMEN}》`);
    expect(add.stdout).toContain(`2. 标题：《${CHILDREN}》`);
    expect(add.stdout.match(/文号：慈政发〔2017〕38号/g)).toHaveLength(2);
    expect(add.stdout.match(/日期：2017-06-25/g)).toHaveLength(2);

    // the same two documents, titles, 文号 and dates, as the seeds' own reading of this notice
    const [entry] = readCatalog(w.env.LIBRARY_DIR);
    expect(entry!.documents!.map((d) => [d.title, d.docNumber, d.date])).toEqual([[WOMEN, '慈政发〔2017〕38号', '2017-06-25'], [CHILDREN, '慈政发〔2017〕38号', '2017-06-25']]);
    expect(entry!.documents!.every((d) => d.clauses > 10)).toBe(true);
    expect(entry!.clauses).toBe(entry!.documents!.reduce((n, d) => n + d.clauses, 0));

    const list = docs('list');
    expect(list.status, list.stderr).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(id)).map((l) => l.split('  ').slice(1, 4))).toEqual([[`《${WOMEN}》`, '慈政发〔2017〕38号', '2017-06-25'], [`《${CHILDREN}》`, '慈政发〔2017〕38号', '2017-06-25']]);
    expect(lines.at(-1)).toContain('remove / undo 以文件为单位');

    // each plan answers under its own title
    const embedder = await createTransformersEmbedder({ modelDir: join(process.cwd(), 'embeddings/models/BAAI/bge-small-zh-v1.5') });
    const rt = await w.runtime({ embedder });
    expect(rt.index.documents.get(`${id}#01`)?.title).toBe(WOMEN);
    expect(rt.index.documents.get(`${id}#02`)?.title).toBe(CHILDREN);
    expect((await citedFor(rt, '慈溪婴儿死亡率要控制在多少以下'))[0]).toMatch(new RegExp(`^《${CHILDREN.replace(/[()]/g, '\\$&')}》`));
    expect((await citedFor(rt, '慈溪孕产妇住院分娩率目标是多少'))[0]).toMatch(new RegExp(`^《${WOMEN.replace(/[()]/g, '\\$&')}》`));

    const remove = docs('remove', id);
    expect(remove.status, remove.stderr).toBe(0);
    expect(remove.stdout).toContain(`已移除：${id} 《${WOMEN}》、《${CHILDREN}》`);
    expect(readCatalog(w.env.LIBRARY_DIR)).toEqual([]);
    expect(rt.refresh()).toBe(true);
    expect([...rt.index.documents.keys()].some((d) => d.startsWith(id))).toBe(false);
    expect(JSON.parse(readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8')).sources[`library/${id}`]).toBeUndefined();
  });
});
