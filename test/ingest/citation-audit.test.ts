import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestCorpus, type Clause, type DocumentMeta, type IngestedFile } from '../../src/ingest/index.js';
import { citationOf, formatCitation } from '../../src/answer/index.js';
import { SEEDS } from '../helpers.js';

/*
 * An independent reading of the five seeds, held against what ingestion cites.
 *
 * TRUE_DOCUMENTS was written by reading each seed: every document with the lines it spans
 * (1-based, inclusive, header and signature included). The heading detector below is written
 * separately from src/ingest and on purpose simpler: it reads a heading wherever a numbering
 * label starts a line, or continues its own sequence inside a line (run-on headings), and takes
 * an unnumbered title line that restarts the outline at 一、 for a part.
 */
interface TrueDocument {
  title: string;
  lines: [number, number];
  kind?: 'policy' | 'news';
}

const TRUE_DOCUMENTS: Record<string, TrueDocument[]> = {
  '000_be3a04d4208fbd75.txt': [
    { title: '中共慈溪市委 慈溪市人民政府关于全面实施乡村振兴战略着力打造城乡融合发展示范区的若干意见', lines: [13, 63] },
    { title: '中共慈溪市委关于高举习近平新时代中国特色社会主义思想伟大旗帜奋力推进创新活力之城美丽幸福慈溪建设的决定', lines: [64, 91] },
    { title: '健康慈溪2030行动纲要', lines: [92, 198] },
    { title: '中共慈溪市委 慈溪市人民政府关于开展全面质量提升行动深入推进“质优慈溪”建设的实施意见', lines: [199, 246] },
    { title: '中共慈溪市委关于推进清廉慈溪建设的决定', lines: [247, 292] },
    { title: '慈溪市深化行政复议体制改革工作方案', lines: [293, 331] },
    { title: '慈溪市人民政府办公室关于推行新型居住证制度的通知', lines: [332, 372] },
    { title: '慈溪市农村宅基地及住房确权登记发证工作实施方案', lines: [373, 421] },
    { title: '慈溪市人民政府办公室关于深化“最多跑一次”改革全面推进“服务争效”的实施意见', lines: [422, 465] },
    { title: '慈溪市户口迁移政策实施细则', lines: [466, 639] },
    // 媒体看慈溪: press reprints, each closed by "(摘自:…《浙江日报》…)"
    { title: '以亩产论英雄带动高质量投资慈溪喜迎发展又一春', lines: [643, 651], kind: 'news' },
    { title: '慈溪打造“工业创新综合体”小微企业有了资源共享平台', lines: [652, 658], kind: 'news' },
    { title: '“4次让座”的动人力量|人民时评', lines: [659, 664], kind: 'news' },
  ],
  '001_95cdfe63d77ab09c.txt': [
    { title: '中共慈溪市委 慈溪市人民政府关于推进农业供给侧结构性改革加快培育农业农村发展新动能的若干意见', lines: [14, 56] },
    { title: '中共慈溪市委 慈溪市人民政府关于发展壮大村级集体经济的实施意见', lines: [57, 98] },
    { title: '慈溪市优化产业政策促进产业转型发展的若干政策意见', lines: [99, 168] },
    { title: '中共慈溪市委关于振兴实体经济的决定', lines: [169, 204] },
    { title: '慈溪市人民政府关于重塑企业信用修复金融生态的若干意见', lines: [205, 246] },
    // one notice (慈政发〔2017〕38号) issues two plans; the children's plan starts at its own title
    { title: '慈溪市妇女发展规划(2016—2020年)', lines: [247, 475] },
    { title: '慈溪市儿童发展规划(2016—2020年)', lines: [476, 671] },
    { title: '慈溪市深化医药卫生体制综合改革实施方案', lines: [672, 724] },
    { title: '慈溪市水污染防治五年规划(2017—2021年)', lines: [725, 864] },
  ],
  // the page prints "政府工作报告(摘要)"; the city (issuer) and year (published 2018-02-04) are stated around it
  '002_a715559df7f320cc.txt': [{ title: '2018年慈溪市政府工作报告(摘要)', lines: [9, 114] }],
  '003_cada0fc7881887ab.txt': [{ title: '象山县高质量发展建设共同富裕样板县“十四五”时期行动方案', lines: [2, 158] }],
  // lines 6–18 are the covering notice; the 工作要点 starts at its title (lines 20, 22)
  '004_a73e2ed004e6b4bb.txt': [{ title: '宁波市奉化区2022年推进高质量发展建设共同富裕特色区工作要点', lines: [20, 1900] }],
};

