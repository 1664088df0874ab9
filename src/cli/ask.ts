import { ANSI, PLAIN, checkQuestion, loadPrompts, renderAnswer, type Prompts } from '../answer/index.js';
import { createConfig, readEnv } from '../config/index.js';
import { ASK_USAGE, orUsage, parseAskArgs } from './args.js';
import { readBatch, type BatchQuestion } from './batch.js';
import { exitWith } from './fail.js';
import { batchRecord } from './report.js';
import { createRuntime } from '../app/runtime.js';
import { PROJECT_ROOT } from '../app/paths.js';
import { printIndexEvent } from './progress.js';

/**
 * The chat's input rules for one question and its context: control characters dropped, the
 * same length limit. A 100,000-character question would otherwise be tokenised and searched
 * whole (gigabytes of heap); refused, it costs nothing.
 */
function checked(q: BatchQuestion, p: Prompts): { ok: true; question: BatchQuestion } | { ok: false; reply: string } {
  const question = checkQuestion(q.question, p);
  if (!question.ok) return question;
  const context: string[] = [];
  for (const c of q.context ?? []) {
    const one = checkQuestion(c, p);
    if (!one.ok) return { ok: false, reply: `上文：${one.reply}` };
    context.push(one.question);
  }
  return { ok: true, question: { ...q, question: question.question, context } };
}

/**
 * `npm run ask -- "问题"` answers once; `--batch FILE --json --top N` answers a JSON Lines
 * file of {id, question, context?} with one JSON line each (the shared scorer's input). A
 * batch line the chat would refuse gets a line saying so (`refused`), the rest are answered,
 * and the exit status is 1 so that a script notices.
 */
async function main(): Promise<void> {
  const args = orUsage(ASK_USAGE, () => parseAskArgs(process.argv.slice(2)));
  const questions = args.batch ? readBatch(args.batch) : [{ id: 'q', question: args.question!, context: args.context }];
  // templates (for the refusal's wording) load in milliseconds; the model and index do not
  const prompts = loadPrompts(createConfig(readEnv(PROJECT_ROOT), PROJECT_ROOT).paths.prompts);
  const checks = questions.map((q) => checked(q, prompts));
  const first = checks[0]!;
  if (!args.batch && !first.ok) {
    process.stderr.write(`错误：${first.reply}\n`);
    process.exit(1);
  }
  const rt = await createRuntime({ onIndexEvent: printIndexEvent });
  let refused = 0;
  for (const [i, check] of checks.entries()) {
    const id = questions[i]!.id;
    if (!check.ok) {
      refused++;
      process.stderr.write(`错误：${args.batch}（id ${id}）：${check.reply}\n`);
      if (args.json) process.stdout.write(JSON.stringify({ id, abstained: true, refused: check.reply, answer: check.reply, results: [] }) + '\n');
      continue;
    }
    const q = check.question;
    const answer = await rt.answerer.answer({ question: q.question, context: q.context, top: args.top });
    if (args.json) process.stdout.write(JSON.stringify(batchRecord(q.id, answer, rt.prompts, rt.corpus, args.top)) + '\n');
    else process.stdout.write(renderAnswer(answer, rt.prompts, process.stdout.isTTY ? ANSI : PLAIN, rt.corpus) + '\n');
  }
  if (refused) process.exitCode = 1;
}

main().catch(exitWith);
