import { describe, expect, it } from 'vitest';
import { decodeCallback, encodeCallback, RateLimiter, splitMessage } from '../../src/bot/index.js';
import { addressedText } from '../../src/bot/features/questions.js';

describe('splitMessage', () => {
  it('leaves a short reply whole and splits a long one between paragraphs, then sentences', () => {
    expect(splitMessage('短回复')).toEqual(['短回复']);
    const para = '第一句。'.repeat(300); // 1200 chars
    const parts = splitMessage([para, para, para, para].join('\n\n'), 4096);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('\n\n').replace(/\n/g, '')).toBe(para.repeat(4));
    const huge = splitMessage(`<b>${'居住证条件。'.repeat(1000)}</b>`, 4096);
    expect(huge.every((p) => p.length <= 4096 && p.endsWith('。'))).toBe(true);
    expect(huge.join('')).not.toContain('<b>'); // cut between sentences: tags dropped, never left open
  });
});

describe('callback data', () => {
  it('round-trips and refuses anything else', () => {
    for (const c of [{ action: 'full', clauseId: '000-4eb1c762d6' }, { action: 'source', clauseId: '004-17f638ff08-2' }, { action: 'more' }, { action: 'example', index: 1 }] as const) {
      expect(decodeCallback(encodeCallback(c))).toEqual(c);
    }
    for (const bad of [undefined, '', 'x', 'f:', 'f:../../etc', 'e:99', 's:000-zzz', '{"a":1}']) expect(decodeCallback(bad)).toBeNull();
  });
});

describe('RateLimiter', () => {
  it('allows the limit per window, refuses the rest, warns once', () => {
    let now = 0;
    const rl = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => rl.hit('u').allowed)).toEqual([true, true, true]);
    expect(rl.hit('u')).toMatchObject({ allowed: false, firstRefusal: true });
    expect(rl.hit('u')).toMatchObject({ allowed: false, firstRefusal: false });
    expect(rl.hit('other').allowed).toBe(true);
    now = 60_001;
    expect(rl.hit('u').allowed).toBe(true);
  });
});

describe('addressedText', () => {
  it('takes the mention out, or the whole text of a reply to the bot', () => {
    expect(addressedText('@Policy_QA_bot 居住证 条件', [{ type: 'mention', offset: 0, length: 14 }], 'policy_qa_bot', false)).toBe('居住证 条件');
    expect(addressedText('问下 @someone 居住证', [{ type: 'mention', offset: 3, length: 8 }], 'policy_qa_bot', false)).toBeNull();
    expect(addressedText('那要什么材料', undefined, 'policy_qa_bot', true)).toBe('那要什么材料');
  });
});