// ---- the independent heading detector -------------------------------------------------

const N = '一二三四五六七八九十百零〇';
type Kind = 'attachment' | 'volume' | 'part' | 'chapter' | 'section' | 'article' | 'h1' | 'h2';
const LEVEL: Record<Kind, number> = { attachment: 0, volume: 1, part: 2, chapter: 3, section: 4, article: 5, h1: 6, h2: 7 };
const PATTERNS: [Kind, RegExp][] = [
  ['volume', new RegExp(`第([${N}]+)编`, 'y')],
  ['part', new RegExp(`第([${N}]+)部分`, 'y')],
  ['chapter', new RegExp(`第([${N}]+)章`, 'y')],
  ['section', new RegExp(`第([${N}]+)节`, 'y')],
  ['article', new RegExp(`第([${N}]+)条`, 'y')],
  ['h1', new RegExp(`([${N}]+)、`, 'y')],
  ['h2', new RegExp(`[(（]([${N}]+)[)）]`, 'y')],
];

function hanNumber(s: string): number {
  const d = '零一二三四五六七八九';
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '〇') cur = 0;
    else if (ch === '十') { total += (cur || 1) * 10; cur = 0; }
    else if (ch === '百') { total += (cur || 1) * 100; cur = 0; }
    else cur = d.indexOf(ch);
  }
  return total + cur;
}

interface Heading {
  offset: number;
  kind: Kind;
  /** 第五章, 二、, (三) or, for an unnumbered part, its whole line. */
  label: string;
  /** The heading's name as the reading gives it: "二、明确居住证申领条件". */
  name: string;
  /** Not a heading: a closing paragraph (CLOSING_PARAGRAPHS), where the open (一)-level item ends. */
  closes?: boolean;
}

/*
 * Headings the page ran into their paragraph with no punctuation between name and text, read
 * by eye: where each name truly ends. Every other name ends at the first 。；：, the next heading
 * on its line, or the line's end.
 */
const RUN_ON_NAMES: Record<string, string[]> = {
  '000_be3a04d4208fbd75.txt': ['二、明确居住证申领条件', '(三)健康服务优化行动'],
};
/*
 * Paragraphs read by eye as closing a list: after its last item, speaking of the whole list
 * ("…可不受以上申领条件限制"), so they stand under the list's parent, not under that item. Each is
 * the opening words of the paragraph; the (一)-level item open before it closes there.
 */
const CLOSING_PARAGRAPHS: Record<string, string[]> = {
  '000_be3a04d4208fbd75.txt': ['对投资创业、引进人才、有特殊技能、有特殊贡献者'],
};
const brackets = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')');

