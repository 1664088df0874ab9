import { ConfigError } from '../config/index.js';
import { IndexError } from '../index/index.js';
import { IngestError } from '../ingest/index.js';
import { PromptsError } from '../answer/index.js';

/** A start-up failure as one clear message on stderr, then exit; no stack for known causes. */
export function exitWith(e: unknown): never {
  if (e instanceof IndexError) process.stderr.write(`错误：${e.message}\n${e.fix}\n`);
  else if (e instanceof ConfigError || e instanceof IngestError || e instanceof PromptsError || (e instanceof Error && (e.name === 'BotStartError' || e.name === 'BatchFileError'))) process.stderr.write(`错误：${e.message}\n`);
  else process.stderr.write(`错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}
