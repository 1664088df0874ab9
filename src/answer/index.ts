export { createAnswerer, selectExcerpts, DEFAULT_EXCERPTS, type Answer, type Answerer, type Excerpt, type ExcerptParams } from './answerer.js';
export { abstainReason, yearsIn, DEFAULT_ABSTAIN, type AbstainParams, type AbstainReason } from './abstain.js';
export { citationOf, formatCitation, type Citation } from './citation.js';
export { loadPrompts, fill, PromptsSchema, PromptsError, type Prompts } from './prompts.js';
export { renderAnswer, renderExcerpt, renderSource, renderDocuments, corpusSummary, highlight, PLAIN, HTML, ANSI, type Markup, type CorpusSummary } from './render.js';
export { unitsOf } from './excerpt.js';
export { ConversationStore, NEW_TOPIC, type ChatMemory, type ConversationOptions } from './conversation.js';
export { createDialogue, checkQuestion, MAX_QUESTION_CHARS, type Dialogue, type QuestionCheck } from './dialogue.js';
export { cleanInput } from './input.js';
