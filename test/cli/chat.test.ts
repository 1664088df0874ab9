import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../../src/answer/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { runTerminalChat } from '../../src/cli/chat.js';
import { realRuntime } from '../runtime.js';

/** The terminal chat over the real runtime, fed lines as a person types them; its whole output. */
async function chat(rt: Runtime, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const done = runTerminalChat(rt, { input, output });
  input.end(lines.join('\n') + '\n');
  await done;
  return out;
}

let rt: Runtime;
beforeAll(async () => {
  rt = await realRuntime();
});

describe('terminal chat: /full N and /source N', () => {
  it('a non-number after /full or /source says what to type, not "no excerpt abc"', async () => {
    const out = await chat(rt, ['居住证有什么用', '/full abc', '/source 第一条', '/quit']);
    expect(out).toContain(fill(rt.prompts.chatNeedNumber, { command: '/full' }));
    expect(out).toContain(fill(rt.prompts.chatNeedNumber, { command: '/source' }));
    expect(out).not.toContain(fill(rt.prompts.chatNoExcerpt, { n: 'abc' }));
  });

  it('/more numbers on from the reply, and /full N reaches those results', async () => {
    const out = await chat(rt, ['居住证有什么用', '/more', '/more', '/full 5', '/quit']);
    const [, afterAnswer] = out.split(rt.prompts.chatAnswerHint);
    const answerPart = out.slice(0, out.indexOf(rt.prompts.chatAnswerHint));
    const shown = [...answerPart.matchAll(/^(\d+)\. 「/gm)].map((m) => Number(m[1]));
    expect(shown.length).toBeGreaterThan(0);
    const mores = afterAnswer!.split(rt.prompts.moreHeader).slice(1);
    expect(mores).toHaveLength(2);
    const numbers = mores.map((part) => [...part.split(rt.prompts.fullClauseHeader)[0]!.matchAll(/^(\d+)\. 「/gm)].map((m) => Number(m[1])));
    // one run of numbers across the answer and both "更多"
    const all = [...shown, ...numbers.flat()];
    expect(all).toEqual(all.map((_, i) => i + 1));
    expect(all.length).toBeGreaterThanOrEqual(5);
    // /full 5 shows the clause whose opening was numbered 5
    const fifth = /^5\. 「([^\n]{1,30})/m.exec(afterAnswer!)![1]!.replace(/…$/, '');
    const full = afterAnswer!.split(rt.prompts.fullClauseHeader)[1]!;
    expect(full).toContain(`「${fifth}`);
    expect(out).not.toContain(fill(rt.prompts.chatNoExcerpt, { n: '5' }));
  });
});
