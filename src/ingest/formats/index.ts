export { extractText, formatOf, type ExtractOptions } from './extract.js';
export { FormatError, type FormatErrorCode } from './errors.js';
export { FORMATS, type DocumentFormat, type ExtractedText } from './types.js';
export { htmlToText, decodeHtml } from './html.js';
export { markdownToText, decodeText } from './text.js';
