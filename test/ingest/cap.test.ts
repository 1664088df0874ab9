import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SIZING, ingestCorpus, ingestText, readSeedMeta, type Clause } from '../../src/ingest/index.js';
import { SEEDS, squash } from '../helpers.js';

/*
 * A real long text: the 奉化 work list with every digit but a number's first shifted by one, as
 * `npm run bench -- --scale` writes its copies. Row numbers then run 1…9, 11, 12…, the table
 * reader loses the rows, and without a cap one "row" held some 24,000 characters.
 */
const SOURCE = '004_a73e2ed004e6b4bb.txt';
const shifted = readFileSync(join(SEEDS, SOURCE), 'utf8').replace(/(?<=\d)\d/g, (d) => String((Number(d) + 1) % 10));
const meta = readSeedMeta(SEEDS, SOURCE);

describe('clause size cap', () => {
  const capped = ingestText(SOURCE, shifted, meta);
  const uncapped = ingestText(SOURCE, shifted, meta, { ...DEFAULT_SIZING, cap: Number.POSITIVE_INFINITY });
  const oversized = uncapped.clauses.filter((c) => c.text.length > DEFAULT_SIZING.cap);

  it('leaves no clause over the cap where the table was not recognised', () => {
    expect(oversized.length).toBeGreaterThan(0); // the broken table does produce them uncapped
    expect(Math.max(...capped.clauses.map((c) => c.text.length))).toBeLessThanOrEqual(DEFAULT_SIZING.cap);
    expect(capped.warnings.some((w) => /cut into parts/.test(w))).toBe(true);
  });

  it('cuts each oversized clause into parts that keep its citation, say which part they are, and lose no text', () => {
    const key = (c: Clause) => JSON.stringify([c.docId, c.kind, c.headingPath, c.articleNo]);
    for (const big of oversized) {
      const parts = capped.clauses.filter((c) => c.part && key(c) === key(big) && c.spans[0]![0] >= big.spans[0]![0] && c.spans[c.spans.length - 1]![1] <= big.spans[big.spans.length - 1]![1]);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.map((p) => p.part)).toEqual(parts.map((_, k) => ({ index: k + 1, count: parts.length })));
      expect(squash(parts.map((p) => p.text).join(''))).toBe(squash(big.text));
      // together the parts point back at exactly the source characters the whole clause did
      const covered = (cs: Clause[]) => cs.flatMap((c) => c.spans.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i)));
      expect(covered(parts)).toEqual(covered([big]));
    }
  });

  it('never cuts what the seeds read right', () => {
    expect(ingestCorpus(SEEDS).clauses.filter((c) => c.part)).toEqual([]);
  });
});
