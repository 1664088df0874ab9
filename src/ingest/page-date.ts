import type { Line } from './lines.js';
import type { DateKind } from './types.js';
import { parseDate } from './dates.js';

/*
 * The date a web page prints around a document, and what kind of date it is:
 *   "2018-02-04 10:25   稿源:慈溪日报"            the day the paper published it
 *   "发布机构 区发改局 发文日期 2022-07-06"        the day the site published it
 *   "时间:2022-12-08 06:20:01来源:法律常识"         a repost's timestamp, not the policy's date
 * A date the document signs itself with always wins over these.
 */
const RULES: { re: RegExp; kind: DateKind }[] = [
  { re: /^时间[:：]\s*(\d{4}-\d{1,2}-\d{1,2})[\s\d:]*来源[:：]/, kind: 'reposted' },
  { re: /^(\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2}\s+稿源[:：]/, kind: 'published' },
  { re: /(?:发文日期|发布日期|发布时间)\s*[:：]?\s*(\d{4}-\d{1,2}-\d{1,2})/, kind: 'published' },
];

export interface PageDate {
  date: string;
  kind: DateKind;
}

export function readPageDate(furniture: Line[]): PageDate | null {
  for (const { re, kind } of RULES) {
    for (const line of furniture) {
      const m = re.exec(line.text);
      const date = m ? parseDate(m[1]!) : null;
      if (date) return { date, kind };
    }
  }
  return null;
}
