export { analyzeQuery, kindCue, type AnalyzedQuery, type QuestionKind } from './query.js';
export { officialTermsFor } from './thesaurus.js';
// the bigram view lives with the index, which stores a bigram field built at index time
export { charBigrams, hanShare } from '../index/index.js';
export { normalisedScoreFusion, reciprocalRankFusion, type RankedList, type FusedItem } from './fuse.js';
export { createSearcher, DEFAULT_SEARCH, type Searcher, type SearchHit, type SearchRequest, type SearchResult, type SearchParams, type SearchFilter } from './search.js';
export { buildReferenceCatalog, resolveReference, parseReference, applyReference, chineseNumeral, type Resolution, type ReferenceCatalog, type DocumentAsk } from './reference.js';
