import type { Line } from './lines.js';
import { parseDate } from './dates.js';

/*
 * Press reprints collected in a yearbook or on a site ("媒体看慈溪"): each report ends with
 * its attribution, "(摘自:2018年2月11日《浙江日报》A1头条)". They are news, not policy: a
 * reply may show what a paper wrote, never as the rule itself.
 */
const ATTRIBUTION = /^[(（](?:摘自|摘编自|选自|转自|转载自|原载|刊于|来源)[:：]?\s*(.+)[)）]$/;
const OUTLET = /《([^》]+)》/;
/** A headline or a section title: one short line without sentence punctuation. */
const isTitleLine = (text: string) => text.length <= 40 && !/[。；;！？!?，,]$/.test(text) && !/[。；;]/.test(text);

export interface NewsReport {
  title: string;
  outlet: string | null;
  date: string | null;
  /** Section titles before the first headline (媒体看慈溪, 报道一览 …). */
  preamble: Line[];
  headline: Line;
  body: Line[];
  attribution: Line;
}

export function isNewsCollection(lines: Line[]): boolean {
  return lines.some((l) => ATTRIBUTION.test(l.text) && parseDate(l.text) !== null);
}

/** Reports in order; lines after the last attribution (no report of their own) are returned apart. */
export function splitNews(lines: Line[]): { reports: NewsReport[]; rest: Line[] } {
  const reports: NewsReport[] = [];
  let from = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = ATTRIBUTION.exec(lines[i]!.text);
    if (!m) continue;
    const chunk = lines.slice(from, i);
    // the headline is the last title line before the first paragraph; earlier title lines head the section
    let h = 0;
    while (h + 1 < chunk.length && isTitleLine(chunk[h + 1]!.text) && isTitleLine(chunk[h]!.text)) h++;
    const headline = chunk[h];
    if (headline) {
      reports.push({
        title: headline.text,
        outlet: OUTLET.exec(m[1]!)?.[1] ?? null,
        date: parseDate(m[1]!),
        preamble: chunk.slice(0, h),
        headline,
        body: chunk.slice(h + 1),
        attribution: lines[i]!,
      });
    }
    from = i + 1;
  }
  return { reports, rest: lines.slice(from) };
}
