import mammoth from 'mammoth';
import WordExtractor from 'word-extractor';

/** .docx (Word 2007+, WPS): the paragraphs' raw text; mammoth separates paragraphs with a blank line. */
export async function docxToText(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/\r/g, '').replace(/\n{2,}/g, '\n');
}

/** .doc (Word 97–2003, WPS): the main body; headers, footers and footnotes are page furniture. */
export async function docToText(bytes: Buffer): Promise<string> {
  const doc = await new WordExtractor().extract(bytes);
  return doc.getBody().replace(/\r\n?/g, '\n');
}
