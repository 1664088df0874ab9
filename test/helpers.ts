import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const FIXTURES = resolve(fileURLToPath(new URL('./fixtures', import.meta.url)));
export const SEEDS = resolve(fileURLToPath(new URL('../seeds', import.meta.url)));
export const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
/** The scorer's notion of "same text": white space ignored. */
export const squash = (s: string) => s.replace(/\s+/g, '');
