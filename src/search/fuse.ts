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