/** Headings of one document, in source order, with their offsets into the file's text. */
function detectHeadings(text: string, from: number, to: number, runOn: string[] = []): Heading[] {
  const out: Heading[] = [];
  const last = new Map<Kind, number>();
  const seen = (kind: Kind, n: number) => {
    for (const k of [...last.keys()]) if (LEVEL[k] > LEVEL[kind] && k !== 'article') last.delete(k);
    last.set(kind, n);
  };
  const lines = [...text.slice(from, to).matchAll(/[^\n]+/g)].map((m) => ({ at: from + m.index + (m[0].length - m[0].trimStart().length), text: m[0].trim() })).filter((l) => l.text);
  let maxH1 = 0;
  lines.forEach((line, li) => {
    if (/^附件[一二三四五六七八九十\d]+$/.test(line.text)) {
      out.push({ offset: line.at, kind: 'attachment', label: line.text, name: line.text });
      last.clear();
      return;
    }
    // "附件:1.…名单(略)": the list of attachments, after the outline, not an item of it
    if (/^附件\s*[:：]/.test(line.text)) {
      out.push({ offset: line.at, kind: 'attachment', label: '附件', name: '附件' });
      last.clear();
      return;
    }
    // an unnumbered title line after which 一、 starts again heads a part
    const next = lines[li + 1]?.text ?? '';
    if (maxH1 > 1 && line.text.length <= 30 && !/[。；;：:，,、]/.test(line.text) && next.startsWith('一、') && !/^[(（第\d]/.test(line.text)) {
      out.push({ offset: line.at, kind: 'part', label: line.text, name: line.text });
      seen('part', 0);
      maxH1 = 0;
      return;
    }
    for (let p = 0; p < line.text.length; p++) {
      for (const [kind, re] of PATTERNS) {
        re.lastIndex = p;
        const m = re.exec(line.text);
        if (!m) continue;
        const n = hanNumber(m[1]!);
        const before = line.text[p - 1] ?? '';
        const after = line.text.slice(p + m[0].length).trimStart();
        const atStart = p === 0;
        const continues = (last.get(kind) ?? (kind === 'article' ? 0 : -1)) + 1 === n;
        const mayStart = !new RegExp(`[${N}、，,：:“《第(（]`).test(before) && /^[\p{Script=Han}“《]/u.test(after) && !/^(规定|的|第|款|项)/.test(after);
        if (!(atStart || (continues && mayStart))) continue;
        if (!atStart && kind === 'h2' && !/[。；！？)）〕%\d]/.test(before)) continue;
        // a heading broken over two lines ("二、2018年" / "主要目标任务"): a short line of no sentence follows
        const following = lines[li + 1]?.text ?? '';
        const broken = atStart && !/[。；;：:，,]/.test(line.text) && following.length <= 16 && !/[。；;：:，,]/.test(following) && !new RegExp(`^([${N}]+、|[(（]|第|\\d)`).test(following) && !(lines[li + 2]?.text ?? '').startsWith('一、');
        out.push({ offset: line.at + p, kind, label: brackets(m[0]), name: brackets(line.text.slice(p) + (broken ? following : '')) });
        seen(kind, n);
        if (kind === 'h1') maxH1 = Math.max(maxH1, n);
        p += m[0].length - 1;
        break;
      }
    }
  });
  // a name ends at the first 。；：, at the next heading on its line, or where the reading says it runs on
  out.forEach((h, k) => {
    const next = out[k + 1];
    let name = next && next.offset - h.offset < h.name.length ? h.name.slice(0, next.offset - h.offset) : h.name;
    const stop = name.search(/[。；;：:]/);
    if (stop > 0) name = name.slice(0, stop);
    h.name = runOn.find((n) => name.startsWith(n)) ?? name.trim();
  });
  return out;
}

interface Expected {
  structure: string[];
  h1: string | null;
  h2: string | null;
  article: string | null;
  /** Full names of the 一、 and (一) headings open here. */
  h1Name: string | null;
  h2Name: string | null;
}

/** The outline open at an offset; inside an article, its (一)/1. are items, not headings. */
function expectedAt(headings: Heading[], offset: number): Expected {
  const stack: Heading[] = [];
  for (const h of headings) {
    if (h.offset > offset) break;
    const inArticle = stack.some((s) => s.kind === 'article');
    if (inArticle && (h.kind === 'h1' || h.kind === 'h2')) continue;
    if (h.closes) {
      while (stack.length && LEVEL[stack[stack.length - 1]!.kind] >= LEVEL.h2) stack.pop();
      continue;
    }
    while (stack.length && LEVEL[stack[stack.length - 1]!.kind] >= LEVEL[h.kind]) stack.pop();
    stack.push(h);
  }
  const of = (k: Kind) => stack.find((s) => s.kind === k)?.label ?? null;
  const nameOf = (k: Kind) => stack.find((s) => s.kind === k)?.name ?? null;
  return { structure: stack.filter((s) => LEVEL[s.kind] <= 4).map((s) => s.label), h1: of('h1'), h2: of('h2'), article: of('article'), h1Name: nameOf('h1'), h2Name: nameOf('h2') };
}

