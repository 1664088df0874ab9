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
}

const SHORT = 24;

function locationOf(clause: Clause): string | null {
  if (clause.articleNo) return clause.articleNo;
  const path = clause.headingPath.slice(1);
  if (clause.kind === 'table-row') return path[path.length - 1]?.replace(/^(\d+)\. .*/, '第$1项') ?? null;
  const section = path[0];
  if (!section) return null;
  return section.length > SHORT ? section.slice(0, SHORT) + '…' : section;
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
  };
}

/** `《慈溪市户口迁移政策实施细则》第十二条 · 慈政办发〔2018〕85号 · 2018-06-25` */
export function formatCitation(c: Citation): string {
  const head = `《${c.title}》${c.location && c.location !== c.title ? c.location : ''}`;
  return [head, c.docNumber, c.date].filter(Boolean).join(' · ');
}
