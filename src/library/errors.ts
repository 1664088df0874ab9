export type LibraryErrorCode = 'NOT_FOUND' | 'NO_CLAUSES' | 'BAD_REGION' | 'BUSY' | 'NOTHING_TO_UNDO' | 'DAMAGED';

/** A library operation that cannot be done; nothing was changed. */
export class LibraryError extends Error {
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    /** Values a reply template names ({id}, {region}, {places}…). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}
