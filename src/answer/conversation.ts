import type { Answer } from './answerer.js';

/** What a chat remembers: its recent questions (for follow-ups) and the last answer (for 全文/更多). */
export interface ChatMemory {
  questions: string[];
  lastAnswer: Answer | null;
  /** Clauses of the last answer already shown, as excerpts or by "更多". */
  shown: Set<string>;
  updatedAt: number;
}

export interface ConversationOptions {
  /** After this long without a message a chat starts afresh. */
  ttlMs: number;
  /** Earlier questions kept as context. */
  maxQuestions?: number;
  /** Chats remembered at once; the least recently used is forgotten first. */
  maxChats?: number;
  now?: () => number;
}

/** "换个问题" and the like start a new topic, as /new does. */
export const NEW_TOPIC = /^(换个问题|换个话题|新问题|重新开始|清除上下文)[。.!！]?$/;

/** Per-chat memory with expiry; in-process, so a restart forgets, which is what users expect of context. */
export class ConversationStore {
  private readonly chats = new Map<string, ChatMemory>();
  private readonly now: () => number;
  private readonly maxQuestions: number;
  private readonly maxChats: number;

  constructor(private readonly options: ConversationOptions) {
    this.now = options.now ?? Date.now;
    this.maxQuestions = options.maxQuestions ?? 3;
    this.maxChats = options.maxChats ?? 10_000;
  }

  get(chat: string): ChatMemory | null {
    const m = this.chats.get(chat);
    if (!m) return null;
    if (this.now() - m.updatedAt > this.options.ttlMs) {
      this.chats.delete(chat);
      return null;
    }
    return m;
  }

  /** Earlier questions to answer a new one in the light of. */
  context(chat: string): string[] {
    return this.get(chat)?.questions ?? [];
  }

  remember(chat: string, question: string, answer: Answer): void {
    const prev = this.get(chat);
    // a question answered "not found" is no context worth carrying
    const questions = answer.status === 'answered' ? [...(prev?.questions ?? []), question].slice(-this.maxQuestions) : (prev?.questions ?? []);
    this.chats.delete(chat);
    const shown = new Set(answer.status === 'answered' ? answer.excerpts.map((e) => e.clauseId) : []);
    this.chats.set(chat, { questions, lastAnswer: answer, shown, updatedAt: this.now() });
    if (this.chats.size > this.maxChats) this.chats.delete(this.chats.keys().next().value!);
  }

  markShown(chat: string, clauseIds: string[]): void {
    const m = this.get(chat);
    if (m) for (const id of clauseIds) m.shown.add(id);
  }

  clear(chat: string): void {
    this.chats.delete(chat);
  }
}
