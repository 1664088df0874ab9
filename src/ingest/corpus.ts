import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../config/index.js';
import { IngestError } from './errors.js';
import { ingestText } from './ingest-file.js';
import { DEFAULT_SEED_META, SeedMetaSchema, type SeedMeta } from './seed-meta.js';
import type { Corpus, IngestedFile } from './types.js';

/** Share of U+FFFD replacement characters above which a file is not UTF-8 text. */
const MAX_REPLACEMENT_RATIO = 0.01;

export function decodeSeed(source: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE', source, 'the file is empty: nothing to ingest');
  if (bytes.includes(0)) throw new IngestError('BINARY_FILE', source, 'the file is binary (it contains NUL bytes), not UTF-8 text');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad / text.length > MAX_REPLACEMENT_RATIO) throw new IngestError('BINARY_FILE', source, 'the file is not UTF-8 text');
  return text;
}

export function readSeedMeta(dir: string, source: string): SeedMeta {
  const path = join(dir, source.replace(/\.txt$/, '.meta.json'));
  if (!existsSync(path)) return DEFAULT_SEED_META;
  const parsed = parseJson(readFileSync(path, 'utf8'), SeedMetaSchema);
  if (!parsed.ok) throw new IngestError('BAD_SEED_META', source, `${path}: ${parsed.problem}`);
  return parsed.value;
}

export function listSeeds(dir: string): string[] {
  if (!existsSync(dir)) throw new IngestError('NO_SEEDS', dir, 'the seeds folder does not exist');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (!files.length) throw new IngestError('NO_SEEDS', dir, 'no .txt seeds in the folder');
  return files;
}

export function ingestFile(dir: string, source: string): IngestedFile {
  return ingestText(source, decodeSeed(source, readFileSync(join(dir, source))), readSeedMeta(dir, source));
}

export function ingestCorpus(dir: string): Corpus {
  const files = listSeeds(dir).map((f) => ingestFile(dir, f));
  return { files, documents: files.flatMap((f) => f.documents), clauses: files.flatMap((f) => f.clauses) };
}
