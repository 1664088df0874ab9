/** The formats governments publish policies in, as far as this project reads them. */
export type DocumentFormat = 'txt' | 'md' | 'html' | 'docx' | 'doc' | 'pdf';

export const FORMATS: readonly DocumentFormat[] = ['txt', 'md', 'html', 'docx', 'doc', 'pdf'];

/** Text taken out of a file: one paragraph (or printed line) per line, no markup left. */
export interface ExtractedText {
  format: DocumentFormat;
  text: string;
}
