/*
 * How typical a question's words are of the corpus rather than of Chinese in general: the
 * corpus-vs-background log-likelihood ratio of each word. A question about the weather or a
 * fever may share words with a health plan (医院, 孩子, 服务), but its content words (气温,
 * 发烧, 急诊) are far more typical of everyday Chinese than of the corpus; a policy question's
 * words (户口, 迁入, 居住证) are the other way round. The background is a general word-frequency
 * list (jieba's dictionary), not anything written from questions.
 */

/** Word counts of general Chinese, and their total. */
export interface Background {
  count(word: string): number;
  readonly total: number;
}

/**
 * Words rarer than this in the background are kept as this count: the list's long tail is noisy,
 * and a word it lacks is rare, not impossible. Also keeps the table small (~80k of 350k words).
 */
export const BACKGROUND_FLOOR = 20;

/** Parses "word count tag" lines (jieba's dict.txt). Pure. */
export function parseFrequencyList(text: string, floor = BACKGROUND_FLOOR): Background {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const n = Number.parseInt(line.slice(sp + 1), 10);
    if (!Number.isFinite(n) || n <= 0) continue;
    total += n;
    if (n >= floor) counts.set(line.slice(0, sp).toLowerCase(), n);
  }
  return { count: (w) => Math.max(counts.get(w) ?? 0, floor), total };
}

export interface CorpusCounts {
  /** Occurrences of a term in the corpus's clauses (the keyword index's term frequencies). */
  count(term: string): number;
  readonly total: number;
}

/**
 * Dirichlet prior on the corpus side, in tokens: a word the corpus lacks gets the same ratio,
 * log(μ / (N + μ)), whatever its background frequency, so a rare unknown word (a typo, a name)
 * is not taken for a domain word. 2000 is the usual order for collections this size.
 */
const PRIOR = 2000;

/** log P(word | corpus) − log P(word | general Chinese), smoothed. Pure given its inputs. */
export function domainRatio(corpus: CorpusCounts, background: Background): (term: string) => number {
  return (term) => {
    const pb = background.count(term) / background.total;
    const pc = (corpus.count(term) + PRIOR * pb) / (corpus.total + PRIOR);
    return Math.log(pc / pb);
  };
}
