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

/** Sums what each list gives each item (`share(list)` returns that list's share by item and rank), best first. */
function fuse(lists: RankedList[], share: (list: RankedList) => (score: number, rank: number) => number): FusedItem[] {
  const fused = new Map<number, FusedItem>();
  for (const list of lists) {
    const of = share(list);
    list.items.forEach((item, rank) => {
      let f = fused.get(item.id);
      if (!f) fused.set(item.id, (f = { id: item.id, score: 0, ranks: {} }));
      f.score += list.weight * of(item.score, rank);
      f.ranks[list.name] = rank;
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Weighted reciprocal rank fusion: score = Σ weight / (k + rank). Ranks, not raw scores,
 * because cosine similarities and BM25 scores live on unrelated scales.
 */
export function reciprocalRankFusion(lists: RankedList[], k: number): FusedItem[] {
  return fuse(lists, () => (_, rank) => 1 / (k + rank + 1));
}

/**
 * Weighted sum of min-max normalised scores: each list's best item scores its weight, its last
 * 0. Unlike ranks it keeps how far apart the items are: a clause the embedding finds almost as
 * close as the first still counts almost as much (measured against RRF in the README).
 */
export function normalisedScoreFusion(lists: RankedList[]): FusedItem[] {
  return fuse(lists, (list) => {
    const best = list.items[0]?.score ?? 0;
    const last = list.items[list.items.length - 1]?.score ?? 0;
    const span = best - last;
    // all items level (one keyword match, say): each is the list's best
    return (score) => (span > 0 ? (score - last) / span : 1);
  });
}
