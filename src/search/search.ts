import type { Clause, DocumentMeta, Region } from '../ingest/index.js';
import { bigramTermsOf, bm25Top, buildKeywordIndex, charBigrams, documentFrequency, dotAt, hasTerm, keywordTextOf, midDirection, type Embedder, type PolicyIndex, type Tokenizer } from '../index/index.js';
import { normalisedScoreFusion, reciprocalRankFusion, type RankedList } from './fuse.js';
import { analyzeQuery, kindCue, type AnalyzedQuery } from './query.js';
import { officialTermsFor } from './thesaurus.js';
import { applyReference, buildReferenceCatalog, resolveReference, type Resolution } from './reference.js';

/**
 * Ranking knobs. Defaults chosen by 5-fold cross-validation over the dev set and checked on the
 * foreign statutes (README, "Measurements"; `npm run eval -- --folds 5 --knobs`): normalised-score
 * fusion over RRF, the best window and the whole clause's vector weighted 1 each, a
 * character-bigram list weighted 1 with title and headings counted twice more.
 */
export interface SearchParams {
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** How the ranked lists are merged: normalised scores, or reciprocal ranks with constant rrfK. */
  fusion: 'score' | 'rrf';
  rrfK: number;
  denseWeight: number;
  keywordWeight: number;
  /** Weight of the earlier question's list for a follow-up / for any question with context. */
  followUpContextWeight: number;
  contextWeight: number;
  /** Weight of the keyword list that adds the documents' words for the question's everyday ones (thesaurus.ts). */
  officialTermWeight: number;
  /** Factor on clauses of other regions when the question names a region. */
  otherRegionFactor: number;
  /** Factor on clauses that contain what the question asks for (a benefit, a material, a figure…). */
  kindFactor: number;
  /** Weight of the character-bigram BM25 list (0: not used). */
  bigramWeight: number;
  /** Extra times a clause's title and heading path count in the bigram list (field weighting). */
  headingRepeat: number;
  /**
   * Weight of the list that scores the candidates by their whole clause: the mean of the
   * clause's window vectors (0: not used). A window scores one sentence; this scores the gist.
   */
  clauseVectorWeight: number;
  /** Factor on clauses of other documents when the question names a document (reference.ts). */
  otherDocumentFactor: number;
}

export const DEFAULT_SEARCH: SearchParams = {
  candidates: 60,
  fusion: 'score',
  rrfK: 30,
  denseWeight: 1,
  keywordWeight: 1,
  followUpContextWeight: 0.8,
  contextWeight: 0.3,
  officialTermWeight: 0.7,
  otherRegionFactor: 0.5,
  kindFactor: 1.2,
  bigramWeight: 1,
  headingRepeat: 2,
  clauseVectorWeight: 1,
  otherDocumentFactor: 0.5,
};

export interface SearchFilter {
  region?: Region;
  docId?: string;
}

export interface SearchRequest {
  question: string;
  /** Earlier questions of the same conversation, oldest first. */
  context?: string[];
  top?: number;
  filter?: SearchFilter;
  /** Whether the question leans on its context (the answer stage's reading); default: the query analysis's. */
  followUp?: boolean;
}

export interface SearchHit {
  clause: Clause;
  document: DocumentMeta;
  /** Fused score: only comparable within one result list. */
  score: number;
  /** Cosine similarity of the question (alone) to the clause's best window. */
  similarity: number;
  /** Character range of that window in the clause's text. */
  bestWindow: { from: number; to: number };
  /** Share of the question's terms that occur in the clause, 0…1. */
  termCoverage: number;
}

export interface SearchResult {
  query: AnalyzedQuery;
  /**
   * How close the best hit is to what was asked: the question's own similarity, or for a
   * question with context, the larger of that and the similarity of context + question.
   */
  similarity: number;
  /** The question's own similarity to the best hit, context left out. */
  ownSimilarity: number;
  /** The question's terms, as the keyword index sees them. */
  terms: string[];
  hits: SearchHit[];
  /** The article, item, 文号 or document the question names, resolved against the index (reference.ts). */
  reference?: Resolution | null;
  /** The question's own embedding (unit length), for signals that compare it with other texts (abstention's anchors). */
  queryVector?: Float32Array;
}

export interface Searcher {
  search(request: SearchRequest): Promise<SearchResult>;
}

export interface SearcherDeps {
  index: PolicyIndex;
  embedder: Embedder;
  tokenizer: Tokenizer;
  params?: Partial<SearchParams>;
  /** The configured places (config PLACES); with the documents' own regions, the places a question can name. */
  places?: readonly Region[];
}

