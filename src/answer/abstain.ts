import type { AnalyzedQuery, SearchHit } from '../search/index.js';
import { charBigrams, hanShare, kindCue } from '../search/index.js';
import { otherPlaceIn } from './places.js';

/*
 * Three honest outcomes: an answer; "没有找到直接规定" with the nearest provisions as related
 * reading; "not found". Rules decide what needs no calibration (small talk, another place, a
 * year the corpus does not cover); the rest is a logistic model over general signals, fitted
 * on the dev folds by `npm run eval -- --folds 5 --write-model` (abstain-model.ts).
 */
export type AbstainReason = 'no-results' | 'small-talk' | 'other-place' | 'year-not-covered' | 'no-direct-rule' | 'not-covered';

/** Talking to the bot rather than asking about policy. */
const SMALL_TALK = /^(你是谁|你是什么|你叫什么|你好|您好|hi|hello|hey|谢谢|多谢|在吗|在不在|你能做什么|你会什么|早上好|晚上好)[\s!！?？。.~～呀啊吗呢]*$/i;
/** Of small talk, thanks: answered 不客气 rather than with what the bot can do. */
const THANKS = /^(谢谢|多谢)/;
export type SmallTalk = 'greeting' | 'thanks';

export interface RuleInput {
  query: AnalyzedQuery;
  /** The question's own text (follow-up context excluded). */
  question: string;
  hits: SearchHit[];
  /** Years that occur anywhere in the corpus's clauses. */
  corpusYears: ReadonlySet<number>;
  /** The earliest document's year: an unmentioned year before it is history ("1980年造的"), not a request. */
  firstYear: number;
  /** The places the configuration covers. */
  places: readonly string[];
}

/** A reason that needs no calibration, or null. Pure. */
export function ruleReason(x: RuleInput): { reason: AbstainReason; place?: string; smallTalk?: SmallTalk } | null {
  const text = x.question.normalize('NFKC').trim();
  if (SMALL_TALK.test(text)) return { reason: 'small-talk', smallTalk: THANKS.test(text) ? 'thanks' : 'greeting' };
  if (!x.hits.length) return { reason: 'no-results' };
  const place = otherPlaceIn(text, x.places);
  if (place) return { reason: 'other-place', place };
  if (x.query.years.some((y) => y >= x.firstYear && !x.corpusYears.has(y))) return { reason: 'year-not-covered' };
  return null;
}

/** A question for a sum of money is answered only by a quote that states one. */
// 补/给多少 is left out: a subsidy rule ("给予同等定额补助") answers it without a figure
const ASKS_AMOUNT = /多少钱|几块钱|多少元|(领|交|缴|拿|涨|收|付|花|报销?|补贴?|补助)(到|了)?多少|费.{0,4}多少|每个?月.{0,6}多少/;
const STATES_AMOUNT = /\d+(\.\d+)?\s*(万|千|百)?元|[一二三四五六七八九十百千万]+元/;
/** A question for a period is answered only by a sentence that states one. */
const ASKS_DURATION = /几年|多少年|多久|多长时间|有效期/;
const STATES_DURATION = /(?<![\d月])\d{1,3}\s*(年|个月|个工作日|工作日|日|天|小时)|[一二三四五六七八九十两半]+(年|个月|个工作日|工作日|天|小时)|当场|即时|立即|日至|至\d{1,4}年|至\d{1,2}月/;

