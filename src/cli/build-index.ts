import { orUsage, parseCommandLine } from './args.js';
import { exitWith } from './fail.js';
import { createRuntime } from '../app/runtime.js';
import { printIndexEvent } from './progress.js';

/** `npm run build-index`: rebuild `embeddings/index/` from `seeds/`, whatever state it is in. */
async function main(): Promise<void> {
  orUsage('用法：npm run build-index', () => parseCommandLine(process.argv.slice(2), {}, 0));
  const rt = await createRuntime({ forceRebuild: true, onIndexEvent: printIndexEvent });
  const m = rt.index.manifest;
  console.log(`index: ${rt.config.paths.index}\n  ${m.counts.documents} documents, ${m.counts.clauses} clauses, ${m.counts.passages} passages; model ${m.model.id}; ${m.buildSeconds} s`);
}

main().catch(exitWith);
