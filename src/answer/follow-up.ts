import type { SearchHit } from '../search/index.js';

/*
 * Follow-ups: whether a question leans on the one before it, and the earlier topic carried into
 * its ranking. The cues are general Chinese (anaphora, a connective opening, a trailing 呢),
 * not any document's words; what decides "a new question" is measured closeness, not a list.
 */

/** A pronoun or demonstrative standing for something said before ("有了它…", "这个要多久"). */
const ANAPHORA = /它|他们|她们|这个|那个|这些|那些|这种|那种|上述|刚才|前面说的/;

/** A connective opening or a trailing 呢: the question continues the one before (as in query analysis, without its "short" reading). */
const CONTINUES = /^(那|那么|还有|另外|如果是|要是|假如|换成)|呢[?？]?$/;

/** Leans on its context by its shape: the query analysis's follow-up reading (which counts any short question), or an anaphor anywhere. */
export function leansOnContext(question: string, analysedAsFollowUp: boolean): boolean {
  return analysedAsFollowUp || ANAPHORA.test(question.normalize('NFKC'));
}

/** Says outright that it continues: a connective, a trailing 呢, an anaphor. Shortness alone does not. */
export function continuesExplicitly(question: string): boolean {
  const text = question.normalize('NFKC').trim();
  return CONTINUES.test(text) || ANAPHORA.test(text);
}

/**
 * A question nearer an everyday topic than to any clause on its own is a new question, however
 * short ("明天天气怎么样" after one on the economy): its context must not answer it. Asked only
 * of questions that do not say they continue ("我爸妈呢" is close to nothing on its own).
 */
export function isNewTopic(ownSimilarity: number, anchorSimilarity: number | undefined): boolean {
  return anchorSimilarity !== undefined && ownSimilarity - anchorSimilarity < 0;
}

export interface TopicBoost {
  /** Factor on the clause the earlier question was answered from. */
  same: number;
  /** Factor on the other clauses under the same heading of the same document (the next article of a chapter). */
  sibling: number;
}
/**
 * Off. Built on the bigram round it took follow-up hit@1 73.3 → 78.3 at 1.3/1.1; re-checked on the merged
 * ranking (whole-clause vector, references) it moves follow-up hit@1 not at all (71.7 at 1/1, 1.3/1.1,
 * 1.5/1.2, 2/1.4) and costs hit@5 (93.4 off, 92.9 at 1.3/1.1, 92.5 at 2/1.4), so the folds do not keep it.
 */
export const DEFAULT_TOPIC_BOOST: TopicBoost = { same: 1, sibling: 1 };

const pathOf = (h: Pick<SearchHit, 'clause'>) => `${h.clause.docId}|${h.clause.headingPath.join('/')}`;

/** The hits re-ranked with the earlier topic's clauses lifted; pure, stable for equal scores. */
export function carryTopic(hits: SearchHit[], topic: readonly Pick<SearchHit, 'clause'>[], boost: TopicBoost = DEFAULT_TOPIC_BOOST): SearchHit[] {
  if (!topic.length) return hits;
  const ids = new Set(topic.map((t) => t.clause.id));
  const paths = new Set(topic.map(pathOf));
  return hits
    .map((h, i) => ({ h, i, score: h.score * (ids.has(h.clause.id) ? boost.same : paths.has(pathOf(h)) ? boost.sibling : 1) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ h, score }) => ({ ...h, score }));
}
