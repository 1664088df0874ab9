import { realRuntime } from './runtime.js';
import { renderAnswer, PLAIN } from '../src/answer/index.js';
const rt: any = await realRuntime();
for (const q of process.argv.slice(2)) {
  const a = await rt.answerer.answer({ question: q });
  console.log('Q', q, a.status, a.reason ?? '');
  console.log(renderAnswer(a, rt.prompts, PLAIN, rt.corpus ?? { years: '', places: '' }).slice(0, 400));
}
process.exit(0);
