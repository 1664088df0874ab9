import type { Answer } from '../answer/index.js';
import { PLAIN, renderAnswer, type CorpusSummary, type Prompts } from '../answer/index.js';

/** The batch interface's line for one question (the shared scorer reads it). */
export function batchRecord(id: string, answer: Answer, prompts: Prompts, corpus: CorpusSummary, top: number) {
  return {
    id,
    abstained: answer.status === 'not-found',
    answer: renderAnswer(answer, prompts, PLAIN, corpus),
    results: answer.hits.slice(0, top).map((h) => ({
      text: h.clause.text,
      score: +h.score.toFixed(6),
      source: h.clause.source,
      title: h.document.title,
      docNumber: h.document.docNumber,
      article: h.clause.articleNo,
    })),
  };
}
