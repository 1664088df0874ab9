import { fill, type Prompts } from '../answer/index.js';
import type { IndexEvent } from '../index/index.js';

/** Index progress as a person at a terminal wants it: one updating line on stderr. */
export function printIndexEvent(e: IndexEvent, p: Prompts): void {
  const out = process.stderr;
  if (e.type === 'rebuilding') out.write(`${fill(p.indexBuilding, { reason: e.reason })}\n`);
  else if (e.type === 'progress') {
    // every 200: a log file (not a terminal) gets a line each time, so not one per batch
    if (e.done === e.total || e.done % 200 === 0) out.write(`${out.isTTY ? '\r' : ''}  ${fill(p.indexProgress, e)}${out.isTTY ? '' : '\n'}`);
    if (e.done === e.total && out.isTTY) out.write('\n');
  } else if (e.type === 'built') out.write(`${fill(p.indexBuilt, e)}\n`);
}
