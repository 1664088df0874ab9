import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config.js';

/**
 * The environment the program runs with: `<root>/.env` if there is one, under the real
 * environment, which wins for every variable it sets (even to ''), as with `node --env-file`.
 * `util.parseEnv` (Node 20.12+) rather than `process.loadEnvFile`, so that nothing global is
 * changed and the result can go straight to createConfig.
 */
export function readEnv(root: string, env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(join(root, '.env'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return env;
    throw new ConfigError([`.env: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return { ...parseEnv(text), ...env };
}
