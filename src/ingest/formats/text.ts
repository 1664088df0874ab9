import iconv from 'iconv-lite';

/** Share of U+FFFD above which bytes are not UTF-8; the same bar the seeds are held to. */
const MAX_REPLACEMENT_RATIO = 0.01;

/**
 * Plain text in UTF-8 (with or without BOM) or, failing that, GB18030 — the superset of the
 * GB2312/GBK that Chinese office software still saves .txt files in.
 */
export function decodeText(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const bad = (utf8.match(/\uFFFD/g) ?? []).length;
  if (bad <= MAX_REPLACEMENT_RATIO * utf8.length) return utf8;
  return iconv.decode(bytes, 'gb18030');
}

/** Markdown to the plain lines ingestion reads: heading marks, emphasis, links and list bullets removed. */
export function markdownToText(md: string): string {
  return md
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^\s*[-*+]\s+(?=\S)/, '')
        .replace(/^\s*\|(.*)\|\s*$/, (_, cells: string) => (/^[\s|:-]+$/.test(cells) ? '' : cells.split('|').map((c) => c.trim()).join(' ')))
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(\*|_)(\S.*?)\1/g, '$2')
        .replace(/`([^`]+)`/g, '$1'),
    )
    .filter((line) => !/^\s*([-*_])\s*(\1\s*){2,}$/.test(line))
    .join('\n');
}
