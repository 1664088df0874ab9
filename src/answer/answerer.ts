import { analyzeQuery, kindCue, type Searcher, type SearchHit, type SearchRequest, type SearchResult } from '../search/index.js';
import type { Tokenizer } from '../index/index.js';
import { abstainSignals, calibratedReason, ruleReason, type AbstainModel, type AbstainReason, type AbstainSignals, type SmallTalk } from './abstain.js';
import { ABSTAIN_MODEL } from './abstain-model.js';
import { anchorVectors, nearestAnchor } from './abstain-anchors.js';
import type { Embedder } from '../index/index.js';
import { carryTopic, continuesExplicitly, DEFAULT_TOPIC_BOOST, isNewTopic, leansOnContext, type TopicBoost } from './follow-up.js';
import { endedPeriod, type StatedPeriod } from './period.js';
import { citationOf, type Citation } from './citation.js';
import { fitQuote, joinUnits, scoreUnit, unitsOf, widen } from './excerpt.js';
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
  | {
      status: 'answered';
      question: string;
      excerpts: Excerpt[];
      hits: SearchHit[];
      /** Asked about 今年, answered from a document for another year: the reply names both. */
      otherYear?: { year: number; thisYear: number };
    }
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
      /** For reason small-talk: a greeting or thanks, answered in kind. */
      smallTalk?: SmallTalk;
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
  /**
   * A further excerpt must score at least this share of the best one. 0.6 held-out answerHit
   * 83.2 ± 3.7 (5 folds) against 81.0 ± 2.6 at 0.75, 78.4 at 0.85, 83.2 at 0.5. Bought with length:
   * reply p50 309 → 507 characters over the dev answers (README, "Measurements").
   */
  relativeFloor: number;
  /**
   * …and carry at least this share of the question's term weight, so a sentence that matched
   * none of the asker's words is not shown as a further answer. 0.1 costs 0.4 points of held-out
   * answerHit (82.8 ± 2.5); 0.2 costs 1.7. A rule that a further quote must add a term the
   * earlier ones lack was measured too and dropped: 79.3 ± 6.0.
   */
  minTermShare: number;
}
export const DEFAULT_EXCERPTS: ExcerptParams = { maxQuote: 220, maxTotal: 420, maxExcerpts: 3, fromTopClauses: 3, relativeFloor: 0.6, minTermShare: 0.1 };

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
  rule: { reason: AbstainReason; place?: string; smallTalk?: SmallTalk } | null;
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
    // how near the question is to an everyday topic: its own vector only, the same in every search below
    let anchorSim: number | undefined;
    const nearestAnchorOf = (r: SearchResult) => (anchorSim ??= anchors && r.queryVector ? nearestAnchor(r.queryVector, anchors) : undefined);
    if (!context.length) result = await deps.searcher.search({ ...searchRequest, top });
    else {
      const followUp = leansOnContext(request.question, analyzeQuery(request.question).isFollowUp);
      result = await deps.searcher.search({ ...searchRequest, followUp, top: followUp ? Math.max(top, TOPIC_POOL) : top });
      if (!continuesExplicitly(request.question) && isNewTopic(result.ownSimilarity, nearestAnchorOf(result))) {
        // a new question: answered and judged on its own, as if asked first
        result = await deps.searcher.search({ ...searchRequest, context: undefined, top });
      } else if (followUp && (boost.same !== 1 || boost.sibling !== 1)) {
        // with the lift off (the default) the earlier topic's own search would change nothing: skipped
        const topic = (topicHits ?? (await deps.searcher.search({ question: context[context.length - 1]!, top: 1, filter: request.filter })).hits).slice(0, 1);
        result = { ...result, hits: carryTopic(result.hits, topic, boost).slice(0, top) };
      }
    }
    const excerpts = result.hits.length ? selectExcerpts(result, deps, ep) : [];
    const signals = abstainSignals({
      query: result.query, question: request.question, hits: result.hits, similarity: result.similarity, terms: result.terms,
      quotes: excerpts.map((e) => e.quote), documentFrequency: deps.documentFrequency, clauseCount: deps.clauseCount,
      domainRatio: deps.domainRatio,
      anchorSimilarity: nearestAnchorOf(result),
      quoteTerms: excerpts.map((e) => new Set(deps.tokenizer.tokenize(e.quote))),
      termWeight: deps.termWeight,
    });
    const rule = ruleReason({ query: result.query, question: request.question, hits: result.hits, corpusYears: deps.corpusYears, firstYear: deps.firstYear, places: deps.places });
    return { question: request.question, result, excerpts, signals, rule };
  };
  const decide = (x: Prepared, model = deps.model ?? ABSTAIN_MODEL): Answer => {
    const hits = x.result.hits;
    if (x.rule) return { status: 'not-found', question: x.question, reason: x.rule.reason, hits, place: x.rule.place, smallTalk: x.rule.smallTalk };
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
    const otherYear = otherYearOf(x.question, x.excerpts[0]?.citation, today());
    return { status: 'answered', question: x.question, excerpts: withPeriod(x.excerpts), hits, ...(otherYear ? { otherYear } : {}) };
  };
  return { prepare, decide, answer: async (request) => decide(await prepare(request)) };
}

