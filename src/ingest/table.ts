import type { Line } from './lines.js';
import { cleanLine, type Segment } from './segment.js';
import type { DraftClause } from './clauses.js';

/*
 * A table flattened by a web page into one cell per line:
 *   序号 / 重点工作(责任单位) / 目标体系 / 工作体系 / 政策体系 / 评价体系 / 进度安排
 * then per row: the row number alone on a line, followed by its cells, a cell sometimes
 * spread over several lines ("1.…", "2.…"). Group captions such as "经济高质量发展先行示范(12项)"
 * sit between rows.
 */
export const TABLE_HEADER_FIRST = '序号';
const GROUP_CAPTION = /[(（]\d+项[)）]$/;
const SCHEDULE = /^\d{1,2}\s*(?:[-—–~至]\s*\d{1,2})?\s*月/;
const NUMBERED = /^(\d{1,2})\s*[.．、]/;

export interface TableParse {
  /** Index of the header's first line in `lines`; -1 when there is no table. */
  start: number;
  rows: DraftClause[];
  /** Header cells: their names are repeated in every row instead. */
  header: Line[];
  warnings: string[];
}

export function findTableStart(lines: Line[]): number {
  return lines.findIndex((l, i) => l.text === TABLE_HEADER_FIRST && lines[i + 1] !== undefined && /责任单位|重点工作/.test(lines[i + 1]!.text));
}

const ATTACHMENT = /^附件[一二三四五六七八九十\d]+$/;

/** Parse every flattened table from the first header on; lines between tables become captions. */
export function parseTable(lines: Line[], headingPath: string[]): TableParse {
  const start = findTableStart(lines);
  if (start < 0) return { start, rows: [], header: [], warnings: [] };
  const rows: DraftClause[] = [];
  const warnings: string[] = [];
  const header: Line[] = [];
  let columns: string[] = [];
  let tableTitle: string | null = null;
  let attachment: string | null = null;
  let caption: string | null = null;
  let expected = 1;
  let loose: Segment[] = [];
  const isRowEnd = (k: number) => {
    const t = lines[k]!.text;
    return t === String(expected + 1) || GROUP_CAPTION.test(t) || ATTACHMENT.test(t) || findTableStart([lines[k]!, ...lines.slice(k + 1, k + 2)]) === 0;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (findTableStart(lines.slice(i, i + 2)) === 0) {
      columns = [];
      while (i < lines.length && !GROUP_CAPTION.test(lines[i]!.text) && !/^\d+$/.test(lines[i]!.text)) {
        columns.push(lines[i]!.text);
        header.push(lines[i]!);
        i++;
      }
      expected = 1;
      caption = null;
      continue;
    }
    if (GROUP_CAPTION.test(line.text)) caption = line.text;
    if (line.text !== String(expected)) {
      // captions, attachment labels and table titles lead into the next row; a new attachment
      // starts a new table, so "第29项" is always said of the table it is in
      if (ATTACHMENT.test(line.text)) {
        attachment = line.text;
        tableTitle = null;
        caption = null;
      } else if (!GROUP_CAPTION.test(line.text)) tableTitle = line.text;
      loose.push(cleanLine(line).segment);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && !isRowEnd(j)) j++;
    const cells = assignCells(lines.slice(i + 1, j), Math.max(columns.length - 1, 1));
    const table = [attachment, tableTitle].filter((x): x is string => x !== null).join(' ');
    const path = [headingPath[0] ?? '', ...(table ? [table] : []), ...(caption ? [caption] : [])];
    rows.push(rowClause(line.text, cells, columns, cleanLine(line).segment, loose, path));
    loose = [];
    expected++;
    i = j;
  }
  if (loose.length) {
    warnings.push(`table: ${loose.length} line(s) after the last row kept as their own clause`);
    rows.push({ kind: 'paragraph', headingPath, articleNo: null, segments: loose, artefacts: [] });
  }
  return { start, rows, header, warnings };
}

/**
 * Cells of one row, in column order. The first line names the work, the second is its
 * target; the schedule starts at the first "N-M月" line; of what lies between, the last
 * line is the evaluation and the rest is work items then policies, the policy list
 * starting where numbering restarts at 1.
 */
function assignCells(cellLines: Line[], columnCount: number): Line[][] {
  const cells: Line[][] = Array.from({ length: columnCount }, () => []);
  if (columnCount < 6) {
    cellLines.forEach((l, k) => cells[Math.min(k, columnCount - 1)]!.push(l));
    return cells;
  }
  const [work, target, ...rest] = cellLines;
  if (work) cells[0]!.push(work);
  if (target) cells[1]!.push(target);
  let scheduleAt = rest.findIndex((l) => SCHEDULE.test(l.text));
  if (scheduleAt < 0) scheduleAt = rest.length;
  cells[5]!.push(...rest.slice(scheduleAt));
  const middle = rest.slice(0, scheduleAt);
  const evaluation = middle.length >= 3 ? middle.pop() : undefined;
  if (evaluation) cells[4]!.push(evaluation);
  let policyAt = middle.findIndex((l, k) => k > 0 && NUMBERED.exec(l.text)?.[1] === '1');
  if (policyAt < 0) policyAt = middle.findIndex((l, k) => k > 0 && l.text.includes('《'));
  if (policyAt < 0) policyAt = middle.length > 1 ? middle.length - 1 : middle.length;
  cells[2]!.push(...middle.slice(0, policyAt));
  cells[3]!.push(...middle.slice(policyAt));
  return cells;
}

/** Column labels are not in the source at that place; they are added so a row reads on its own. */
function rowClause(rowNo: string, cells: Line[][], columns: string[], numberSeg: Segment, before: Segment[], headingPath: string[]): DraftClause {
  const segments: Segment[] = [...before, labelled(`${columns[0] ?? '序号'}：`, numberSeg)];
  const artefacts: DraftClause['artefacts'] = [];
  cells.forEach((cellLines, k) => {
    cellLines.forEach((l, n) => {
      const { segment, artefacts: a } = cleanLine(l);
      artefacts.push(...a);
      segments.push(n === 0 ? labelled(`${columns[k + 1] ?? ''}：`, segment) : segment);
    });
  });
  const work = cells[0]?.[0]?.text ?? '';
  return { kind: 'table-row', headingPath: [...headingPath, `${rowNo}. ${work}`], articleNo: null, segments, artefacts };
}

/** Prefix a label that has no place in the source (offset -1 marks added text). */
function labelled(label: string, seg: Segment): Segment {
  return { text: label + seg.text, offsets: [...Array<number>(label.length).fill(-1), ...seg.offsets] };
}
