import { analyzeQuery, kindCue, type Searcher, type SearchHit, type SearchRequest, type SearchResult } from '../search/index.js';
import type { Tokenizer } from '../index/index.js';
import { abstainSignals, calibratedReason, ruleReason, type AbstainModel, type AbstainReason, type AbstainSignals } from './abstain.js';
import { ABSTAIN_MODEL } from './abstain-model.js';
import { anchorVectors, nearestAnchor } from './abstain-anchors.js';
import type { Embedder } from '../index/index.js';
import { carryTopic, continuesExplicitly, DEFAULT_TOPIC_BOOST, isNewTopic, leansOnContext, type TopicBoost } from './follow-up.js';
import { endedPeriod, type StatedPeriod } from './period.js';
import { citationOf, type Citation } from './citation.js';
import { joinUnits, scoreUnit, unitsOf, widen } from './excerpt.js';
import { referenceAnswer } from './reference-answer.js';
import type { DocumentMeta } from '../ingest/index.js';
import type { DocumentAsk } from '../search/index.js';

/** One quoted passage of one clause, with where it comes from. */
export interface Excerpt {
  quote: string;
  citation: Citation;
  clauseId: string;
  docId: string;
  /** Question terms that occur in the quote, for highlighting. */
  highlights: string[];
  /** The period the document states for itself, when it has ended (the reply says so). */
  periodEnded: StatedPeriod | null;
}

export type Answer =
  | { status: 'answered'; question: string; excerpts: Excerpt[]; hits: SearchHit[] }
  /** A question about a named document itself (issuer, date, 文号, or a 文号 alone), answered from its metadata. */
  | { status: 'document'; question: string; ask: DocumentAsk; documents: DocumentMeta[]; openings: Excerpt[]; hits: SearchHit[] }
  | {
      status: 'not-found';
      question: string;
      /** no-such-reference: the named document has nothing under the label asked for. */
      reason: AbstainReason | 'no-such-reference';
      hits: SearchHit[];
      /** For reason no-such-reference: what was asked for, of which document (null: a 文号 no document carries). */
      missing?: { label: string; title: string | null };
      /** For reason other-place: the place asked about. */
      place?: string;
      /** For reason no-direct-rule: the nearest provisions, offered as related reading. */
      related?: Excerpt[];
    };

/** Sizes that keep a reply readable on a phone (about 600 characters with citations). */
export interface ExcerptParams {
  /** Quoted characters per excerpt, at most. */
  maxQuote: number;
  /** Quoted characters per answer, at most. */
  maxTotal: number;
  maxExcerpts: number;
  /** Clauses excerpts are drawn from. */
  fromTopClauses: number;
  /** A further excerpt must score at least this share of the best one. */
  relativeFloor: number;
}
export const DEFAULT_EXCERPTS: ExcerptParams = { maxQuote: 220, maxTotal: 420, maxExcerpts: 3, fromTopClauses: 3, relativeFloor: 0.75 };

export interface AnswererDeps {
  searcher: Searcher;
  tokenizer: Tokenizer;
  /** IDF of a term in the clause collection; rarer terms say more about what was asked. */
  termWeight: (term: string) => number;
  /** Clauses containing a term. */
  documentFrequency: (term: string) => number;
  clauseCount: number;
  /** Corpus-vs-general-Chinese ratio of a term (abstain-domain.ts); absent, the domain signals read 0. */
  domainRatio?: (term: string) => number;
  /** Embeds the everyday-topic anchors once (abstain-anchors.ts); absent, the anchor signal reads 0. */
  anchorEmbedder?: Pick<Embedder, 'embedQuery'>;
  corpusYears: ReadonlySet<number>;
  firstYear: number;
  /** The places the configuration covers. */
  places: readonly string[];
  /** The period a document states for itself (period.ts), by document id. */
  periodOf?: (docId: string) => StatedPeriod | null;
  /** Today, injectable so that tests do not depend on the calendar. */
  today?: () => Date;
  model?: AbstainModel;
  excerpts?: Partial<ExcerptParams>;
  /** How much the earlier question's clauses are lifted for a follow-up (follow-up.ts). */
  topicBoost?: TopicBoost;
}

/** A question, its context, and (from a chat) the clauses the earlier answer came from. */
export interface AnswerRequest extends SearchRequest {
  /** Clauses the previous answer was drawn from, best first; absent, the previous question is searched again. */
  topicHits?: SearchHit[];
}

