import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

/* A separate process: whether a native addon is loaded is per process. */
const loadedAddons = (tokenizer: string) => {
  const code = `import { createTokenizer } from './src/index/tokenizer.ts';
    createTokenizer('${tokenizer}').tokenize('居住证的条件');
    console.log(JSON.stringify(process.report.getReport().sharedObjects));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as string[]).filter((s) => /jieba/.test(s));
};

describe('@node-rs/jieba (issue 12 item 14)', () => {
  it('is not loaded by the default tokenizer, only when jieba is configured', () => {
    expect(loadedAddons('intl-segmenter')).toEqual([]);
    expect(loadedAddons('jieba-search')).toHaveLength(1);
  });
});
