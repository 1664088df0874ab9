export { createAnswerer, selectExcerpts, DEFAULT_EXCERPTS, type Answer, type Answerer, type Excerpt, type ExcerptParams } from './answerer.js';
export { abstainReason, yearsIn, DEFAULT_ABSTAIN, type AbstainParams, type AbstainReason } from './abstain.js';
export { citationOf, formatCitation, type Citation } from './citation.js';
export { loadPrompts, fill, PromptsSchema, PromptsError, type Prompts } from './prompts.js';
export { renderAnswer, renderExcerpt, renderSource, renderDocuments, corpusSummary, highlight, PLAIN, HTML, ANSI, type Markup, type CorpusSummary } from './render.js';
export { unitsOf } from './excerpt.js';