/** What the answer path knows before deciding: the hits, the quotes it would show, the signals. */
export interface Prepared {
  question: string;
  result: SearchResult;
  excerpts: Excerpt[];
  signals: AbstainSignals;
  rule: { reason: AbstainReason; place?: string } | null;
}

export interface Answerer {
  answer(request: AnswerRequest): Promise<Answer>;
  /** Search and excerpt without deciding (the eval decides with each fold's model). */
  prepare(request: AnswerRequest): Promise<Prepared>;
  decide(prepared: Prepared, model?: AbstainModel): Answer;
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const ep = { ...DEFAULT_EXCERPTS, ...deps.excerpts };
  const today = deps.today ?? (() => new Date());
  const withPeriod = (list: Excerpt[]) => {
    const now = today();
    return list.map((e) => ({ ...e, periodEnded: endedPeriod(deps.periodOf?.(e.docId) ?? null, now) }));
  };
  const boost = deps.topicBoost ?? DEFAULT_TOPIC_BOOST;
  /** Candidates re-ranked by the earlier topic: more than shown, so that a topic clause ranked low can come up. */
  const TOPIC_POOL = 20;
  const prepare = async (request: AnswerRequest): Promise<Prepared> => {
    const top = Math.max(request.top ?? 10, ep.fromTopClauses);
    const anchors = deps.anchorEmbedder ? await anchorVectors(deps.anchorEmbedder) : null;
    const context = (request.context ?? []).filter((c) => c.trim());
    const { topicHits, ...searchRequest } = request;
    let result: SearchResult;
    if (!context.length) result = await deps.searcher.search({ ...searchRequest, top });
    else {
      const followUp = leansOnContext(request.question, analyzeQuery(request.question).isFollowUp);
      result = await deps.searcher.search({ ...searchRequest, followUp, top: followUp ? Math.max(top, TOPIC_POOL) : top });
      const anchorSim = anchors && result.queryVector ? nearestAnchor(result.queryVector, anchors) : undefined;
      if (!continuesExplicitly(request.question) && isNewTopic(result.ownSimilarity, anchorSim)) {
        // a new question: answered and judged on its own, as if asked first
        result = await deps.searcher.search({ ...searchRequest, context: undefined, top });
      } else if (followUp) {
        const topic = (topicHits ?? (await deps.searcher.search({ question: context[context.length - 1]!, top: 1, filter: request.filter })).hits).slice(0, 1);
        result = { ...result, hits: carryTopic(result.hits, topic, boost).slice(0, top) };
      }
    }
    const excerpts = result.hits.length ? selectExcerpts(result, deps, ep) : [];
    const signals = abstainSignals({
      query: result.query, question: request.question, hits: result.hits, similarity: result.similarity, terms: result.terms,
      quotes: excerpts.map((e) => e.quote), documentFrequency: deps.documentFrequency, clauseCount: deps.clauseCount,
      domainRatio: deps.domainRatio,
      anchorSimilarity: anchors && result.queryVector ? nearestAnchor(result.queryVector, anchors) : undefined,
      quoteTerms: excerpts.map((e) => new Set(deps.tokenizer.tokenize(e.quote))),
      termWeight: deps.termWeight,
    });
    const rule = ruleReason({ query: result.query, question: request.question, hits: result.hits, corpusYears: deps.corpusYears, firstYear: deps.firstYear, places: deps.places });
    return { question: request.question, result, excerpts, signals, rule };
  };
  const decide = (x: Prepared, model = deps.model ?? ABSTAIN_MODEL): Answer => {
    const hits = x.result.hits;
    if (x.rule) return { status: 'not-found', question: x.question, reason: x.rule.reason, hits, place: x.rule.place };
    // a named article, item or document is looked up, not weighed by the abstention model
    const ref = referenceAnswer(x.result, ep);
    if (ref?.kind === 'missing') return { status: 'not-found', question: x.question, reason: 'no-such-reference', hits, missing: { label: ref.label, title: ref.documents.map((d) => d.title).join('》《') } };
    if (ref?.kind === 'unknown-doc-number') return { status: 'not-found', question: x.question, reason: 'no-such-reference', hits, missing: { label: ref.docNumber, title: null } };
    if (ref?.kind === 'document') return { status: 'document', question: x.question, ask: ref.ask, documents: ref.documents, openings: withPeriod(ref.openings), hits };
    if (ref?.kind === 'clauses') return { status: 'answered', question: x.question, excerpts: withPeriod(ref.excerpts), hits };
    const reason = calibratedReason(model, x.signals);
    if (reason === 'no-direct-rule') {
      const related = withPeriod(hits.slice(0, 3).map((h) => leadExcerpt(h)));
      return { status: 'not-found', question: x.question, reason, hits, related };
    }
    if (reason) return { status: 'not-found', question: x.question, reason, hits };
    return { status: 'answered', question: x.question, excerpts: withPeriod(x.excerpts), hits };
  };
  return { prepare, decide, answer: async (request) => decide(await prepare(request)) };
}

