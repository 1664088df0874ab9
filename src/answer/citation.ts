import type { Clause, DocumentMeta } from '../ingest/index.js';

/** Where an excerpt comes from, as the reply cites it. */
export interface Citation {
  title: string;
  /** 第十二条, or for clauses without articles the section they sit in. */
  location: string | null;
  docNumber: string | null;
  date: string | null;
  region: string | null;
  issuer: string | null;
  source: string;
  headingPath: string[];
  /** A news report is cited as what a paper wrote, never as a policy's own words. */
  kind: DocumentMeta['kind'];
  outlet: string | null;
  dateKind: DocumentMeta['dateKind'];
}

const SHORT = 24;

function locationOf(clause: Clause): string | null {
  if (clause.articleNo) return clause.articleNo;
  const path = clause.headingPath.slice(1);
  if (clause.kind === 'table-row') {
    // rows of two tables both count from 1: "第29项" alone would not say which table
    const row = path[path.length - 1]?.replace(/^(\d+)\. .*/, '第$1项') ?? null;
    const table = /^附件\S+/.exec(path[0] ?? '')?.[0];
    return table && row ? `${table}${row}` : row;
  }
  const short = (s: string) => (s.length > SHORT ? s.slice(0, SHORT) + '…' : s);
  // a part or chapter alone is ambiguous where numbering restarts in each: name the part too
  const outer = path.filter((h) => !/^[\d(（——]/.test(h) && !/^[一二三四五六七八九十百]+、/.test(h));
  const firstOutline = path.find((h) => /^[一二三四五六七八九十百]+、|^[(（][一二三四五六七八九十]+[)）]/.test(h));
  const parts = outer.length && firstOutline ? [outer[outer.length - 1]!, firstOutline] : path.slice(0, 1);
  if (!parts.length) return null;
  return parts.map((p) => short(p)).join(' ');
}

export function citationOf(clause: Clause, doc: DocumentMeta): Citation {
  return {
    title: doc.title,
    location: locationOf(clause),
    docNumber: doc.docNumber,
    date: doc.date,
    region: doc.region,
    issuer: doc.issuer,
    source: doc.source,
    headingPath: clause.headingPath,
    kind: doc.kind,
    outlet: doc.outlet,
    dateKind: doc.dateKind,
  };
}

export const DATE_KIND: Record<NonNullable<Citation['dateKind']>, string> = { signed: '', published: '（发布日期）', reposted: '（转载日期）', adopted: '（通过日期）' };

/**
 * `《慈溪市户口迁移政策实施细则》第十二条 · 慈政办发〔2018〕85号 · 2018-06-25`;
 * a news report: `新闻报道（非政策原文）《…》 · 浙江日报 · 2018-02-11`.
 */
export function formatCitation(c: Citation): string {
  const date = c.date ? `${c.date}${c.dateKind ? DATE_KIND[c.dateKind] : ''}` : null;
  if (c.kind === 'news') return [`新闻报道（非政策原文）《${c.title}》`, c.outlet, c.date].filter(Boolean).join(' · ');
  const head = `《${c.title}》${c.location && c.location !== c.title ? c.location : ''}`;
  return [head, c.docNumber, date].filter(Boolean).join(' · ');
}
