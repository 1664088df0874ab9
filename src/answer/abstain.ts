import type { AnalyzedQuery, SearchHit } from '../search/index.js';

/** Thresholds for "not found"; defaults calibrated on the dev set (README, "Measurements"). */
export interface AbstainParams {
  /** Below this similarity of the question to the best window, nothing answers it. */
  minSimilarity: number;
  /** Below this similarity, a best clause sharing no term with the question does not answer it. */
  minSimilarityWithoutTerms: number;
}
export const DEFAULT_ABSTAIN: AbstainParams = { minSimilarity: 0.42, minSimilarityWithoutTerms: 0.5 };

export type AbstainReason = 'no-results' | 'small-talk' | 'other-place' | 'year-not-covered' | 'no-amount' | 'no-duration' | 'low-similarity';

export interface AbstainInput {
  query: AnalyzedQuery;
  /** The question's own text (follow-up context excluded). */
  question: string;
  hits: SearchHit[];
  /** Best similarity of the question, or of question + context for a follow-up. */
  similarity: number;
  /** Years that occur anywhere in the corpus's clauses. */
  corpusYears: ReadonlySet<number>;
  /** The earliest document's year: an unmentioned year before it is history ("1980年造的"), not a request. */
  firstYear: number;
  /** The quotes that would be shown, best first. */
  quotes: string[];
  /** The question's most specific terms that the corpus knows (rarest first): what it is about. */
  topicTerms: string[];
}

/** Talking to the bot rather than asking about policy. */
const SMALL_TALK = /^(你是谁|你是什么|你叫什么|你好|您好|hi|hello|hey|谢谢|多谢|在吗|在不在|你能做什么|你会什么|早上好|晚上好)[\s!！?？。.~～呀啊吗呢]*$/i;

/*
 * Places outside the corpus (which covers 慈溪, 象山 and 奉化, all in 宁波, 浙江). Asking about
 * another place's rules is out of scope; naming it as where one comes from is not ("户口在江西").
 */
const OTHER_PLACES = ['北京', '上海', '天津', '重庆', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '香港', '澳门', '台湾', '南京', '苏州', '无锡', '广州', '深圳', '武汉', '成都', '西安', '郑州', '长沙', '合肥', '厦门', '青岛', '济南', '温州', '绍兴', '嘉兴', '台州', '金华', '湖州', '舟山', '余姚', '鄞州', '镇海', '北仑'];
const ORIGIN_BEFORE = /(户口在|户籍在|老家|来自|从|是)$/;
const ORIGIN_AFTER = /^(人|户口|户籍|籍|老家|来的|过来)/;
const CORPUS_PLACES = /慈溪|象山|奉化|宁波|杭州湾新区/;

function asksAboutOtherPlace(text: string): boolean {
  if (CORPUS_PLACES.test(text)) return false;
  for (const place of OTHER_PLACES) {
    let at = text.indexOf(place);
    while (at >= 0) {
      const before = text.slice(0, at);
      const after = text.slice(at + place.length);
      if (!ORIGIN_BEFORE.test(before) && !ORIGIN_AFTER.test(after)) return true;
      at = text.indexOf(place, at + place.length);
    }
  }
  return false;
}

/** A question for a sum of money is answered only by a clause that states one. */
// 补/给多少 is left out: a subsidy rule ("给予同等定额补助") answers it without a figure
const ASKS_AMOUNT = /多少钱|几块钱|多少元|(领|交|缴|拿|涨)(到)?多少|每个?月.{0,6}多少钱/;
const STATES_AMOUNT = /\d+(\.\d+)?\s*(万|千|百)?元|[一二三四五六七八九十百千万]+元/;

/** A question for a period ("有效期几年", "多久能办下来") is answered only by a sentence that states one. */
const ASKS_DURATION = /几年|多少年|多久|多长时间|有效期/;
const STATES_DURATION = /(?<![\d月])\d{1,3}\s*(年|个月|个工作日|工作日|日|天|小时)|[一二三四五六七八九十两半]+(年|个月|个工作日|工作日|天|小时)|当场|即时|立即|日至|至\d{1,4}年|至\d{1,2}月/; // a period, or a range of dates

/** Why the question should get "not found", or null when the hits answer it. Pure. */
export function abstainReason(x: AbstainInput, p: AbstainParams = DEFAULT_ABSTAIN): AbstainReason | null {
  const text = x.question.normalize('NFKC').trim();
  if (SMALL_TALK.test(text)) return 'small-talk';
  if (!x.hits.length) return 'no-results';
  if (asksAboutOtherPlace(text)) return 'other-place';
  if (x.query.years.some((y) => y >= x.firstYear && !x.corpusYears.has(y))) return 'year-not-covered';
  // a sum answers only when stated next to what was asked about, not anywhere in a loosely related clause
  const onTopic = (q: string) => !x.topicTerms.length || x.topicTerms.some((t) => q.includes(t));
  if (ASKS_AMOUNT.test(text) && !x.quotes.some((q) => STATES_AMOUNT.test(q) && onTopic(q))) return 'no-amount';
  if (ASKS_DURATION.test(text) && !x.quotes.some((q) => STATES_DURATION.test(q))) return 'no-duration';
  const best = x.hits[0]!;
  if (x.similarity < p.minSimilarity) return 'low-similarity';
  if (best.termCoverage === 0 && x.similarity < p.minSimilarityWithoutTerms) return 'low-similarity';
  return null;
}

/** Years mentioned in the corpus: a question about any other year is about something it does not cover. */
export function yearsIn(texts: Iterable<string>): Set<number> {
  const years = new Set<number>();
  for (const t of texts) for (const m of t.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)) years.add(Number(m[0]));
  return years;
}
