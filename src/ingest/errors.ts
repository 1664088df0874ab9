export type IngestErrorCode = 'EMPTY_FILE' | 'BINARY_FILE' | 'NO_SEEDS' | 'BAD_SEED_META';

/** A seed that cannot be ingested; `source` names the file so the report can say which. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'IngestError';
  }
}
