import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The project root, whatever the working directory. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function resolveSeedsDir(): string {
  return resolve(PROJECT_ROOT, 'seeds');
}
