import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FormatError } from './errors.js';

/*
 * pdf.js (legacy build: the one meant for Node). Government PDFs often name a Chinese font
 * (STSong-Light, SimSun) without embedding it; its glyph codes only map to text through the
 * CMaps pdf.js ships, so they are passed in from the installed package, never fetched.
 */
const require = createRequire(import.meta.url);
const PDFJS_ROOT = dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_DIR = join(PDFJS_ROOT, 'cmaps') + '/';
const STANDARD_FONTS_DIR = join(PDFJS_ROOT, 'standard_fonts') + '/';

/** Fewer printable characters than this per page on average: no text layer worth the name. */
const MIN_CHARS_PER_PAGE = 10;

interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

export async function pdfToText(file: string, bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_DIR,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new FormatError('ENCRYPTED', file, 'the PDF is password-protected; save an unprotected copy and add that');
    throw new FormatError('BROKEN', file, `the PDF cannot be read (${(e as Error).message ?? name}); it may be damaged or incomplete`);
  }
  try {
    const pages: string[] = [];
    let images = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.filter((i) => 'str' in i) as TextItem[]));
      if (pages[pages.length - 1]!.replace(/\s/g, '').length < MIN_CHARS_PER_PAGE) {
        const ops = await page.getOperatorList();
        images += ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject || f === pdfjs.OPS.paintInlineImageXObject).length;
      }
      page.cleanup();
    }
    const text = pages.join('\n');
    if (text.replace(/\s/g, '').length < MIN_CHARS_PER_PAGE * doc.numPages) {
      if (images > 0) throw new FormatError('SCANNED', file, 'the PDF is a scan: its pages are images with no text layer. Run it through OCR (or ask the issuer for the text PDF) and add that');
      throw new FormatError('EMPTY_TEXT', file, 'the PDF contains no text');
    }
    return text;
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError('BROKEN', file, `the PDF cannot be read (${(e as Error).message}); it may be damaged or incomplete`);
  } finally {
    await doc.destroy();
  }
}

/**
 * Text items into printed lines: a new line where pdf.js marks one or the baseline moves by
 * more than half the glyph height. Items on one line are joined without a space (Chinese
 * has none); a gap wider than a glyph between Latin words gets one.
 */
function linesOf(items: TextItem[]): string {
  const lines: string[] = [];
  let line = '';
  let lastY: number | null = null;
  let lastEnd: number | null = null;
  for (const item of items) {
    const [, , , , x, y] = item.transform as [number, number, number, number, number, number];
    const h = item.height || 10;
    if (lastY !== null && Math.abs(y - lastY) > h / 2) {
      lines.push(line);
      line = '';
      lastEnd = null;
    }
    if (lastEnd !== null && x - lastEnd > h && /[A-Za-z0-9]$/.test(line) && /^[A-Za-z0-9]/.test(item.str)) line += ' ';
    line += item.str;
    lastY = y;
    lastEnd = x + (item.str.length * h) / 2;
    if (item.hasEOL) {
      lines.push(line);
      line = '';
      lastY = null;
      lastEnd = null;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim()).join('\n');
}
