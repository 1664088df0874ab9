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
// the note under a title: when the text was adopted, amended or issued ("(2017年12月28日中共慈溪市委十四届三次全体会议通过)")
export const ADOPTION_NOTE = /^[(（〔].*(通过|会议|发布|修订|修正|批准|公布)[)）〕]$/;
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

/** The kinds of document a title ends with; also where a second issued title is recognised. */
const DOC_TYPE_END = /(决定|意见|通知|办法|方案|规划|计划|细则|纲要|报告|规定|要点|条例|规则|标准|制度)(\s*[(（][^)）]*\d{4}[^)）]*[)）])?$/;

/**
 * The documents an issuing notice names: "关于印发A和B的通知" → [A, B]. A split at 和/及/与/、
 * is kept only when every later part is a whole title (it ends with a document type), since
 * "和" also occurs inside titles; the caller then checks each part stands as a line in the body.
 */
export function issuedTitles(noticeTitle: string): string[] {
  const m = /关于印发(.+)的通知$/.exec(noticeTitle);
  if (!m) return [];
  const inner = m[1]!;
  const quoted = [...inner.matchAll(/《([^》]+)》/g)].map((q) => q[1]!);
  if (quoted.length) return quoted;
  for (const sep of inner.matchAll(/[和及与、]/g)) {
    const a = inner.slice(0, sep.index);
    const b = inner.slice(sep.index! + 1);
    if (DOC_TYPE_END.test(a) && DOC_TYPE_END.test(b)) return [a, ...issuedTitles(`关于印发${b}的通知`)];
  }
  return [inner];
}

const squash = (t: string) => t.replace(/[\s《》]/g, '');

/** Index of the line where `title` starts, printed on one line or broken over up to three. */
export function findTitleLine(lines: Line[], title: string, from = 0, within = lines.length): number {
  const want = squash(title);
  for (let i = from; i < Math.min(lines.length, from + within); i++) {
    let joined = '';
    for (let k = i; k < Math.min(lines.length, i + 3); k++) {
      joined += squash(lines[k]!.text);
      if (joined === want) return i;
      if (!want.startsWith(joined)) break;
    }
  }
  return -1;
}

/** How many lines from `at` spell `title` (1–3). */
export function titleLength(lines: Line[], at: number, title: string): number {
  const want = squash(title);
  let joined = '';
  for (let k = at; k < Math.min(lines.length, at + 3); k++) {
    joined += squash(lines[k]!.text);
    if (joined === want) return k - at + 1;
  }
  return 1;
}

export interface CoveringNotice {
  /** Salutation and the notice's own sentences ("现将…印发给你们，请…"). */
  body: Line[];
  /** Issuer line(s) and the date that sign the notice. */
  signature: Line[];
  issuer: string | null;
  date: string | null;
  /** Lines the notice and the issued document's title take at the start of `lines`. */
  length: number;
  /** Lines of the issued document's own title, after the notice. */
  titleLines: Line[];
}

/** Lines a covering notice may take before the document it issues starts. */
const MAX_NOTICE_LINES = 12;

/**
 * A page that carries an issuing notice in full: salutation, "现将《X》印发给你们", signature,
 * date, then X's own title. Found by X's title coming back after a date within a few lines.
 */
export function readCoveringNotice(lines: Line[], issuedTitle: string): CoveringNotice | null {
  const at = findTitleLine(lines, issuedTitle, 1, MAX_NOTICE_LINES);
  if (at < 0) return null;
  let dateAt = at - 1;
  while (dateAt >= 0 && !isDateLine(lines[dateAt]!.text)) dateAt--;
  if (dateAt < 0) return null;
  let sigFrom = dateAt;
  // the issuer signs above the date, sometimes with a second body in brackets on its own line
  while (sigFrom > 0 && dateAt - sigFrom < 3 && isSignatureLine(lines[sigFrom - 1]!.text)) sigFrom--;
  const signature = lines.slice(sigFrom, dateAt + 1);
  const issuerLine = signature.find((l) => !isDateLine(l.text) && !/^[(（]/.test(l.text));
  const n = titleLength(lines, at, issuedTitle);
  return {
    body: lines.slice(0, sigFrom),
    signature,
    issuer: issuerLine?.text ?? null,
    date: parseDate(lines[dateAt]!.text),
    length: at + n,
    titleLines: lines.slice(at, at + n),
  };
}

const isSignatureLine = (text: string) => text.length <= 40 && !/[。；;：:，,]/.test(text) && lineShape(text).marker === null;

/** The place a name starts with: "宁波市奉化区2022年…" → 奉化, "慈溪市人民政府" → 慈溪. */
export function placeOf(name: string | null): string | null {
  if (!name) return null;
  const prefix = /^(?:中共|中国共产党)?((?:[\p{Script=Han}]{2,3}?(?:省|自治区|市|县|区|自治州|州|旗)){1,3})/u.exec(name);
  if (!prefix) return null;
  const parts = [...prefix[1]!.matchAll(/([\p{Script=Han}]{2,3}?)(?:省|自治区|市|县|区|自治州|州|旗)/gu)].map((p) => p[1]!);
  return parts[parts.length - 1] ?? null;
}

/** Documents that are annual by nature: their title means little without the year. */
const ANNUAL = /^(政府工作报告|工作报告|工作要点|工作计划|工作总结)/;

/**
 * A page may print a bare title ("政府工作报告(摘要)") and state the place and year elsewhere
 * (issuer, publication date): complete it so that the citation names the document fully.
 */
export function completeTitle(title: string, issuer: string | null, date: string | null): string {
  let out = title;
  const place = issuer ? /^(?:[\p{Script=Han}]{2,3}?(?:省|市|县|区)){1,3}/u.exec(issuer)?.[0] ?? null : null;
  if (place && placeOf(out) === null && !out.includes(place.replace(/[省市县区]$/, ''))) out = place + out;
  if (date && ANNUAL.test(title) && !/\d{4}年/.test(out)) out = `${date.slice(0, 4)}年${out}`;
  return out;
}
