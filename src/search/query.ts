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

const REGION_NAMES: [Region, RegExp][] = [
  ['慈溪', /慈溪|杭州湾新区/],
  ['象山', /象山/],
  ['奉化', /奉化/],
];

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

export function analyzeQuery(question: string): AnalyzedQuery {
  const text = question.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const years = [...text.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
  return {
    text,
    regions: REGION_NAMES.filter(([, re]) => re.test(text)).map(([r]) => r),
    kind: KINDS.find(([, re]) => re.test(text))?.[0] ?? 'general',
    years,
    isFollowUp: FOLLOW_UP.test(text) || text.length <= 8,
  };
}
