import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHUNKER_VERSION, ingestCorpus } from '../ingest/index.js';
import { buildIndex } from './build.js';
import type { Embedder } from './embedder.js';
import { IndexError, isRebuildable } from './errors.js';
import { hashSource, INDEX_FORMAT_VERSION, type IndexExpectation } from './manifest.js';
import { openIndex, type PolicyIndex } from './store.js';
import { PASSAGE_RECIPE } from './passages.js';
import type { Tokenizer } from './tokenizer.js';
import { updateIndex, type IndexChange, type IndexSource } from './update.js';

export type IndexEvent =
  | { type: 'opened'; manifest: PolicyIndex['manifest'] }
  | { type: 'rebuilding'; reason: string }
  | { type: 'updating'; reason: string; sources: string[] }
  | { type: 'progress'; done: number; total: number }
  | { type: 'built'; seconds: number; clauses: number };

export interface EnsureOptions {
  dir: string;
  seedsDir: string;
  /** Sources besides the seeds (the staff's library documents), already ingested. */
  extraSources?: IndexSource[];
  embedder: Embedder;
  tokenizer: Tokenizer;
  /** Rebuild even when the index is current. */
  force?: boolean;
  onEvent?: (e: IndexEvent) => void;
}

/** What an index must match to be opened by this code with this embedder and tokenizer. */
export function expectationFor(embedder: Embedder, tokenizer: Tokenizer): IndexExpectation {
  return { formatVersion: INDEX_FORMAT_VERSION, modelSha256: embedder.modelSha256, chunkerVersion: CHUNKER_VERSION, tokenizer: tokenizer.name, passageRecipe: PASSAGE_RECIPE };
}

/**
 * Can the index folder be replaced? Checked before any embedding: a read-only folder would
 * otherwise fail only after the whole build, on every start.
 */
export function assertWritable(dir: string): void {
  const parent = dirname(dir);
  const probe = `${dir}.write-test-${process.pid}`;
  try {
    mkdirSync(parent, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    if (existsSync(dir)) accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new IndexError('INDEX_READONLY', `the index at ${dir} must be (re)built but its folder cannot be written (${code})`, `Make ${parent} writable by this user, or set INDEX_DIR to a writable folder (an index built elsewhere with \`npm run build-index\` can be copied in).`);
  }
}

/** Sources whose clauses differ between the index and the files now; empty when current. */
export function changeFor(index: PolicyIndex, sources: IndexSource[]): IndexChange {
  const have = index.manifest.sources;
  const wanted = new Set(sources.map((s) => s.source));
  return {
    remove: Object.keys(have).filter((s) => !wanted.has(s)),
    add: sources.filter((s) => have[s.source]?.hash !== hashSource(s)),
  };
}

/**
 * Open the index. A changed, added or deleted source is re-embedded alone; a missing, damaged
 * or incompatible index (another model, chunker, tokenizer) is rebuilt. Either way, says why.
 */
export async function ensureIndex(o: EnsureOptions): Promise<PolicyIndex> {
  const corpus = ingestCorpus(o.seedsDir);
  const sources: IndexSource[] = [...corpus.files, ...(o.extraSources ?? [])];
  const expect = expectationFor(o.embedder, o.tokenizer);
  const progress = (done: number, total: number) => o.onEvent?.({ type: 'progress', done, total });
  if (!o.force) {
    try {
      const index = openIndex(o.dir, expect);
      const change = changeFor(index, sources);
      if (!change.remove.length && !change.add.length) {
        o.onEvent?.({ type: 'opened', manifest: index.manifest });
        return index;
      }
      assertWritable(o.dir);
      const names = [...new Set([...change.remove, ...change.add.map((s) => s.source)])];
      o.onEvent?.({ type: 'updating', reason: `${names.length} source file(s) changed: ${names.join(', ')}`, sources: names });
      const manifest = await updateIndex({ dir: o.dir, base: index, change, embedder: o.embedder, tokenizer: o.tokenizer, onProgress: progress });
      o.onEvent?.({ type: 'built', seconds: manifest.buildSeconds, clauses: manifest.counts.clauses });
      return openIndex(o.dir, expect);
    } catch (e) {
      if (!isRebuildable(e)) throw e;
      assertWritable(o.dir);
      o.onEvent?.({ type: 'rebuilding', reason: e.message });
    }
  } else {
    assertWritable(o.dir);
    o.onEvent?.({ type: 'rebuilding', reason: 'rebuild requested' });
  }
  const manifest = await buildIndex({ dir: o.dir, corpus: { files: sources }, embedder: o.embedder, tokenizer: o.tokenizer, onProgress: progress });
  o.onEvent?.({ type: 'built', seconds: manifest.buildSeconds, clauses: manifest.counts.clauses });
  return openIndex(o.dir, expect);
}
