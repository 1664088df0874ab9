/** One ranked list from one retriever: ids best first, with the retriever's own score. */
export interface RankedList {
  name: string;
  weight: number;
  items: { id: number; score: number }[];
}

export interface FusedItem {
  id: number;
  score: number;
  /** Rank (0-based) in each list it appeared in. */
  ranks: Record<string, number>;
}

/**
 * Weighted reciprocal rank fusion: score = Σ weight / (k + rank). Ranks, not raw scores,
 * because cosine similarities and BM25 scores live on unrelated scales.
 */
export function reciprocalRankFusion(lists: RankedList[], k: number): FusedItem[] {
  const fused = new Map<number, FusedItem>();
  for (const list of lists) {
    list.items.forEach((item, rank) => {
      let f = fused.get(item.id);
      if (!f) fused.set(item.id, (f = { id: item.id, score: 0, ranks: {} }));
      f.score += list.weight / (k + rank + 1);
      f.ranks[list.name] = rank;
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Weighted sum of min-max normalised scores: each list's best item scores its weight, its last
 * 0. Unlike ranks it keeps how far apart the items are: a clause the embedding finds almost as
 * close as the first still counts almost as much (measured against RRF in the README).
 */
export function normalisedScoreFusion(lists: RankedList[]): FusedItem[] {
  const fused = new Map<number, FusedItem>();
  for (const list of lists) {
    const best = list.items[0]?.score ?? 0;
    const last = list.items[list.items.length - 1]?.score ?? 0;
    const span = best - last;
    list.items.forEach((item, rank) => {
      let f = fused.get(item.id);
      if (!f) fused.set(item.id, (f = { id: item.id, score: 0, ranks: {} }));
      // all items level (one keyword match, say): each is the list's best
      f.score += list.weight * (span > 0 ? (item.score - last) / span : 1);
      f.ranks[list.name] = rank;
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}
