/*
 * When a document's own text says its measures run out: "实施期限为2017年1月1日至12月31日",
 * "有效期至2020年12月31日", a plan for "2016—2020年" or the "十三五" period. A citation of a
 * document whose period has passed says so (relative to today, which callers inject).
 */
export interface StatedPeriod {
  /** The end as the document states it, e.g. "2017年12月31日". */
  label: string;
  /** Last day of the period, ISO. */
  end: string;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/*
 * Whose period a span is: a document's body names other documents' periods all the time
 * ("落实《…实施方案(2021-2025年)》", "上一轮三年(2020-2022年)行动计划"). A span counts as the
 * document's own only in its title, or in a sentence that speaks of the document itself, and
 * never inside 《…》, which always names another document.
 */
const NAMED_DOCUMENT = /《[^《》]*》/g;
const SELF_REFERENCE = /本(?:方案|规划|计划|意见|政策|纲要|细则|办法|通知|决定|要点|文件|规定)|(?:制定|制订)[^。；;，,]{0,24}如下|规划期|实施期限|有效期|执行期|试行期|实施期/;

/** A year's work plan names its year in the title: "2022年…工作要点", "2019年…工作计划". */
const YEAR_PLAN = /(?<!\d)(20\d{2})年.{0,40}(工作要点|工作计划|行动计划|实施计划|工作方案)/;

/**
 * The period a document states for itself: its title's own span ("规划(2016—2020年)", a
 * 2022 work plan) when it names one, since a body quoting another plan's years says nothing
 * of this one's; else the latest end any of its clauses states. `texts` = [title, …clauses]. Pure.
 */
export function statedPeriod(texts: string[]): StatedPeriod | null {
  const [title, ...body] = texts;
  if (title === undefined) return null;
  const own = spanIn([title], true);
  if (own) return own;
  const plan = YEAR_PLAN.exec(title.normalize('NFKC'));
  if (plan) return { label: `${plan[1]}年`, end: iso(Number(plan[1]), 12, 31) };
  return spanIn(body, false);
}

/** The latest end the texts state for their document, or null; a title's spans all count. */
function spanIn(texts: string[], titled: boolean): StatedPeriod | null {
  let best: StatedPeriod | null = null;
  const offer = (p: StatedPeriod) => {
    if (!best || p.end > best.end) best = p;
  };
  texts.forEach((raw, i) => {
    const own = raw.normalize('NFKC').replace(NAMED_DOCUMENT, '《》');
    const sentences = i === 0 && titled ? [own] : own.split(/(?<=[。；;])/).filter((s) => SELF_REFERENCE.test(s));
    for (const t of sentences) {
      // 实施期限/有效期/执行期 … 至 [YYYY年]M月D日
      for (const m of t.matchAll(/(实施期限|有效期|执行期|试行期|实施期)[^。;]{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日?(?:起)?至((\d{4})年)?(\d{1,2})月(\d{1,2})日/g)) {
        const y = Number(m[6] ?? m[2]);
        offer({ label: `${y}年${m[7]}月${m[8]}日`, end: iso(y, Number(m[7]), Number(m[8])) });
      }
      for (const m of t.matchAll(/(有效期|实施期限|执行期)[^。;]{0,6}?至(\d{4})年(\d{1,2})月(\d{1,2})日/g)) offer({ label: `${m[2]}年${m[3]}月${m[4]}日`, end: iso(Number(m[2]), Number(m[3]), Number(m[4])) });
      // a plan's span in its title or framing: (2016—2020年), 2016-2020年
      for (const m of t.matchAll(/(?<!\d)(20\d{2})\s*[—–\-－~～至到]\s*(20\d{2})年/g)) {
        const [a, b] = [Number(m[1]), Number(m[2])];
        if (b > a && b - a <= 10) offer({ label: `${b}年`, end: iso(b, 12, lastDay(b, 12)) });
      }
      // 十三五 = 2016–2020, 十四五 = 2021–2025: the five-year plan periods
      for (const m of t.matchAll(/[“"]?十([一二三四五六七八九])五[”"]?(时期|期间|规划|行动方案|发展)/g)) {
        const n = 10 + CN_DIGITS[m[1]!]!;
        const end = 1955 + 5 * n; // from the 三五 plan (1966–1970) on: 十三五 ends 2020, 十四五 2025
        offer({ label: `“十${m[1]}五”时期（${end - 4}—${end}年）`, end: iso(end, 12, 31) });
      }
    }
  });
  return best;
}

/** The stated period, when it ended before `today`. */
export function endedPeriod(period: StatedPeriod | null, today: Date): StatedPeriod | null {
  return period && period.end < today.toISOString().slice(0, 10) ? period : null;
}
