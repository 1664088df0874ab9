export type IndexErrorCode = 'MODEL_MISSING' | 'MODEL_CORRUPT' | 'INDEX_MISSING' | 'INDEX_STALE' | 'INDEX_CORRUPT' | 'INDEX_READONLY' | 'BAD_VECTOR';

/**
 * Why the index or the model cannot be used. `fix` is a sentence for the person running the
 * bot; missing, stale and corrupt indexes are rebuilt by the caller, a missing model is not.
 */
export class IndexError extends Error {
  constructor(
    readonly code: IndexErrorCode,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'IndexError';
  }
}

export const isRebuildable = (e: unknown): e is IndexError =>
  e instanceof IndexError && (e.code === 'INDEX_MISSING' || e.code === 'INDEX_STALE' || e.code === 'INDEX_CORRUPT');
