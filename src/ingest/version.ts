/** Bump when ingestion's output changes shape or content, so built indexes are rebuilt. */
export const CHUNKER_VERSION = 6;
