import type { Line } from './lines.js';
import type { SkippedSpan } from './types.js';
import { lineShape } from './structure.js';

/*
 * Things inside a document's body that are not its clauses: a stray label left by layout
 * ("附:" alone on a line), the caption of a table the text does not carry, and a table's
 * footnotes, which text extraction drops into the middle of the next sentence:
 *   "…让健康知识、行为和技能成为全民说明:1.标注“*”为…" / "2.婴儿死亡率…" / "普遍具备的素质和能力。"
 * Footnotes stay quotable, but as notes of their table, never as items of the section around them.
 */
const STRAY_LABEL = /^(附|附件|注|说明|备注)\s*[:：]?$/;
const CAPTION = /^[^\s，,。；;：:、]{2,30}(指标|指标体系|一览表|一览|统计表|表|清单|名单)$/u;
/** Numbered footnotes only: "需提交情况说明:包括…" is a sentence, "说明:1.标注…" a footnote. */
const NOTE_START = /(说明|注|备注)[:：]\s*(?=1[.．、])/u;
const SENTENCE_END = /[。；;！!？?：:）)”」]$/;

export interface BodyLine extends Line {
  /** A footnote of the table named by `caption` (or of no named table). */
  note?: { caption: string | null };
  /** A line of the list of attachments ("附件:1.…名单(略)" / "2.…"): not an item of the section above it. */
  attachmentList?: true;
}

/** "附件:1.…", then 2., 3. … each on its line; a short unnumbered line finishes an item the page broke. */
const ATTACHMENT_LIST = /^附件\s*[:：]\s*1\s*[.．、]/;
const LIST_ITEM = /^(\d{1,2})\s*[.．、]/;
const BROKEN_ITEM_MAX = 16;

export interface BodySplit {
  lines: BodyLine[];
  skipped: SkippedSpan[];
}

export function splitBodyFurniture(lines: Line[]): BodySplit {
  const out: BodyLine[] = [];
  const skipped: SkippedSpan[] = [];
  let caption: string | null = null;
  let noteNext = 0; // number the next footnote line must carry; 0 outside a footnote
  let attachmentNext = 0; // likewise for the list of attachments
  for (const line of lines) {
    if (ATTACHMENT_LIST.test(line.text)) {
      out.push({ ...line, attachmentList: true });
      attachmentNext = 2;
      continue;
    }
    if (attachmentNext > 0) {
      const n = LIST_ITEM.exec(line.text)?.[1];
      const brokenItem = !n && line.text.length <= BROKEN_ITEM_MAX && !/[。；;：:，,]/.test(line.text) && lineShape(line.text).marker === null;
      if (Number(n) === attachmentNext || brokenItem) {
        out.push({ ...line, attachmentList: true });
        if (n) attachmentNext++;
        continue;
      }
      attachmentNext = 0;
    }
    if (STRAY_LABEL.test(line.text)) {
      skipped.push({ span: [line.start, line.end], reason: 'artefact' });
      continue;
    }
    if (CAPTION.test(line.text) && lineShape(line.text).marker === null) {
      caption = line.text;
      skipped.push({ span: [line.start, line.end], reason: 'table-caption' });
      continue;
    }
    if (noteNext > 0) {
      const shape = lineShape(line.text);
      if (shape.marker === 'h3' && shape.number === noteNext) {
        out.push({ ...line, note: { caption } });
        noteNext++;
        continue;
      }
      noteNext = 0;
    }
    const m = NOTE_START.exec(line.text);
    // a footnote breaking into a sentence: the text before it does not end one
    if (m && m.index > 0 && !SENTENCE_END.test(line.text.slice(0, m.index))) {
      const at = m.index;
      out.push({ ...line, text: line.text.slice(0, at), end: line.start + at });
      out.push({ ...line, text: line.text.slice(at), start: line.start + at, note: { caption } });
      noteNext = 2;
      continue;
    }
    out.push(line);
  }
  return { lines: out, skipped };
}
