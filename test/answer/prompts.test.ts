import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanInput, loadPrompts, PromptsError } from '../../src/answer/index.js';
import { telegramHtmlProblem } from '../../src/answer/telegram-html.js';

const real = JSON.parse(readFileSync('prompts/zh-CN.json', 'utf8')) as Record<string, unknown>;
function withTemplates(change: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
  writeFileSync(join(dir, 'zh-CN.json'), JSON.stringify({ ...real, ...change }));
  return dir;
}
const problemOf = (dir: string) => { try { loadPrompts(dir); return null; } catch (e) { expect(e).toBeInstanceOf(PromptsError); return (e as Error).message; } };

describe('template validation at start (issue 12 item 12)', () => {
  it('accepts the shipped templates', () => {
    expect(loadPrompts('prompts').excerpt).toContain('{citation}');
  });
  it('an excerpt with a stray "<" fails start-up, naming the template', () => {
    expect(problemOf(withTemplates({ excerpt: '「{quote}」 <—— {citation}' }))).toMatch(/template "excerpt" is not valid Telegram HTML.*unescaped "<"/);
    expect(problemOf(withTemplates({ excerpt: '<i>「{quote}」\n—— {citation}' }))).toMatch(/excerpt.*<i> is never closed/);
    expect(problemOf(withTemplates({ excerpt: '<div>{quote}</div> {citation}' }))).toMatch(/excerpt.*<div> not allowed/);
  });
  it('an excerpt without {citation} (answers would lose their source) fails start-up', () => {
    expect(problemOf(withTemplates({ excerpt: '「{quote}」' }))).toMatch(/template "excerpt" must contain \{citation\}/);
  });
  it('a placeholder the code never fills is refused rather than shown as "{secs}"', () => {
    expect(problemOf(withTemplates({ rateLimited: '请 {secs} 秒后再问' }))).toMatch(/"rateLimited" has \{secs\}/);
  });
});

describe('telegramHtmlProblem', () => {
  it('knows the tags and entities Telegram accepts', () => {
    for (const ok of ['<b>a</b> &amp; <i>b</i>', '<blockquote>「x」</blockquote>', '<a href="https://x.org/?a=1&amp;b=2">x</a>', '<span class="tg-spoiler">s</span>', '&#20303;&lt;&gt;&quot;']) expect(telegramHtmlProblem(ok)).toBeNull();
    for (const bad of ['a < b', 'a & b', '<b><i>x</b></i>', '<b>x', 'x</b>', '<span>x</span>', '&nbsp;']) expect(telegramHtmlProblem(bad)).not.toBeNull();
  });
});

describe('cleanInput (issue 12 item 10)', () => {
  it('drops controls, NUL, bidi overrides/isolates and zero-width characters; keeps Chinese and emoji', () => {
    expect(cleanInput('\u202e居\u200b住证\u0000\t条件\u2066\u2069\u200f\u001b[31m\ufeff\u00ad😀')).toBe('居住证 条件[31m😀');
    expect(cleanInput('a\ud800b')).toBe('a\ufffdb');
  });
});
