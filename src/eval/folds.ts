/** Cross-validation helpers: pure, seeded, so that every run splits the dev set the same way. */

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fold number (0…k−1) of each item: within each stratum the items are shuffled with the seed
 * and dealt round-robin, so that every fold holds each stratum in proportion.
 */
export function stratifiedFolds<T>(items: T[], stratum: (x: T) => string, k: number, seed = 20260101): number[] {
  const rnd = seededRandom(seed);
  const fold = new Array<number>(items.length).fill(0);
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    const key = stratum(x);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  let next = 0;
  for (const key of [...groups.keys()].sort()) {
    const idx = groups.get(key)!;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    // continue the deal where the last stratum stopped, so that small strata do not all land in fold 0
    for (const i of idx) fold[i] = next++ % k;
  }
  return fold;
}

export interface Spread {
  mean: number;
  sd: number;
  n: number;
}

export function spreadOf(values: (number | null)[]): Spread {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (!v.length) return { mean: NaN, sd: NaN, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd, n: v.length };
}

export function formatSpread(s: Spread, digits = 1): string {
  return Number.isNaN(s.mean) ? '—' : `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
}