/** The same reading of what ingestion put in a clause's heading path. */
function citedOf(clause: Clause): Expected {
  const LABEL = new RegExp(`^(附件[一二三四五六七八九十\\d]+|第[${N}]+(?:编|部分|章|节)|[${N}]+、|[(（][${N}]+[)）])`);
  const labelled = clause.headingPath.slice(1).map((h) => {
    const m = LABEL.exec(h);
    return { text: m ? brackets(m[1]!) : h, numbered: m !== null, full: brackets(h) };
  });
  const kindOf = ({ text: l, numbered }: { text: string; numbered: boolean; full: string }): Kind | 'other' =>
    !numbered ? 'other' : /^附件/.test(l) ? 'attachment' : /编$/.test(l) ? 'volume' : /部分$/.test(l) ? 'part' : /章$/.test(l) ? 'chapter' : /节$/.test(l) ? 'section' : /、$/.test(l) ? 'h1' : 'h2';
  // unnumbered elements count as parts, except items (1.…, (1)…, ——…) the outline does not compare
  const structure = labelled.filter((l) => ['attachment', 'volume', 'part', 'chapter', 'section'].includes(kindOf(l)) || (kindOf(l) === 'other' && !/^(\d|[(（]\d|——)/.test(l.text))).map((l) => l.text);
  const h1 = labelled.find((l) => kindOf(l) === 'h1');
  const h2 = labelled.find((l) => kindOf(l) === 'h2');
  return { structure, h1: h1?.text ?? null, h2: h2?.text ?? null, article: clause.articleNo, h1Name: h1?.full ?? null, h2Name: h2?.full ?? null };
}

/**
 * Where a clause's own content starts: past the headings it opens with, so that
 * "一、总体要求 / (一)指导思想:…" is held against the outline of (一), and "第五章 政策性落户第十五条…"
 * against 第十五条. A heading is skipped when the text from it to the next heading (or its line's
 * end) names only: short, no sentence; a second short unnumbered line goes on a broken heading.
 */
function contentStart(text: string, offset: number, clause: Clause, headings: Heading[]): number {
  const inClause = (o: number) => clause.spans.some(([a, b]) => a <= o && o < b);
  const skipBlank = (o: number) => {
    while (o < text.length && /\s/.test(text[o]!)) o++;
    return o;
  };
  const lineEnd = (o: number) => (text.indexOf('\n', o) < 0 ? text.length : text.indexOf('\n', o));
  const namesOnly = (t: string) => t.trim().length <= 40 && !/[。；;：:]/.test(t);
  let at = offset;
  for (;;) {
    const k = headings.findIndex((h) => h.offset === at);
    if (k < 0) return at;
    const next = headings[k + 1]?.offset ?? text.length;
    const end = lineEnd(at);
    if (next < end) {
      if (!namesOnly(text.slice(at, next)) || !inClause(next)) return at;
      at = next;
      continue;
    }
    if (!namesOnly(text.slice(at, end))) return at;
    let after = skipBlank(end);
    const following = text.slice(after, lineEnd(after)).trim();
    if (following.length <= 16 && !/[。；;：:，,]/.test(following) && !headings.some((h) => h.offset === after) && inClause(after)) after = skipBlank(lineEnd(after));
    if (!inClause(after)) return at;
    at = after;
  }
}

// ---- the audit -------------------------------------------------------------------------

const corpus = ingestCorpus(SEEDS);
const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];

interface Finding {
  clause: string;
  problem: string;
  /** The clause's id: one clause may have several findings. */
  id: string;
}

