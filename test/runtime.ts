import { createRuntime, type Runtime } from '../src/app/runtime.js';

/**
 * One real runtime (real model, real index over the real seeds) per test file. The index is
 * built on first use and reused after; LOG_LEVEL silent keeps test output readable.
 */
let shared: Promise<Runtime> | null = null;
export function realRuntime(): Promise<Runtime> {
  shared ??= createRuntime({ env: { ...process.env, BOT_TOKEN: undefined, WEBHOOK_URL: undefined, LOG_LEVEL: 'silent' } });
  return shared;
}
