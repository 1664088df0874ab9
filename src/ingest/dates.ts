const DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十五 → 25, 十 → 10, 一百零三 → 103; Arabic digits as they are (dates, article and heading numbers). */
export function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[〇零一二三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') { total += (current || 1) * 100; current = 0; }
    else if (ch === '十') { total += (current || 1) * 10; current = 0; }
    else current = DIGIT[ch] ?? 0;
  }
  return total + current;
}

function yearOf(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  if (text.length !== 4) return null;
  let y = 0;
  for (const ch of text) {
    const d = DIGIT[ch];
    if (d === undefined) return null;
    y = y * 10 + d;
  }
  return y;
}

const HAN_DIGITS = '〇零O一二三四五六七八九十';
export const DATE_PATTERN = new RegExp(
  `(\\d{4}|[${HAN_DIGITS}]{4})年(\\d{1,2}|[${HAN_DIGITS}]{1,3})月(\\d{1,2}|[${HAN_DIGITS}]{1,3})日`,
);
const ISO_PATTERN = /(\d{4})-(\d{1,2})-(\d{1,2})/;

/** Both 2018年6月25日 and 二〇一七年三月十四日 (and 2022-07-06) → ISO date, or null. */
export function parseDate(text: string): string | null {
  const m = DATE_PATTERN.exec(text);
  let y: number | null, mo: number | null, d: number | null;
  if (m) {
    y = yearOf(m[1]!);
    mo = chineseNumber(m[2]!);
    d = chineseNumber(m[3]!);
  } else {
    const iso = ISO_PATTERN.exec(text);
    if (!iso) return null;
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  }
  // a year outside four digits is a misread, not a date a policy can carry
  if (!y || y < 1000 || y > 9999 || !mo || !d || mo > 12 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A line that is nothing but a date: the signature date that closes a document. */
export function isDateLine(line: string): boolean {
  const m = DATE_PATTERN.exec(line);
  return m !== null && m[0].length === line.trim().length;
}
