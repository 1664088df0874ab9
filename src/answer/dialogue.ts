import type { Clause, DocumentMeta } from '../ingest/index.js';
import type { Answer, Answerer } from './answerer.js';
import { citationOf } from './citation.js';
import { ConversationStore, NEW_TOPIC } from './conversation.js';
import { fill, type Prompts } from './prompts.js';
import { cleanInput } from './input.js';
import { renderAnswer, renderDocuments, renderExcerpt, renderSource, type CorpusSummary, type Markup } from './render.js';
import type { SearchHit } from '../search/index.js';

/** Longest question accepted, in characters; longer input is someone pasting, not asking. */
export const MAX_QUESTION_CHARS = 500;

export type QuestionCheck = { ok: true; question: string } | { ok: false; reply: string };

/** Empty or oversized input gets a clear reply and changes nothing; invisible and control characters are dropped first. */
export function checkQuestion(text: string | undefined, p: Prompts): QuestionCheck {
  const question = cleanInput(text ?? '').replace(/\s+/g, ' ').trim();
  if (!question) return { ok: false, reply: p.emptyQuestion };
  if (question.length > MAX_QUESTION_CHARS) return { ok: false, reply: fill(p.tooLong, { length: question.length, max: MAX_QUESTION_CHARS }) };
  return { ok: true, question };
}

export interface DialogueDeps {
  answerer: Answerer;
  prompts: Prompts;
  store: ConversationStore;
  corpus: CorpusSummary;
  documents: DocumentMeta[];
  /** A clause of the current index by id: 全文 and 出处 work on any answer still in the index. */
  clauseById: (id: string) => { clause: Clause; document: DocumentMeta } | null;
}

/**
 * The answer path shared by the terminal chat and the bot: context in, reply out, memory
 * updated. Surfaces differ only in markup and in how they offer 全文 / 更多 / 出处.
 */
export function createDialogue(deps: DialogueDeps) {
  const { prompts: p, store } = deps;
  const docsById = new Map(deps.documents.map((d) => [d.id, d]));
  const hitsOf = (a: Answer | null | undefined): SearchHit[] => a?.hits ?? [];
  /** Clause ids in the order the chat saw them numbered: the answer's excerpts, then each "更多". */
  const shownInOrder = (chat: string): string[] => {
    const mem = store.get(chat);
    const a = mem?.lastAnswer;
    if (!mem || a?.status !== 'answered') return [];
    const own = a.excerpts.map((e) => e.clauseId);
    return [...own, ...[...mem.shown].filter((id) => !own.includes(id))];
  };

  return {
    /** Answer a question in the chat's context; returns the answer and its rendering. */
    async ask(chat: string, question: string, m: Markup): Promise<{ answer: Answer; reply: string; isNewTopic: boolean }> {
      if (NEW_TOPIC.test(question)) {
        store.clear(chat);
        return { answer: { status: 'not-found', question, reason: 'small-talk', hits: [] }, reply: m.escape(p.newConversation), isNewTopic: true };
      }
      const context = store.context(chat);
      const last = store.get(chat)?.lastAnswer;
      // the earlier answer's own ranking is the topic to carry: no second search of the earlier question
      const topicHits = last?.status === 'answered' && last.question === context[context.length - 1] ? last.hits : undefined;
      const answer = await deps.answerer.answer({ question, context, topicHits });
      store.remember(chat, question, answer);
      return { answer, reply: renderAnswer(answer, p, m, deps.corpus), isNewTopic: false };
    },

    /** The next results of the last answer, as excerpts with citations. */
    more(chat: string, m: Markup, count = 3): string {
      const mem = store.get(chat);
      const hits = hitsOf(mem?.lastAnswer);
      const next = hits.filter((h) => !mem?.shown.has(h.clause.id)).slice(0, count);
      if (!mem || !next.length) return m.escape(p.noMore);
      // numbered on from the reply's own excerpts, so that /full N and /source N reach these too
      const first = shownInOrder(chat).length + 1;
      store.markShown(chat, next.map((h) => h.clause.id));
      const items = next.map((h, i) => renderExcerpt({ quote: firstSentences(h.clause.text), citation: citationOf(h.clause, h.document), clauseId: h.clause.id, docId: h.clause.docId, highlights: [], periodEnded: null }, p, m, first + i));
      return `${m.escape(p.moreHeader)}\n\n${items.join('\n\n')}`;
    },

    /** The clause numbered `n` in the chat's last answer and the "更多" that followed it, or null. */
    clauseAt: (chat: string, n: number): string | null => (Number.isInteger(n) && n >= 1 ? (shownInOrder(chat)[n - 1] ?? null) : null),

    /** A clause in full, by id. Null when the index no longer has it (a button from before a rebuild). */
    full(clauseId: string, m: Markup): string | null {
      const hit = deps.clauseById(clauseId);
      if (!hit) return null;
      return `${m.escape(p.fullClauseHeader)}\n${renderExcerpt({ quote: hit.clause.text, citation: citationOf(hit.clause, hit.document), clauseId, docId: hit.clause.docId, highlights: [], periodEnded: null }, p, m)}`;
    },

    source(clauseId: string, m: Markup): string | null {
      const hit = deps.clauseById(clauseId);
      if (!hit) return null;
      return renderSource(citationOf(hit.clause, hit.document), docsById.get(hit.clause.docId), p, m);
    },

    documents: (m: Markup) => renderDocuments(deps.documents, p, m),
    reset(chat: string): string {
      store.clear(chat);
      return p.newConversation;
    },
  };
}
export type Dialogue = ReturnType<typeof createDialogue>;

/** The opening of a clause for a "more results" list: whole sentences up to about 120 characters. */
function firstSentences(text: string, max = 120): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf(';'));
  return end > 30 ? cut.slice(0, end + 1) : cut + '…';
}
