import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/app/runtime.js';
import { FIXTURES } from '../helpers.js';

export const LIBRARY_FIXTURES = resolve(FIXTURES, 'library');
export const libraryFile = (name: string) => ({ name, bytes: readFileSync(join(LIBRARY_FIXTURES, name)) });

/** A real runtime (real model, real index) over the two mini seeds, with its own index and library folders. */
export function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'lib11-'));
  cpSync(join(FIXTURES, 'mini-seeds'), join(root, 'seeds'), { recursive: true });
  const env = { ...process.env, BOT_TOKEN: undefined, WEBHOOK_URL: undefined, LOG_LEVEL: 'silent', SEEDS_DIR: join(root, 'seeds'), INDEX_DIR: join(root, 'index'), LIBRARY_DIR: join(root, 'library') };
  return { root, env, runtime: (o: RuntimeOptions = {}): Promise<Runtime> => createRuntime({ env, watchMs: 0, ...o }) };
}

/** The answer's cited excerpts as `《title》article` strings, best first. */
export async function citedFor(rt: Runtime, question: string): Promise<string[]> {
  const a = await rt.answerer.answer({ question });
  return a.status === 'answered' ? a.excerpts.map((e) => `《${e.citation.title}》${e.citation.location ?? ''}`) : [];
}
