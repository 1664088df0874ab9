import { ANSI, PLAIN, renderAnswer } from '../answer/index.js';
import { ASK_USAGE, orUsage, parseAskArgs } from './args.js';
import { readBatch } from './batch.js';
import { exitWith } from './fail.js';
import { batchRecord } from './report.js';
import { createRuntime } from '../app/runtime.js';
import { printIndexEvent } from './progress.js';

/**
 * `npm run ask -- "问题"` answers once; `--batch FILE --json --top N` answers a JSON Lines
 * file of {id, question, context?} with one JSON line each (the shared scorer's input).
 */
async function main(): Promise<void> {
  const args = orUsage(ASK_USAGE, () => parseAskArgs(process.argv.slice(2)));
  const questions = args.batch ? readBatch(args.batch) : [{ id: 'q', question: args.question!, context: args.context }];
  const rt = await createRuntime({ onIndexEvent: printIndexEvent });
  for (const q of questions) {
    const answer = await rt.answerer.answer({ question: q.question, context: q.context, top: args.top });
    if (args.json) process.stdout.write(JSON.stringify(batchRecord(q.id, answer, rt.prompts, rt.corpus, args.top)) + '\n');
    else process.stdout.write(renderAnswer(answer, rt.prompts, process.stdout.isTTY ? ANSI : PLAIN, rt.corpus) + '\n');
  }
}

main().catch(exitWith);
