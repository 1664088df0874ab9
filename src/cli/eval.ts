import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { orUsage, parseCommandLine } from './args.js';
import { BatchQuestionSchema, readJsonLines } from './batch.js';
import { exitWith } from './fail.js';
import { PROJECT_ROOT } from '../app/paths.js';
import { batchRecord } from './report.js';
import { createRuntime } from '../app/runtime.js';
import { printIndexEvent } from './progress.js';

/**
 * `npm run eval [-- GOLD.jsonl]`: answer the gold questions through the batch interface's
 * code path and score them with the shared scorer (../shared/eval/score.mjs).
 */
async function main(): Promise<void> {
  const { positionals } = orUsage('用法：npm run eval [-- GOLD.jsonl]', () => parseCommandLine(process.argv.slice(2), {}, 1));
  const gold = resolve(positionals[0] ?? resolve(PROJECT_ROOT, '../shared/eval/dev.jsonl'));
  const scorer = resolve(PROJECT_ROOT, '../shared/eval/score.mjs');
  if (!existsSync(gold) || !existsSync(scorer)) {
    process.stderr.write(`需要评测集与评分脚本：${gold}、${scorer}（放在项目旁的 ../shared/ 下）\n`);
    process.exit(2);
  }
  const { score } = (await import(pathToFileURL(scorer).href)) as { score: (g: unknown[], r: unknown[]) => { table: Record<string, unknown>; outOfScope: unknown; meanAnswerChars: number } };
  const rt = await createRuntime({ onIndexEvent: printIndexEvent });
  const results = [];
  // the scorer wants the gold lines whole (answerable, expected quotes), not just the questions
  const goldLines = readJsonLines(gold, BatchQuestionSchema.passthrough());
  for (const q of goldLines) {
    const answer = await rt.answerer.answer({ question: q.question, context: q.context, top: 10 });
    results.push(batchRecord(q.id, answer, rt.prompts, rt.corpus, 10));
  }
  const out = score(goldLines, results);
  console.table(out.table);
  console.log('out of scope:', out.outOfScope, '| mean answer chars:', out.meanAnswerChars);
}

main().catch(exitWith);
