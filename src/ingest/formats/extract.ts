import { extname } from 'node:path';
import { FormatError } from './errors.js';
import { decodeHtml, htmlToText } from './html.js';
import { pdfToText } from './pdf.js';
import { decodeText, markdownToText } from './text.js';
import { FORMATS, type DocumentFormat, type ExtractedText } from './types.js';
import { docToText, docxToText } from './word.js';

export interface ExtractOptions {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

/** Typesetters space digits off Chinese ("2022 年 7 月"); Chinese text has no such spaces. */
const CJK_GAP = /(?<=[\p{Script=Han}〔〕（）])[ \u00a0]+(?=[\d])|(?<=\d)[ \u00a0]+(?=[\p{Script=Han}〔〕（）])/gu;

const EXTENSIONS: Record<string, DocumentFormat> = { '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.shtml': 'html', '.docx': 'docx', '.doc': 'doc', '.wps': 'doc', '.pdf': 'pdf' };

/** What the bytes are, whatever the name says: a .doc that is really a .docx (WPS does this) is read as one. */
export function formatOf(file: string, bytes: Buffer): DocumentFormat | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'doc';
  const byName = EXTENSIONS[extname(file).toLowerCase()] ?? null;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return byName === 'doc' || byName === 'docx' ? 'docx' : null;
  // a .pdf/.doc/.docx that did not start like one is not one
  if (byName === 'pdf' || byName === 'doc' || byName === 'docx') return byName === 'pdf' || bytes.includes(0) ? byName : 'txt';
  if (byName) return byName;
  return null;
}

/** A file's text, ready for ingestion; anything unreadable is a FormatError naming the file. */
export async function extractText(file: string, bytes: Buffer, o: ExtractOptions): Promise<ExtractedText> {
  if (bytes.length > o.maxBytes) throw new FormatError('TOO_LARGE', file, `the file is ${(bytes.length / 1e6).toFixed(1)} MB; the limit is ${(o.maxBytes / 1e6).toFixed(0)} MB`);
  if (bytes.length === 0) throw new FormatError('EMPTY_TEXT', file, 'the file is empty');
  const format = formatOf(file, bytes);
  if (!format) throw new FormatError('UNSUPPORTED_TYPE', file, `this type of file cannot be read; send one of: ${FORMATS.map((f) => '.' + f).join(' ')}`);
  let text: string;
  try {
    text = await read(file, format, bytes);
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError('BROKEN', file, `the .${format} file cannot be read (${(e as Error).message?.split('\n')[0] ?? 'unknown error'}); it may be damaged`);
  }
  if (format === 'pdf') text = text.replace(CJK_GAP, '');
  text = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u200b\ufeff]/g, '').replace(/\n\s*\n/g, '\n').trim();
  if (!text.replace(/\s/g, '')) throw new FormatError('EMPTY_TEXT', file, 'no text was found in the file');
  return { format, text };
}

async function read(file: string, format: DocumentFormat, bytes: Buffer): Promise<string> {
  switch (format) {
    case 'txt':
      if (bytes.includes(0)) throw new FormatError('UNSUPPORTED_TYPE', file, 'the file is binary, not text');
      return decodeText(bytes);
    case 'md':
      return markdownToText(decodeText(bytes));
    case 'html':
      return htmlToText(decodeHtml(bytes));
    case 'docx':
      return docxToText(bytes);
    case 'doc':
      return docToText(bytes);
    case 'pdf':
      return pdfToText(file, bytes);
  }
}