/** The general signals the model reads; each 0…1 or a similarity. Names are the model's feature names. */
export interface AbstainSignals {
  /** Similarity of the question to the best hit's best window (a follow-up: or of question + context). */
  similarity: number;
  /** How far the best similarity stands above the median of the top ten. */
  margin: number;
  /** Best share, over the top three clauses, of the question's words the clause contains. */
  termCoverage: number;
  /** The same with character bigrams: segmentation-free. */
  bigramCoverage: number;
  /** 1 when the question asks for a sum of money and no quote states one. */
  amountMissing: number;
  /** 1 when the question asks for a period and no quote states one. */
  durationMissing: number;
  /** 1 when the question asks for a kind (material, unit, date, figure…) whose cue no quote carries. */
  kindMissing: number;
  /** Share of Han characters in the question. */
  hanShare: number;
  /** Share of the question's words that occur in the corpus at all. */
  knownShare: number;
  /** 1 when the question has a word of two or more characters that the corpus has and that is not everywhere. */
  corpusTerm: number;
  /** Mean corpus-vs-general-Chinese log-likelihood ratio of the question's words (abstain-domain.ts); 0 without a background. */
  domainMean: number;
  /** Share of the question's words more typical of the corpus than of general Chinese. */
  domainShare: number;
  /** Similarity to the best clause minus similarity to the nearest everyday-topic anchor (abstain-anchors.ts); 0 without anchors. */
  anchorMargin: number;
  /** Best share, over the quotes, of the question's corpus-known words (weighted by rarity) one quote contains: sentence-level evidence. */
  quoteCoverage: number;
  /**
   * Best weighted share of the question's corpus-known words in one sentence of the top clauses
   * that states what is asked (a sum for 多少钱, a period for 多久, the kind's cue); for a question
   * with no kind, in any sentence. "The rule that answers" is one sentence that has both.
   */
  kindEvidence: number;
}
export const SIGNAL_NAMES = ['similarity', 'margin', 'termCoverage', 'bigramCoverage', 'amountMissing', 'durationMissing', 'kindMissing', 'hanShare', 'knownShare', 'corpusTerm', 'domainMean', 'domainShare', 'anchorMargin', 'quoteCoverage', 'kindEvidence'] as const satisfies readonly (keyof AbstainSignals)[];

export interface SignalInput {
  query: AnalyzedQuery;
  question: string;
  hits: SearchHit[];
  similarity: number;
  /** The question's words (keyword tokenizer). */
  terms: string[];
  quotes: string[];
  /** Number of clauses containing a term (0: unknown to the corpus). */
  documentFrequency: (term: string) => number;
  clauseCount: number;
  /** Corpus-vs-background log-likelihood ratio of a term (abstain-domain.ts); absent: no background known. */
  domainRatio?: (term: string) => number;
  /** The question's similarity to the nearest everyday-topic anchor; absent: no anchors. */
  anchorSimilarity?: number;
  /** Each quote's words (keyword tokenizer), and a term's rarity in the corpus (IDF): for quoteCoverage. */
  quoteTerms?: ReadonlySet<string>[];
  termWeight?: (term: string) => number;
}

