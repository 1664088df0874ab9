import { rmSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import { keepBest } from './best.js';
import { IndexError } from './errors.js';

const { HierarchicalNSW } = hnswlib;

/** HNSW graph parameters; recall against exact search is printed by `npm run bench`. */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
  /** Fixed so that the same vectors always give the same graph. */
  seed: number;
}
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 100, seed: 100 };

export interface Neighbour {
  id: number;
  /** Cosine similarity, 1 = same direction. */
  similarity: number;
}

export interface VectorStore {
  readonly dimensions: number;
  /** Labels in the graph, deleted ones included (labels are never reused). */
  readonly count: number;
  /** Labels marked deleted: never returned by search. */
  readonly deleted: number;
  search(query: Float32Array, k: number): Neighbour[];
  save(path: string): void;
  /**
   * A new store with these labels deleted and these added; this one is left as it is, so a
   * search in flight on it sees the graph it started with. The copy goes through `scratchPath`
   * (hnswlib has no in-memory clone; a write and read of the graph is ~40 ms at 3,000 vectors).
   */
  withChanges(scratchPath: string, change: VectorChange): VectorStore;
}

export interface VectorChange {
  remove: number[];
  add: { label: number; vector: Float32Array }[];
}

function checkQuery(query: Float32Array, dimensions: number): void {
  if (query.length !== dimensions) throw new IndexError('BAD_VECTOR', `query vector has ${query.length} dimensions, the index has ${dimensions}`, 'Rebuild the index with the same model the query is embedded with.');
}

function wrap(index: InstanceType<typeof HierarchicalNSW>, dimensions: number, params: HnswParams, deleted: number): VectorStore {
  index.setEf(params.efSearch);
  const count = index.getCurrentCount();
  return {
    dimensions,
    count,
    deleted,
    search(query, k) {
      checkQuery(query, dimensions);
      const n = Math.min(k, count - deleted);
      if (n === 0) return [];
      const { neighbors, distances } = index.searchKnn(Array.from(query), n);
      return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
    },
    save: (path) => index.writeIndexSync(path),
    withChanges(scratchPath, change) {
      index.writeIndexSync(scratchPath);
      const copy = new HierarchicalNSW('cosine', dimensions);
      try {
        copy.readIndexSync(scratchPath);
      } finally {
        rmSync(scratchPath, { force: true });
      }
      const needed = count + change.add.length;
      if (needed > copy.getMaxElements()) copy.resizeIndex(Math.max(needed, Math.ceil(copy.getMaxElements() * 1.25)));
      for (const label of change.remove) copy.markDelete(label);
      for (const { label, vector } of change.add) copy.addPoint(Array.from(vector), label);
      return wrap(copy, dimensions, params, deleted + change.remove.length);
    },
  };
}

export function buildVectorStore(vectors: Float32Array[], dimensions: number, params: HnswParams = DEFAULT_HNSW): VectorStore {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.initIndex({ maxElements: Math.max(vectors.length, 1), m: params.m, efConstruction: params.efConstruction, randomSeed: params.seed });
  vectors.forEach((v, id) => index.addPoint(Array.from(v), id));
  return wrap(index, dimensions, params, 0);
}

/** `deleted`: how many labels in the file are marked deleted (the manifest records it). */
export function loadVectorStore(path: string, dimensions: number, params: HnswParams, deleted = 0): VectorStore {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.readIndexSync(path);
  return wrap(index, dimensions, params, deleted);
}

/** Dot product of vector `id` in a flat array of unit vectors with `query`: their cosine similarity. */
export function dotAt(vectors: Float32Array, id: number, dimensions: number, query: Float32Array): number {
  let dot = 0;
  const off = id * dimensions;
  for (let d = 0; d < dimensions; d++) dot += vectors[off + d]! * query[d]!;
  return dot;
}

/** Scales `v` to unit length in place and returns it. */
export function toUnitLength(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** The direction halfway between unit vectors `a` and `b`: both meanings, equally weighted. */
export function midDirection(a: Float32Array, b: Float32Array): Float32Array {
  return toUnitLength(a.map((x, i) => x + b[i]!));
}

/** Exact cosine search over unit vectors: the reference HNSW is measured against (a fair one: no full sort). */
export function exactSearch(vectors: Float32Array, dimensions: number, query: Float32Array, k: number): Neighbour[] {
  checkQuery(query, dimensions);
  const count = vectors.length / dimensions;
  const top: Neighbour[] = [];
  const ahead = (a: Neighbour, b: Neighbour) => a.similarity > b.similarity;
  for (let id = 0; id < count; id++) keepBest(top, { id, similarity: dotAt(vectors, id, dimensions, query) }, k, ahead);
  return top;
}
