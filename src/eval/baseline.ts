import { bm25, buildKeywordIndex, topK, type Embedder, type Tokenizer } from '../index/index.js';
import { reciprocalRankFusion } from '../search/index.js';

/**
 * The recipe issue 10 measures the project against: the corpus cut into plain 500-character
 * chunks (no structure, no headings), jieba BM25 and dense similarity over the chunks, fused by
 * reciprocal rank (k = 60, both lists weighted 1). Nothing in it is tuned, so every corpus can
 * show whether the project's ranking beats it.
 */
export const BASELINE_CHUNK_CHARS = 500;
/** The constant of the RRF paper (Cormack et al. 2009), the one such baselines use. */
const BASELINE_RRF_K = 60;
const BASELINE_CANDIDATES = 50;

export interface BaselineChunk {
  source: string;
  text: string;
}

/** Each source's text in consecutive 500-character pieces, white space kept as it is. */
export function chunksOf(sources: { source: string; text: string }[], size = BASELINE_CHUNK_CHARS): BaselineChunk[] {
  const chunks: BaselineChunk[] = [];
  for (const { source, text } of sources) {
    for (let at = 0; at < text.length; at += size) {
      const piece = text.slice(at, at + size);
      if (piece.trim()) chunks.push({ source, text: piece });
    }
  }
  return chunks;
}

export interface BaselineSearcher {
  chunks: BaselineChunk[];
  /** The chunks best first, at most `top`. */
  search(question: string, top: number): Promise<BaselineChunk[]>;
}

/** `vectors`: the chunks' passage embeddings, in order (the caller may have them cached). */
export function createBaseline(chunks: BaselineChunk[], vectors: Float32Array[], embedder: Embedder, tokenizer: Tokenizer): BaselineSearcher {
  if (vectors.length !== chunks.length) throw new Error(`baseline: ${vectors.length} vectors for ${chunks.length} chunks`);
  const keyword = buildKeywordIndex(chunks.map((c) => tokenizer.tokenize(c.text)));
  return {
    chunks,
    async search(question, top) {
      const q = await embedder.embedQuery(question);
      const dense = vectors
        .map((v, id) => {
          let dot = 0;
          for (let i = 0; i < v.length; i++) dot += v[i]! * q[i]!;
          return { id, score: dot };
        })
        .sort((a, b) => b.score - a.score || a.id - b.id)
        .slice(0, BASELINE_CANDIDATES);
      const words = topK(bm25(keyword, tokenizer.tokenize(question)), BASELINE_CANDIDATES).map((x) => ({ id: x.doc, score: x.score }));
      const fused = reciprocalRankFusion([{ name: 'dense', weight: 1, items: dense }, { name: 'bm25', weight: 1, items: words }], BASELINE_RRF_K);
      return fused.slice(0, top).map((f) => chunks[f.id]!);
    },
  };
}