/**
 * HNSW neighbours asked for per wanted clause, since one clause's windows can crowd the list.
 * 2 ranked the dev set exactly as 3 did, and a smaller request is a cheaper graph walk.
 */
const PASSAGES_PER_CLAUSE = 2;

export function createSearcher({ index, embedder, tokenizer, params, places = [] }: SearcherDeps): Searcher {
  const p = { ...DEFAULT_SEARCH, ...params };
  // places come from configuration and from the documents, never from a list in the code
  const regionNames = [...new Set([...places, ...[...index.documents.values()].flatMap((d) => (d.region ? [d.region] : []))])];
  const analyze = (text: string) => analyzeQuery(text, regionNames);
  const dim = index.manifest.model.dimensions;
  const docOf = (c: Clause) => index.documents.get(c.docId)!;
  const passageSimilarity = (q: Float32Array, passage: number) => dotAt(index.vectors, passage, dim, q);
  /** A clause is as similar as its best window; that window is where the answer most likely is. */
  const bestPassage = (q: Float32Array, clause: number) => {
    let best = { passage: -1, similarity: -1 };
    for (const id of index.passagesOfClause[clause]!) {
      const sim = passageSimilarity(q, id);
      if (sim > best.similarity) best = { passage: id, similarity: sim };
    }
    return best;
  };
  // stored in the index at build time; only another heading weight (the eval's knobs) builds its own here
  const bigramIndex = p.bigramWeight <= 0 ? null
    : p.headingRepeat === index.bigram.headingRepeat ? index.bigram.index
    : buildKeywordIndex(index.clauses.map((c) => bigramTermsOf(keywordTextOf(c, docOf(c)), docOf(c).title, c.headingPath, p.headingRepeat)));
  // the windows' mean, at unit length: built once per index, a clause's vector without re-embedding anything
  const clauseVectors = p.clauseVectorWeight > 0 ? clauseMeans(index, dim) : null;
  const references = buildReferenceCatalog(index.documents.values(), index.clauses);
  const allows = (filter: SearchFilter | undefined) => (id: number) => {
    if (!filter) return true;
    const c = index.clauses[id]!;
    return (!filter.docId || c.docId === filter.docId) && (!filter.region || docOf(c).region === filter.region);
  };

  const denseList = (name: string, vector: Float32Array, weight: number, filter?: SearchFilter): RankedList => {
    const best = new Map<number, number>();
    if (filter) {
      const ok = allows(filter);
      index.clauses.forEach((_, id) => ok(id) && best.set(id, bestPassage(vector, id).similarity));
    } else {
      // several windows of one clause can crowd the neighbours: ask for more than needed
      for (const n of index.vectorStore.search(vector, p.candidates * PASSAGES_PER_CLAUSE)) {
        const clause = index.passages[n.id]!.clause;
        if ((best.get(clause) ?? -Infinity) < n.similarity) best.set(clause, n.similarity);
      }
    }
    const items = [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
    return { name, weight, items: items.slice(0, p.candidates) };
  };

  return {
    async search(request) {
      const query = analyze(request.question);
      const context = (request.context ?? []).map((c) => c.trim()).filter(Boolean);
      const previous = context[context.length - 1];
      const followUp = request.followUp ?? query.isFollowUp;
      const terms = tokenizer.tokenize(query.text);
      const qVector = await embedder.embedQuery(query.text);
      let jointVector: Float32Array | null = null;
      const lists: RankedList[] = [denseList('dense', qVector, p.denseWeight, request.filter)];

      const termWeights = new Map(terms.map((t) => [t, 1]));
      let regions = query.regions;
      if (previous) {
        const w = followUp ? p.followUpContextWeight : p.contextWeight;
        // the two questions' directions averaged, not the joined text embedded: as good on dev
        // (hit@5 equal, answers +1) at a third fewer tokens through the model, which is most of a search
        jointVector = midDirection(qVector, await embedder.embedQuery(previous));
        lists.push(denseList('dense+context', jointVector, w * p.denseWeight, request.filter));
        for (const t of tokenizer.tokenize(previous)) if (!termWeights.has(t)) termWeights.set(t, w);
        if (!regions.length) regions = analyze(previous).regions;
      }
      const ok = allows(request.filter);
      const keywordList = (name: string, weights: Map<string, number>, weight: number): RankedList => ({
        name,
        weight,
        items: bm25Top(index.keyword, [...weights.keys()], p.candidates, ok, weights).map((x) => ({ id: x.doc, score: x.score })),
      });
      lists.push(keywordList('keyword', termWeights, p.keywordWeight));
      // a second keyword list with the documents' words for everyday ones: its own list, so that a
      // question's exact words still decide the top (mixing them into one list cost hit@1). A
      // follow-up's topic is in the earlier question, so its everyday words count too. Only words
      // this corpus has: a list of none of them would just count the question's own words twice.
      const official = tokenizer.tokenize(officialTermsFor(previous ? `${previous} ${query.text}` : query.text).join(' ')).filter((t) => !termWeights.has(t) && documentFrequency(index.keyword, t) > 0);
      if (bigramIndex) {
        const grams = new Map(charBigrams(query.text).map((g) => [g, 1]));
        if (previous) for (const g of charBigrams(previous)) if (!grams.has(g)) grams.set(g, followUp ? p.followUpContextWeight : p.contextWeight);
        lists.push({ name: 'bigram', weight: p.bigramWeight, items: bm25Top(bigramIndex, [...grams.keys()], p.candidates, ok, grams).map((x) => ({ id: x.doc, score: x.score })) });
      }
      if (official.length) lists.push(keywordList('keyword+official', new Map([...termWeights, ...official.map((t) => [t, 1] as const)]), p.officialTermWeight));

      if (clauseVectors) {
        // only the other lists' candidates are scored: a full scan would cost more than it ranks
        const candidates = new Set(lists.flatMap((l) => l.items.map((x) => x.id)));
        const items = [...candidates].map((id) => ({ id, score: dotAt(clauseVectors, id, dim, qVector) })).sort((a, b) => b.score - a.score || a.id - b.id);
        lists.push({ name: 'dense-clause', weight: p.clauseVectorWeight, items });
      }

      const cue = kindCue(query.kind);
      const fuse = p.fusion === 'rrf' ? (l: RankedList[]) => reciprocalRankFusion(l, p.rrfK) : normalisedScoreFusion;
      const fused = fuse(lists).map((f) => {
        const clause = index.clauses[f.id]!;
        const region = docOf(clause).region;
        const penalised = regions.length > 0 && region !== null && !regions.includes(region);
        const carries = cue !== null && cue.test(clause.text);
        return { ...f, score: f.score * (penalised ? p.otherRegionFactor : 1) * (carries ? p.kindFactor : 1) };
      });
      fused.sort((a, b) => b.score - a.score || a.id - b.id);
      const reference = resolveReference(query.text, references, previous);
      const ranked = reference ? applyReference(fused, reference, (id) => index.clauses[id]!.docId, p.otherDocumentFactor, ok, (id, score) => ({ id, score, ranks: {} })) : fused;

      const termSet = new Set(terms);
      const hits = ranked.slice(0, request.top ?? 10).map((f) => {
        const clause = index.clauses[f.id]!;
        // looked up in the postings: a Set of a long clause's terms per hit was a fifth of a search's own time
        const matched = [...termSet].filter((t) => hasTerm(index.keyword, f.id, t)).length;
        // the question's own vector picks the window; measured better than question + context for follow-ups
        const best = bestPassage(qVector, f.id);
        const window = index.passages[best.passage]!;
        return {
          clause,
          document: docOf(clause),
          score: f.score,
          similarity: best.similarity,
          bestWindow: { from: window.from, to: window.to },
          termCoverage: termSet.size ? matched / termSet.size : 0,
        };
      });
      const topId = ranked[0]?.id;
      const ownSimilarity = hits[0]?.similarity ?? 0;
      // only a follow-up borrows the earlier question's closeness: a new question that is far from
      // everything must not pass for close because the one before it was (a weather question after an economy one)
      const similarity = topId === undefined ? 0 : Math.max(ownSimilarity, jointVector && followUp ? bestPassage(jointVector, topId).similarity : -1);
      return { query, terms, hits, similarity, ownSimilarity, reference, queryVector: qVector };
    },
  };
}

/** Each clause's window vectors averaged and scaled to unit length, clause after clause. */
function clauseMeans(index: PolicyIndex, dim: number): Float32Array {
  const out = new Float32Array(index.clauses.length * dim);
  index.passagesOfClause.forEach((passages, clause) => {
    const off = clause * dim;
    for (const id of passages) for (let d = 0; d < dim; d++) out[off + d]! += index.vectors[id * dim + d]!;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += out[off + d]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[off + d]! *= scale;
  });
  return out;
}
