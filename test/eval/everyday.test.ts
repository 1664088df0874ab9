import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVERYDAY_OFF_TOPIC, IN_DOMAIN_PARAPHRASES, splitHeldOut } from '../../src/eval/everyday.js';

describe('written abstention questions', () => {
  it('the held-out slice is every fourth question, disjoint from the training slice', () => {
    const { train, held } = splitHeldOut(EVERYDAY_OFF_TOPIC);
    expect(train.length + held.length).toBe(EVERYDAY_OFF_TOPIC.length);
    expect(held.length).toBeGreaterThanOrEqual(30);
    expect(held.filter((q) => train.includes(q))).toEqual([]);
    expect(EVERYDAY_OFF_TOPIC.length).toBeGreaterThanOrEqual(100);
  });

  it('no question repeats, and none is a dev question (they are written, not copied)', () => {
    const all = [...EVERYDAY_OFF_TOPIC, ...IN_DOMAIN_PARAPHRASES];
    expect(new Set(all).size).toBe(all.length);
    const dev = resolve(__dirname, '../../../shared/eval/dev.jsonl');
    let devQuestions: string[] = [];
    try {
      devQuestions = readFileSync(dev, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { question: string }).question);
    } catch {
      return; // the shared eval set lives beside the project; a clean clone without it has nothing to compare
    }
    expect(all.filter((q) => devQuestions.includes(q))).toEqual([]);
    // nor a near paraphrase: character-bigram Jaccard with every dev question at most 0.3
    const grams = (s: string) => new Set([...s].slice(0, -1).map((c, i) => c + [...s][i + 1]));
    const jaccard = (a: Set<string>, b: Set<string>) => {
      const inter = [...a].filter((x) => b.has(x)).length;
      return inter / (a.size + b.size - inter);
    };
    const devGrams = devQuestions.map(grams);
    expect(all.filter((q) => devGrams.some((d) => jaccard(grams(q), d) > 0.3))).toEqual([]);
  });

  it('the test questions of test/answer are not in the training lists (no test passes by being fitted on)', () => {
    const tests = readFileSync(resolve(__dirname, '../answer/outcomes.test.ts'), 'utf8');
    const fitted = [...splitHeldOut(EVERYDAY_OFF_TOPIC).train, ...splitHeldOut(IN_DOMAIN_PARAPHRASES).train];
    expect(fitted.filter((q) => tests.includes(`'${q}'`))).toEqual([]);
  });
});
