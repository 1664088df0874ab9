import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../config/index.js';

const text = z.string().min(1);

/** Every user-facing string. A key missing from the file fails at start, not mid-chat. */
export const PromptsSchema = z
  .object({
    welcome: text,
    exampleQuestions: z.array(text).min(1),
    help: text,
    helpGroup: text,
    docsHeader: text,
    docsItem: text,
    answerIntro: text,
    excerpt: text,
    answerFooter: text,
    citationArticle: text,
    notFound: text,
    error: text,
    rateLimited: text,
    tooLong: text,
    emptyQuestion: text,
    nonText: text,
    unknownCommand: text,
    newConversation: text,
    moreHeader: text,
    noMore: text,
    fullClauseHeader: text,
    sourceHeader: text,
    sourceItem: text,
    unknownValue: text,
    staleButton: text,
    indexBuilding: text,
    indexProgress: text,
    indexBuilt: text,
    /** The bot's command menu in Telegram, one description per command. */
    botCommands: z.object({ help: text, docs: text, new: text, ask: text }).strict(),
    inlineHint: text,
    inlineNoResult: text,
    buttonFull: text,
    buttonMore: text,
    buttonSource: text,
    chatPrompt: text,
    chatWelcome: text,
    chatBye: text,
    chatHelp: text,
    chatAnswerHint: text,
    chatNoExcerpt: text,
    chatUnknownCommand: text,
    /** Numbered excerpt, so that /full N and /source N are obvious. */
    excerptNumbered: text,
    /** After a citation whose document's own period has ended. */
    periodEnded: text,
    /** A question about a place the configuration does not cover: said before anything else. */
    otherPlace: text,
    /** No clause settles the question; the nearest ones follow as related reading. */
    noDirectRule: text,
  })
  .strict();
export type Prompts = z.infer<typeof PromptsSchema>;
export type PromptKey = { [K in keyof Prompts]: Prompts[K] extends string ? K : never }[keyof Prompts];

export class PromptsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptsError';
  }
}

export function loadPrompts(dir: string, locale = 'zh-CN'): Prompts {
  const path = join(dir, `${locale}.json`);
  if (!existsSync(path)) throw new PromptsError(`reply templates not found: ${path}`);
  const parsed = parseJson(readFileSync(path, 'utf8'), PromptsSchema);
  if (!parsed.ok) throw new PromptsError(`${path}: ${parsed.problem}`);
  return parsed.value;
}

/** Fill `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
