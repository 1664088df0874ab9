import type { Line } from './lines.js';
import { isDateLine, parseDate } from './dates.js';
import { lineShape } from './structure.js';

/** 文号: issuer abbreviation, 〔year〕, serial number, 号. */
export const DOC_NUMBER = /[\p{Script=Han}]{1,8}〔\d{4}〕\d{1,4}号/u;
/** A title that runs into its 文号 ("…的决定慈党〔2017〕9号") ends with the document's type. */
const TITLE_THEN_NUMBER = /^(.*(?:决定|意见|通知|办法|方案|规划|细则|纲要|报告|规定|要点))([\p{Script=Han}]{1,8}〔\d{4}〕\d{1,4}号)$/u;
const DOC_NUMBER_LINE = new RegExp(`^(.*?)(${DOC_NUMBER.source})$`, 'u');
/** A header line of a document: short, no sentence punctuation, no list numbering. */
const HEADER_MAX = 70;
const MAX_HEADER_LINES = 5;
/** "(2017年12月28日中共慈溪市委十四届三次全体会议通过)" under a title. */
const ADOPTION_NOTE = /^[(（〔].*(通过|会议|发布)[)）〕]$/;
const ISSUER_LINE = /^(中共|中国共产党)?[\p{Script=Han}\s]{2,30}(人民政府|委员会|市委|办公室|办公厅|局|领导小组|领导小组办公室)$/u;
const NOTICE = /^(.*?)关于印发(.+?)的通知$/;

export interface DocumentHeader {
  title: string;
  noticeTitle: string | null;
  docNumber: string | null;
  issuer: string | null;
  /** Number of lines the header occupies at the start of the document's lines. */
  length: number;
}

export interface DocumentSignature {
  date: string | null;
  issuer: string | null;
  /** Number of lines at the end that are signature (issuer, date). */
  length: number;
}

function isHeaderCandidate(text: string): boolean {
  if (text.length > HEADER_MAX) return false;
  if (/[。；;！？:：]$/.test(text) || /[，,]/.test(text)) return false;
  if (lineShape(text).marker !== null) return false;
  return true;
}

/**
 * The header of a document in a collection: its title line(s), an adoption note, the 文号,
 * and for an issuing notice the title of the document it issues.
 */
export function readHeader(lines: Line[]): DocumentHeader {
  let k = 0;
  const titleParts: string[] = [];
  let docNumber: string | null = null;
  while (k < lines.length && k < MAX_HEADER_LINES) {
    const text = lines[k]!.text;
    const numbered = TITLE_THEN_NUMBER.exec(text) ?? DOC_NUMBER_LINE.exec(text);
    if (numbered && numbered[1]!.length <= HEADER_MAX) {
      if (numbered[1]) titleParts.push(numbered[1]);
      docNumber = numbered[2]!;
      k++;
      break;
    }
    if (!isHeaderCandidate(text)) break;
    if (!ADOPTION_NOTE.test(text)) titleParts.push(text);
    k++;
    // without a 文号, a title is one or two lines; stop before the first body heading
    if (docNumber === null && titleParts.length >= 2 && !lines.slice(k, MAX_HEADER_LINES).some((l) => DOC_NUMBER_LINE.test(l.text))) break;
  }
  if (docNumber === null && titleParts.length > 1) {
    // no 文号 found: only the first line is safely a title
    k = 1;
    titleParts.length = 1;
  }
  let noticeTitle: string | null = null;
  let title = titleParts.join('').replace(/\s+/g, ' ').trim();
  // an issuing notice is followed by the issued document's own title
  const next = lines[k]?.text;
  if (docNumber && next && isHeaderCandidate(next) && !ADOPTION_NOTE.test(next) && next.length <= 40) {
    noticeTitle = title;
    title = next;
    k++;
    const sub = lines[k]?.text;
    if (sub && /^[(（].*\d{4}.*[)）]$/.test(sub) && sub.length <= 20) {
      title += sub;
      k++;
    }
  } else {
    const m = NOTICE.exec(title);
    if (m) {
      noticeTitle = title;
      title = m[2]!.replace(/^《|》$/g, '');
    }
  }
  const issuer = issuerOf(noticeTitle ?? title);
  return { title: title || '(无标题)', noticeTitle, docNumber, issuer, length: k };
}

function issuerOf(title: string): string | null {
  const at = title.indexOf('关于');
  if (at <= 0) return null;
  return title.slice(0, at).trim() || null;
}

/** The closing signature: an optional issuer line, then the date alone on a line. */
export function readSignature(lines: Line[]): DocumentSignature {
  const last = lines[lines.length - 1];
  if (!last || !isDateLine(last.text)) return { date: null, issuer: null, length: 0 };
  const before = lines[lines.length - 2];
  const issuer = before && ISSUER_LINE.test(before.text) && before.text.length <= 30 ? before.text : null;
  return { date: parseDate(last.text), issuer, length: issuer ? 2 : 1 };
}

/** Split a collection's body into documents: each ends at a date standing alone on a line. */
export function splitCollection(lines: Line[]): Line[][] {
  const docs: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    current.push(line);
    if (isDateLine(line.text)) {
      docs.push(current);
      current = [];
    }
  }
  if (current.length) docs.push(current);
  return docs;
}
