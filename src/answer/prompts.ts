import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from '../config/index.js';
import { telegramHtmlProblem } from './telegram-html.js';

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
    /** After a news report's line in /docs: a reprint is listed, never as a policy. */
    docsNewsMark: text,
    /** The intro when the first excerpt comes from a news report rather than a policy. */
    answerIntroNews: text,
    notFound: text,
    error: text,
    rateLimited: text,
    /** The bot's queue is full: said instead of an answer, so the asker knows to retry. */
    busy: text,
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
    /** A button under a message posted inline that needs a chat to answer in (更多, an example question). */
    inlineButtonNotice: text,
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
    /** The intro when the excerpts mix policies and news reports. */
    answerIntroMixed: text,
    /** The footers for all-news and mixed replies: neither calls a news report 原文. */
    answerFooterNews: text,
    answerFooterMixed: text,
    /** A greeting or "who are you": what the bot can do, in a line. */
    smallTalkGreeting: text,
    /** Thanks: a short 不客气. */
    smallTalkThanks: text,
    /** Terminal chat: /full or /source followed by something that is not an excerpt's number. */
    chatNeedNumber: text,
    /** A question about a named document itself (who issued it, when, its 文号, or a 文号 alone): its metadata. */
    documentIntro: text,
    documentItem: text,
    /** Under a document named by a 文号 alone: its opening sentences. */
    documentOpening: text,
    /** A named document has no clause under the article/item asked for: said instead of showing another. */
    referenceMissing: text,
    /** A 文号 alone that no document in the library carries. */
    docNumberUnknown: text,
    /** Asked about 今年, answered from a document for another year. */
    otherYear: text,
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
  const problem = templateProblem(parsed.value);
  if (problem) throw new PromptsError(`${path}: ${problem}`);
  return parsed.value;
}

interface TemplateRule {
  /** Placeholders the code fills in, with a sample value as the code would pass it. */
  values: Record<string, string>;
  /** Placeholders without which the reply loses something the user relies on. */
  required?: string[];
  /** Inserted into Telegram HTML as written (the others are escaped after filling). */
  html?: boolean;
}

/*
 * How each template is used (see render.ts and the bot's features). A template not listed
 * takes no placeholders. Samples for HTML templates carry markup and entities, as the real
 * values do (a highlighted quote, an escaped citation).
 */
const TEMPLATE_RULES: Partial<Record<PromptKey, TemplateRule>> = {
  excerpt: { values: { quote: '持有<b>居住证</b>的人员 &amp; 子女', citation: '《示例通知》第三条 · 示政发〔2018〕1号 · 2018-01-01' }, required: ['quote', 'citation'], html: true },
  helpGroup: { values: { botName: 'policy_qa_bot' } },
  docsHeader: { values: { count: '5' } },
  docsItem: { values: { n: '1', title: '示例', docNumber: ' 示政发〔2018〕1号', date: ' · 2018-01-01' }, required: ['title'] },
  answerIntro: { values: { question: '居住证 条件' } },
  answerIntroNews: { values: { question: '慈溪 GDP' } },
  citationArticle: { values: { title: '示例', articleNo: '第三条' }, required: ['title'] },
  rateLimited: { values: { seconds: '30' } },
  tooLong: { values: { length: '600', max: '500' }, required: ['max'] },
  sourceItem: { values: { title: '示例', docNumber: '示政发〔2018〕1号', issuer: '示例市人民政府', date: '2018-01-01', region: '示例市', path: '第一章' }, required: ['title'] },
  indexBuilding: { values: { reason: 'first start' } },
  indexProgress: { values: { done: '1', total: '2' } },
  indexBuilt: { values: { clauses: '100', seconds: '3' } },
  chatNoExcerpt: { values: { n: '9' } },
  excerptNumbered: { values: { n: '1', quote: '持有<b>居住证</b>的人员 &amp; 子女', citation: '《示例通知》第三条 · 示政发〔2018〕1号 · 2018-01-01' }, required: ['quote', 'citation'], html: true },
  periodEnded: { values: { end: '2020年' }, required: ['end'] },
  otherPlace: { values: { place: '杭州', places: '慈溪、象山、奉化' }, required: ['place'] },
  noDirectRule: { values: { question: '居住证 有效期' } },
  otherYear: { values: { year: '2022', thisYear: '2026' }, required: ['year', 'thisYear'] },
  notFound: { values: { years: '2017–2022年', places: '慈溪、象山、奉化' } },
  answerIntroMixed: { values: { question: '孩子上学 条件' } },
  smallTalkGreeting: { values: { places: '慈溪、象山、奉化' } },
  chatNeedNumber: { values: { command: '/full' }, required: ['command'] },
  documentIntro: { values: { question: '示政发〔2018〕1号' } },
  documentItem: { values: { n: '1', title: '示例办法', docNumber: '示政发〔2018〕1号', issuer: '示例市人民政府', date: '2018-01-01' }, required: ['title', 'docNumber', 'issuer', 'date'] },
  documentOpening: { values: { quote: '为了规范……，制定本办法。' }, required: ['quote'] },
  referenceMissing: { values: { title: '示例办法', label: '第九十九条' }, required: ['title', 'label'] },
  docNumberUnknown: { values: { docNumber: '示政发〔2018〕1号' }, required: ['docNumber'] },
};

/**
 * Pure: the first template that would break replies, named, or null. Each template is filled
 * with sample values; an HTML template must then be valid Telegram HTML (a stray "<" makes
 * Telegram refuse every answer), and none may keep a placeholder the code does not fill.
 */
export function templateProblem(p: Prompts): string | null {
  const templates: [string, string, TemplateRule | undefined][] = [];
  for (const [key, value] of Object.entries(p)) {
    if (typeof value === 'string') templates.push([key, value, TEMPLATE_RULES[key as PromptKey]]);
    else for (const [i, v] of Object.entries(value as Record<string, string>)) templates.push([`${key}.${i}`, v, undefined]);
  }
  for (const [key, template, rule] of templates) {
    const values = rule?.values ?? {};
    const missing = (rule?.required ?? []).find((name) => !template.includes(`{${name}}`));
    if (missing) return `template "${key}" must contain {${missing}}`;
    const unknown = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).find((name) => !(name in values));
    if (unknown) return `template "${key}" has {${unknown}}, which is never filled in${Object.keys(values).length ? ` (it may use ${Object.keys(values).map((v) => `{${v}}`).join(' ')})` : ''}`;
    const html = rule?.html ? telegramHtmlProblem(fill(template, values)) : null;
    if (html) return `template "${key}" is not valid Telegram HTML once filled in: ${html}`;
  }
  return null;
}

/** Fill `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}