function audit(file: IngestedFile): { clauses: number; findings: Finding[] } {
  const truth = TRUE_DOCUMENTS[file.source]!;
  const text = readFileSync(join(SEEDS, file.source), 'utf8');
  const starts = lineStarts(text);
  const rangeOf = (d: TrueDocument): [number, number] => [starts[d.lines[0] - 1]!, starts[d.lines[1]] ?? text.length];
  const closers = (from: number, to: number): Heading[] =>
    (CLOSING_PARAGRAPHS[file.source] ?? []).map((words) => text.indexOf(words, from)).filter((o) => o >= 0 && o < to).map((offset) => ({ offset, kind: 'h2' as const, label: '', name: '', closes: true }));
  const headingsOf = new Map(truth.map((d) => [d, [...detectHeadings(text, ...rangeOf(d), RUN_ON_NAMES[file.source]), ...closers(...rangeOf(d))].sort((a, b) => a.offset - b.offset)]));
  const docs = new Map(file.documents.map((d) => [d.id, d]));
  const findings: Finding[] = [];
  for (const clause of file.clauses) {
    const doc = docs.get(clause.docId)!;
    const first = clause.spans[0]![0];
    const where = `${clause.text.slice(0, 24)}…`;
    const trueDoc = truth.find((d) => rangeOf(d)[0] <= first && first < rangeOf(d)[1]);
    if (!trueDoc) {
      findings.push({ id: clause.id, clause: where, problem: 'outside every document' });
      continue;
    }
    const [a, b] = rangeOf(trueDoc);
    if (doc.title !== trueDoc.title || clause.headingPath[0] !== trueDoc.title) findings.push({ id: clause.id, clause: where, problem: `title 《${doc.title}》, truly 《${trueDoc.title}》` });
    if (clause.spans.some(([x, y]) => x < a || y > b)) findings.push({ id: clause.id, clause: where, problem: 'text from outside its document' });
    if ((trueDoc.kind ?? 'policy') !== doc.kind) findings.push({ id: clause.id, clause: where, problem: `kind ${doc.kind}, truly ${trueDoc.kind ?? 'policy'}` });
    if (doc.kind === 'news' && !/新闻报道/.test(formatCitation(citationOf(clause, doc)))) findings.push({ id: clause.id, clause: where, problem: 'news cited as policy' });
    if (clause.kind === 'note') continue; // a footnote sits under its table's caption, which the detector does not read
    const expected = expectedAt(headingsOf.get(trueDoc)!, contentStart(text, first, clause, headingsOf.get(trueDoc)!));
    const cited = citedOf(clause);
    if (clause.kind === 'table-row') {
      // a row names its table: the attachment it stands in
      const attachment = expected.structure.find((s) => s.startsWith('附件'));
      if (attachment && !clause.headingPath[1]?.startsWith(attachment)) findings.push({ id: clause.id, clause: where, problem: `row outside ${attachment}` });
      continue;
    }
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    if (!same(cited.structure, expected.structure)) findings.push({ id: clause.id, clause: where, problem: `parts/chapters ${cited.structure.join('›')}, truly ${expected.structure.join('›')}` });
    if (cited.article !== expected.article) findings.push({ id: clause.id, clause: where, problem: `article ${cited.article}, truly ${expected.article}` });
    if (!expected.article && (cited.h1 !== expected.h1 || cited.h2 !== expected.h2)) findings.push({ id: clause.id, clause: where, problem: `section ${cited.h1}${cited.h2 ?? ''}, truly ${expected.h1}${expected.h2 ?? ''}` });
    // the names too: a run-on heading must not carry its paragraph's first words (a name over 40 characters is cited cut, with …)
    const sameName = (c: string | null, e: string | null) => c === e || (c !== null && e !== null && c.endsWith('…') && e.startsWith(c.slice(0, -1)));
    if (!expected.article && !sameName(cited.h1Name, expected.h1Name)) findings.push({ id: clause.id, clause: where, problem: `heading named 「${cited.h1Name}」, truly 「${expected.h1Name}」` });
    if (!expected.article && !sameName(cited.h2Name, expected.h2Name)) findings.push({ id: clause.id, clause: where, problem: `heading named 「${cited.h2Name}」, truly 「${expected.h2Name}」` });
  }
  return { clauses: file.clauses.length, findings };
}

/*
 * The same audit over a clause dump written by another version of ingestion, to measure it:
 *   CITATION_AUDIT_DUMP=/tmp/clauses.json npx vitest run test/ingest/citation-audit.test.ts
 * where the dump is {"files": [{source, documents, clauses}]} from ingestCorpus(seeds). Fields an
 * older version did not write take their defaults (every document a policy).
 */
const DUMP = process.env.CITATION_AUDIT_DUMP;

function auditDump(path: string): { wrong: number; clauses: number; findings: Finding[] } {
  const dump = JSON.parse(readFileSync(path, 'utf8')) as { files: { source: string; documents: Partial<DocumentMeta>[]; clauses: Clause[] }[] };
  let wrong = 0;
  let clauses = 0;
  const findings: Finding[] = [];
  for (const f of dump.files) {
    const documents = f.documents.map((d) => ({ kind: 'policy' as const, outlet: null, dateKind: null, region: null, ...d }) as DocumentMeta);
    const result = audit({ source: f.source, text: '', documents, clauses: f.clauses, skipped: [], warnings: [] });
    clauses += result.clauses;
    wrong += new Set(result.findings.map((x) => x.id)).size;
    findings.push(...result.findings);
  }
  return { wrong, clauses, findings };
}

describe('citation audit: every clause of the five seeds under its true document, section and article', () => {
  it.runIf(DUMP)('a clause dump (CITATION_AUDIT_DUMP) holds against the same reading', () => {
    const { wrong, clauses, findings } = auditDump(DUMP!);
    expect({ wrong, of: clauses, findings: findings.slice(0, 40) }).toEqual({ wrong: 0, of: clauses, findings: [] });
  });

  it.each(corpus.files.map((f) => [f.source, f] as const))('%s', (_name, file) => {
    const { findings } = audit(file);
    if (process.env.AUDIT_PRINT) console.log(JSON.stringify(findings, null, 1));
    expect(findings).toEqual([]);
  });

  it('finds as many documents as the reading does, titles exact', () => {
    const titles = (f: IngestedFile) => f.documents.map((d: DocumentMeta) => d.title);
    for (const file of corpus.files) expect(titles(file)).toEqual(TRUE_DOCUMENTS[file.source]!.map((d) => d.title));
  });
});