/** A clause offered as related reading: its opening sentences, cited. */
function leadExcerpt(h: SearchHit): Excerpt {
  return { quote: openingOf(h.clause.text), citation: citationOf(h.clause, h.document), clauseId: h.clause.id, docId: h.clause.docId, highlights: [], periodEnded: null };
}

/** Whole sentences up to about `max` characters. */
export function openingOf(text: string, max = 120): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf(';'));
  return end > 30 ? cut.slice(0, end + 1) : cut + '…';
}

/**
 * Weight of "the embedding matched this window" against the sentence's own word overlap:
 * 0.1 measured best of 0–0.3 on the dev set (answerHit 77.9 % at 0 and 0.3, 80.5 % at 0.1).
 */
const BEST_WINDOW_BONUS = 0.1;

interface Candidate {
  hit: SearchHit;
  rank: number;
  unitIndex: number;
  score: number;
}

/**
 * The sentences that answer: every sentence of the top clauses is scored against the
 * question; the best becomes the first excerpt, widened to read on its own; sentences of
 * other clauses that score nearly as well follow, each as its own quote.
 */
export function selectExcerpts(result: SearchResult, deps: Pick<AnswererDeps, 'tokenizer' | 'termWeight'>, ep: ExcerptParams): Excerpt[] {
  // the follow-up's own words only: the earlier question's terms were measured to pull quotes back to it
  const own = new Set(result.terms);
  const terms = [...own];
  const weight = deps.termWeight;
  const totalWeight = terms.reduce((s, t) => s + weight(t), 0);
  const hits = result.hits.slice(0, ep.fromTopClauses);
  const unitsByHit = hits.map((h) => unitsOf(h.clause.text));
  const candidates: Candidate[] = [];
  hits.forEach((hit, rank) => {
    let offset = 0;
    unitsByHit[rank]!.forEach((unit, unitIndex) => {
      const start = hit.clause.text.indexOf(unit.text, offset);
      offset = start >= 0 ? start + unit.text.length : offset;
      const unitTerms = new Set(deps.tokenizer.tokenize(unit.text));
      const matchedTerms = terms.filter((t) => unitTerms.has(t));
      // the window the embedding liked best is where the meaning matched, whatever the words
      const inBestWindow = start >= 0 && start < hit.bestWindow.to && start + unit.text.length > hit.bestWindow.from;
      const score = scoreUnit({ unit, matchedTerms, termWeight: weight, totalWeight, kind: result.query.kind, clauseRank: rank }) + (inBestWindow ? BEST_WINDOW_BONUS : 0);
      candidates.push({ hit, rank, unitIndex, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.rank - b.rank || a.unitIndex - b.unitIndex);
  const excerpts: Excerpt[] = [];
  const taken: { rank: number; from: number; to: number }[] = [];
  let total = 0;
  const best = candidates[0]?.score ?? 0;
  for (const c of candidates) {
    if (excerpts.length >= ep.maxExcerpts) break;
    if (excerpts.length > 0 && c.score < best * ep.relativeFloor) break;
    if (taken.some((t) => t.rank === c.rank && c.unitIndex >= t.from && c.unitIndex < t.to)) continue;
    const units = unitsByHit[c.rank]!;
    const span = widen(units, c.unitIndex, ep.maxQuote, kindCue(result.query.kind));
    if (taken.some((t) => t.rank === c.rank && span.from < t.to && span.to > t.from)) continue;
    let quote = joinUnits(units, span);
    if (quote.length > ep.maxQuote) quote = quote.slice(0, ep.maxQuote) + '…';
    if (excerpts.length > 0 && total + quote.length > ep.maxTotal) continue;
    taken.push({ rank: c.rank, ...span });
    total += quote.length;
    excerpts.push({
      quote,
      citation: citationOf(c.hit.clause, c.hit.document),
      clauseId: c.hit.clause.id,
      docId: c.hit.clause.docId,
      periodEnded: null,
      highlights: [...own].filter((t) => t.length >= 2 && quote.includes(t)),
    });
  }
  return excerpts;
}