/** Pure: the signals of one question and its hits. */
export function abstainSignals(x: SignalInput): AbstainSignals {
  const text = x.question.normalize('NFKC');
  const top = x.hits.slice(0, 3);
  const sims = x.hits.slice(0, 10).map((h) => h.similarity).sort((a, b) => a - b);
  const median = sims.length ? sims[Math.floor(sims.length / 2)]! : 0;
  const grams = [...new Set(charBigrams(text).filter((g) => [...g].length === 2))];
  const bigramCoverage = grams.length ? Math.max(0, ...top.map((h) => grams.filter((g) => h.clause.text.includes(g) || h.clause.headingPath.some((p) => p.includes(g))).length / grams.length)) : 0;
  const terms = [...new Set(x.terms)];
  const known = terms.filter((t) => x.documentFrequency(t) > 0);
  // a term in nearly every clause (本市, 工作) says nothing about being in scope
  const corpusTerm = terms.some((t) => [...t].length >= 2 && x.documentFrequency(t) > 0 && x.documentFrequency(t) < x.clauseCount * 0.2);
  const cue = kindCue(x.query.kind);
  const amountMissing = ASKS_AMOUNT.test(text) && !x.quotes.some((q) => STATES_AMOUNT.test(q));
  const durationMissing = ASKS_DURATION.test(text) && !x.quotes.some((q) => STATES_DURATION.test(q));
  const kindMissing = cue !== null && !x.quotes.some((q) => cue.test(q));
  // a ratio is clipped: one word the corpus repeats endlessly (本市) must not outvote the rest
  // single characters are left out: the segmenter's leftovers (慈/溪, 证) say more about segmentation than topic
  const ratios = x.domainRatio ? terms.filter((t) => [...t].length >= 2).map((t) => Math.max(-6, Math.min(6, x.domainRatio!(t)))) : [];
  const weighted = known.map((t) => [t, x.termWeight?.(t) ?? 1] as const);
  const weightSum = weighted.reduce((a, [, w]) => a + w, 0);
  const asked: RegExp | null = ASKS_AMOUNT.test(text) ? STATES_AMOUNT : ASKS_DURATION.test(text) ? STATES_DURATION : cue;
  const covers = (sentence: string) => weighted.reduce((a, [t, w]) => a + (sentence.includes(t) ? w : 0), 0) / weightSum;
  let kindEvidence = 0;
  if (weightSum > 0) for (const h of top) for (const sentence of h.clause.text.split(/(?<=[。；;！？!?\n])/)) if (!asked || asked.test(sentence)) kindEvidence = Math.max(kindEvidence, covers(sentence));
  const quoteCoverage = weightSum > 0 && x.quoteTerms?.length ? Math.max(...x.quoteTerms.map((q) => weighted.reduce((a, [t, w]) => a + (q.has(t) ? w : 0), 0) / weightSum)) : 0;
  return {
    similarity: x.similarity,
    margin: sims.length ? sims[sims.length - 1]! - median : 0,
    termCoverage: Math.max(0, ...top.map((h) => h.termCoverage)),
    bigramCoverage,
    amountMissing: amountMissing ? 1 : 0,
    durationMissing: durationMissing ? 1 : 0,
    kindMissing: kindMissing ? 1 : 0,
    hanShare: hanShare(text),
    knownShare: terms.length ? known.length / terms.length : 0,
    corpusTerm: corpusTerm ? 1 : 0,
    domainMean: ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : 0,
    domainShare: ratios.length ? ratios.filter((r) => r > 0).length / ratios.length : 0,
    anchorMargin: x.anchorSimilarity === undefined ? 0 : x.similarity - x.anchorSimilarity,
    quoteCoverage,
    kindEvidence,
  };
}

/** A logistic model over the signals, standardised by the training set's mean and spread. */
export interface AbstainModel {
  version: 1;
  features: readonly string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Below this probability of "answerable", abstain. */
  threshold: number;
  /** Below this, not even related reading is offered. */
  relatedFloor: number;
  /**
   * Similarity below which closeness falls off a cliff: the model also reads max(0, knot − similarity),
   * so that a far question is not rescued by words it happens to share. Fitted: the training set's
   * 5th percentile of answerable questions' similarity.
   */
  similarityKnot: number;
  /** How it was fitted, for the README and the curious. */
  fittedOn: string;
}

export const FEATURE_NAMES = [...SIGNAL_NAMES, 'belowKnot', 'nearerAnchor'] as const;

/** The signals plus two hinges: how far below the similarity knot, and how much nearer an everyday topic than any clause. */
export function signalVector(s: AbstainSignals, similarityKnot: number): number[] {
  return [...SIGNAL_NAMES.map((n) => s[n]), Math.max(0, similarityKnot - s.similarity), Math.max(0, -s.anchorMargin)];
}

/** Probability that the hits answer the question. */
export function answerProbability(model: AbstainModel, s: AbstainSignals): number {
  const v = signalVector(s, model.similarityKnot);
  let z = model.bias;
  v.forEach((x, i) => (z += model.weights[i]! * ((x - model.mean[i]!) / model.scale[i]!)));
  return 1 / (1 + Math.exp(-z));
}

/** The calibrated part of the decision: null (answer), related reading, or not covered. */
export function calibratedReason(model: AbstainModel, s: AbstainSignals): AbstainReason | null {
  const p = answerProbability(model, s);
  if (p >= model.threshold) return null;
  // nearer an everyday topic than any clause: the nearest clauses are no reading worth offering
  return p >= model.relatedFloor && s.anchorMargin >= 0 ? 'no-direct-rule' : 'not-covered';
}

/** Years mentioned in the corpus: a question about any other year is about something it does not cover. */
export function yearsIn(texts: Iterable<string>): Set<number> {
  const years = new Set<number>();
  for (const t of texts) for (const m of t.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)) years.add(Number(m[0]));
  return years;
}
