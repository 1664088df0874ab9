import { kindCue, type Searcher, type SearchHit, type SearchRequest, type SearchResult } from '../search/index.js';
import type { Tokenizer } from '../index/index.js';
import { abstainReason, DEFAULT_ABSTAIN, type AbstainParams, type AbstainReason } from './abstain.js';
import { citationOf, type Citation } from './citation.js';
import { joinUnits, scoreUnit, unitsOf, widen } from './excerpt.js';

/** One quoted passage of one clause, with where it comes from. */
export interface Excerpt {
  quote: string;
  citation: Citation;
  clauseId: string;
  /** Question terms that occur in the quote, for highlighting. */
  highlights: string[];
}

export type Answer =
  | { status: 'answered'; question: string; excerpts: Excerpt[]; hits: SearchHit[] }
  | { status: 'not-found'; question: string; reason: AbstainReason; hits: SearchHit[] };

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
  /** The weight of a term no clause contains. */
  maxTermWeight: number;
  corpusYears: ReadonlySet<number>;
  firstYear: number;
  abstain?: Partial<AbstainParams>;
  excerpts?: Partial<ExcerptParams>;
}

export interface Answerer {
  answer(request: SearchRequest): Promise<Answer>;
}

export function createAnswerer(deps: AnswererDeps): Answerer {
  const abstainParams = { ...DEFAULT_ABSTAIN, ...deps.abstain };
  const ep = { ...DEFAULT_EXCERPTS, ...deps.excerpts };
  return {
    async answer(request) {
      const result = await deps.searcher.search({ ...request, top: Math.max(request.top ?? 10, ep.fromTopClauses) });
      const excerpts = result.hits.length ? selectExcerpts(result, deps, ep) : [];
      const topicTerms = topicTermsOf(result.terms, deps.termWeight, deps.maxTermWeight);
      const reason = abstainReason(
        { query: result.query, question: request.question, hits: result.hits, similarity: result.similarity, corpusYears: deps.corpusYears, firstYear: deps.firstYear, quotes: excerpts.map((e) => e.quote), topicTerms },
        abstainParams,
      );
      if (reason) return { status: 'not-found', question: request.question, reason, hits: result.hits };
      return { status: 'answered', question: request.question, excerpts, hits: result.hits };
    },
  };
}

/**
 * Weight of "the embedding matched this window" against the sentence's own word overlap:
 * 0.1 measured best of 0–0.3 on the dev set (answerHit 77.9 % at 0 and 0.3, 80.5 % at 0.1).
 */
const BEST_WINDOW_BONUS = 0.1;

/** The rarest question term that some clause contains: what the question is about. */
function topicTermsOf(terms: string[], weight: (t: string) => number, unknown: number): string[] {
  return [...new Set(terms)]
    .filter((t) => t.length >= 2 && weight(t) < unknown)
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, 1);
}

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
      highlights: [...own].filter((t) => t.length >= 2 && quote.includes(t)),
    });
  }
  return excerpts;
}
