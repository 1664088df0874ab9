import { exitWith } from './fail.js';
import { createRuntime, printIndexEvent } from './runtime.js';

/** `npm run build-index`: rebuild `embeddings/index/` from `seeds/`, whatever state it is in. */
async function main(): Promise<void> {
  const rt = await createRuntime({ forceRebuild: true, onIndexEvent: printIndexEvent });
  const m = rt.index.manifest;
  console.log(`index: ${rt.config.paths.index}\n  ${m.counts.documents} documents, ${m.counts.clauses} clauses, ${m.counts.passages} passages; model ${m.model.id}; ${m.buildSeconds} s`);
}

main().catch(exitWith);