/** "This year" in everyday words: 今年, 本年, 本年度. */
const THIS_YEAR = /今年|本年度?/;

/**
 * The year a quoted document is for, when the question asks about this year and that is
 * another one: the year its title names ("2022年…工作要点"), else the year it is dated.
 */
export function otherYearOf(question: string, citation: Citation | undefined, today: Date): { year: number; thisYear: number } | null {
  if (!citation || !THIS_YEAR.test(question)) return null;
  const titled = /(?<!\d)(19|20)\d{2}(?=年)/.exec(citation.title.normalize('NFKC'))?.[0];
  const year = Number(titled ?? citation.date?.slice(0, 4));
  const thisYear = today.getFullYear();
  return Number.isFinite(year) && year > 0 && year !== thisYear ? { year, thisYear } : null;
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
  const unitsByHit = hits.map((h) => unitsOf(h.clause.text, h.clause.headingPath));
  const candidates: Candidate[] = [];
  hits.forEach((hit, rank) => {
    let offset = 0;
    const units = unitsByHit[rank]!;
    let previous: Set<string> = new Set();
    units.forEach((unit, unitIndex) => {
      // a unit rejoined across a wrapped line is found by its opening
      const exact = hit.clause.text.indexOf(unit.text, offset);
      const start = exact >= 0 ? exact : hit.clause.text.indexOf(unit.text.slice(0, 8), offset);
      offset = start >= 0 ? start + unit.text.length : offset;
      const ownTerms = new Set(deps.tokenizer.tokenize(unit.text));
      // an item's label is its subject: "(二)合法稳定住所。是指…" is about 合法稳定住所
      const labelled = units[unitIndex - 1]?.isHeading && units[unitIndex - 1]!.line === unit.line;
      const unitTerms = labelled ? new Set([...previous, ...ownTerms]) : ownTerms;
      previous = ownTerms;
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
    const citation = citationOf(c.hit.clause, c.hit.document);
    const named = `${citation.title} ${citation.location ?? ''}`.replace(/…/g, '');
    const shown = (heading: string) => named.includes(heading.trim().slice(0, 12));
    const span = widen(units, c.unitIndex, ep.maxQuote, kindCue(result.query.kind), shown);
    if (taken.some((t) => t.rank === c.rank && span.from < t.to && span.to > t.from)) continue;
    const quote = fitQuote(joinUnits(units, span), ep.maxQuote);
    if (excerpts.length > 0 && total + quote.length > ep.maxTotal) continue;
    if (excerpts.length > 0 && terms.filter((t) => quote.includes(t)).reduce((s, t) => s + weight(t), 0) < ep.minTermShare * totalWeight) continue;
    taken.push({ rank: c.rank, ...span });
    total += quote.length;
    excerpts.push({
      quote,
      citation,
      clauseId: c.hit.clause.id,
      docId: c.hit.clause.docId,
      periodEnded: null,
      highlights: [...own].filter((t) => t.length >= 2 && quote.includes(t)),
    });
  }
  return excerpts;
}
