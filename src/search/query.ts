import type { Region } from '../ingest/index.js';

/** What a question asks for; decides which sentence of a clause answers it. */
export type QuestionKind = 'conditions' | 'materials' | 'responsible' | 'deadline' | 'number' | 'benefits' | 'general';

export interface AnalyzedQuery {
  /** The question as typed, normalised (NFKC, spaces folded). */
  text: string;
  regions: Region[];
  kind: QuestionKind;
  /** Years the question names (2025, 二〇二〇 not included). */
  years: number[];
  /** Leans on an earlier question: "那需要什么材料?", "责任单位是哪个?". */
  isFollowUp: boolean;
}

const KINDS: [QuestionKind, RegExp][] = [
  ['benefits', /有啥用|有什么用|有什么好处|有啥好处|享受什么|享受哪些|能享受|有哪些待遇|什么待遇|有什么权益|便利/],
  ['materials', /材料|带什么|带啥|证明|证件|需要提供|要提供|准备什么|准备啥|手续/],
  ['responsible', /哪个部门|哪个单位|什么部门|啥部门|责任单位|牵头|负责|谁负责|找谁|哪里办|去哪|在哪/],
  ['deadline', /什么时候|啥时候|哪天|多久|期限|截止|时间|进度|几月|日期|实施期/],
  ['number', /多少|比例|几个|几家|几条|几成|百分之|%|目标|达到|指标|覆盖率|率是/],
  ['conditions', /条件|能不能|能否|可以吗|可不可以|行吗|行不行|符合|资格|要求|能迁|能落|能办|可以办|可以迁/],
];

/** Openings and shapes of a question that continues the previous one. */
const FOLLOW_UP = /^(那|那么|那要|那如果|还有|另外|如果是|要是|假如|换成)|呢[?？]?$|^(这个|那个|它|他们|这些)/;

/**
 * `places`: the region names a question can name — the configured places and the documents' own
 * region values, passed in by the composition root; no place is known here by itself.
 */
export function analyzeQuery(question: string, places: readonly Region[] = []): AnalyzedQuery {
  const text = question.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const years = [...text.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
  return {
    text,
    regions: regionsNamedIn(text, places),
    kind: KINDS.find(([, re]) => re.test(text))?.[0] ?? 'general',
    years,
    isFollowUp: FOLLOW_UP.test(text) || text.length <= 8,
  };
}

/** The places `text` names, each once, in the order given; a name inside a longer named one is not counted twice. */
function regionsNamedIn(text: string, places: readonly Region[]): Region[] {
  const named = [...new Set(places)].filter((p) => p && text.includes(p));
  return named.filter((p) => !named.some((q) => q !== p && q.includes(p) && text.replaceAll(q, '').indexOf(p) < 0));
}

/** What marks a sentence as carrying the kind of answer asked for. */
const KIND_CUE: Record<QuestionKind, RegExp | null> = {
  materials: /材料|证明|提供|凭|证书|户口簿|身份证/,
  responsible: /单位|部门|局|负责|牵头|办理|机关|派出所/,
  deadline: /\d+月|\d+日|年底|月底|之前|以前|期限|工作日|起施行|实施期限/,
  // a quantity, not any digit: years and article numbers are not what 多少 asks for
  number: /\d+(\.\d+)?\s*(%|％|‰|万|亿|元|个|家|项|名|人|条|台|所|张|户|座|公里|平方米|倍|天|小时|分钟)|百分之|[一二三四五六七八九十百千]+(个|家|项|名|条|所|座)/,
  conditions: /的[,，]|满|以上|以下|可以|应当|符合|条件/,
  benefits: /享有|享受|便利|待遇|权益|优惠/,
  general: null,
};

export function kindCue(kind: QuestionKind): RegExp | null {
  return KIND_CUE[kind];
}
