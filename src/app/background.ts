import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseFrequencyList, type Background } from '../answer/abstain-domain.js';

const require = createRequire(import.meta.url);
let cached: Background | null = null;

/**
 * General Chinese word frequencies: the dictionary shipped with @node-rs/jieba (already a
 * dependency), read once per process (~0.3 s, a few MB kept) and shared by every snapshot.
 */
export function generalChinese(): Background {
  cached ??= parseFrequencyList(readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8'));
  return cached;
}
