import type { Line } from './lines.js';

/*
 * Page furniture: what a web page or a yearbook database wraps around a document.
 * Patterns are kept narrow (whole-line shapes), because a false positive silently
 * drops policy text; the coverage test would not notice a line wrongly called furniture.
 */
const FURNITURE_LINE: RegExp[] = [
  /(\s\|\s.*){2,}/, // site navigation: 首页 | 新闻中心 | …
  /^(责任编辑|报料热线|数字电子报|主管[:：]|浙ICP|Copyright|关于我们|进入老年版|字体[:：]|索引号|公开方式|发布机构|时间[:：]\d{4}-)/,
  /^[\w.-]+@[\w.-]+$/, // contact e-mail
  /^\S.{0,40}\.\.\.$/, // truncated headline links
  /^[(（]来源[:：].*[)）]$/,
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+稿源[:：]/,
];
/** After these, a page has nothing but links and footer. */
const PAGE_TAIL = /^(\[打印该文\]|24小时最新新闻|相关新闻)/;

/** Yearbook database records: a header block before 内容, a footer from 知识出处. */
const YEARBOOK_BODY_START = /^内容$/;
const YEARBOOK_FOOTER = /^知识出处$/;
/** Headings of the yearbook itself, not of any document in it. */
const YEARBOOK_SECTION = /^(重要文件选编|文件选编|附录)$/;

export interface FurnitureSplit {
  body: Line[];
  furniture: Line[];
}

export function splitYearbookFurniture(lines: Line[]): FurnitureSplit {
  const startIdx = lines.findIndex((l) => YEARBOOK_BODY_START.test(l.text));
  const footerIdx = lines.findIndex((l, i) => i > startIdx && YEARBOOK_FOOTER.test(l.text));
  const from = startIdx >= 0 ? startIdx + 1 : 0;
  const to = footerIdx >= 0 ? footerIdx : lines.length;
  const body: Line[] = [];
  const furniture: Line[] = [];
  lines.forEach((l, i) => {
    const inBody = i >= from && i < to && !YEARBOOK_SECTION.test(l.text);
    (inBody ? body : furniture).push(l);
  });
  return { body, furniture };
}

export function splitPageFurniture(lines: Line[]): FurnitureSplit {
  const body: Line[] = [];
  const furniture: Line[] = [];
  let inTail = false;
  for (const l of lines) {
    if (!inTail && PAGE_TAIL.test(l.text)) inTail = true;
    (inTail || FURNITURE_LINE.some((re) => re.test(l.text)) ? furniture : body).push(l);
  }
  return { body, furniture };
}
