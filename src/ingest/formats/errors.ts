export type FormatErrorCode = 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'ENCRYPTED' | 'BROKEN' | 'SCANNED' | 'EMPTY_TEXT';

/**
 * A file whose text cannot be taken out. `file` names it; the message is one sentence a
 * member of staff can act on (prompts/ words it for Telegram by `code`).
 */
export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'FormatError';
  }
}
