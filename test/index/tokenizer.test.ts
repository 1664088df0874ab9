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

describe('Intl.Segmenter over a long text (a 50,000-character clause exhausted a 4 GB heap)', () => {
  it('tokenizes a long run with no sentence end within a small heap', () => {
    const code = `import { createTokenizer } from './src/index/tokenizer.ts';
      const text = '居住证持有人可以享受公共服务和便利'.repeat(3000);
      console.log(createTokenizer('intl-segmenter').tokenize(text).length);`;
    const run = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.status, run.stderr.slice(0, 300)).toBe(0);
    expect(Number(run.stdout.trim())).toBeGreaterThan(15_000);
  });

  it('gives an ordinary paragraph the same terms as segmenting it whole', async () => {
    const { createTokenizer } = await import('../../src/index/tokenizer.js');
    const text = '第十三条 申请人需提供以下证明材料：本人户口簿、居民身份证；合法稳定住所证明。经审核符合条件的，准予迁入！';
    const whole = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text.normalize('NFKC').toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
    const terms = createTokenizer('intl-segmenter').tokenize(text);
    expect(terms.length).toBeGreaterThan(10);
    expect(whole.filter((t) => terms.includes(t))).toEqual(terms.filter((t) => whole.includes(t)));
    expect(terms.every((t) => whole.includes(t))).toBe(true);
  });
});
