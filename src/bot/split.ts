/** Telegram's limit on one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;

const TAG = /<[^<>]*>/g;
const SENTENCE = /[^。；！？\n]*[。；！？\n]|[^。；！？\n]+/g;

/**
 * Split a reply into messages of at most `max` characters: between paragraphs first (our
 * markup never spans a blank line), then between sentences. A paragraph cut between
 * sentences loses its tags rather than sending broken HTML; a sentence longer than a whole
 * message is cut hard, never inside an entity (&amp;) or a surrogate pair.
 */
export function splitMessage(html: string, max = TELEGRAM_MAX_TEXT): string[] {
  if (html.length <= max) return [html];
  const parts: string[] = [];
  let current = '';
  const push = (block: string) => {
    if (current && current.length + 2 + block.length > max) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${block}` : block;
  };
  for (const block of html.split('\n\n')) {
    if (block.length <= max) {
      push(block);
      continue;
    }
    let piece = '';
    for (const sentence of block.replace(TAG, '').match(SENTENCE) ?? []) {
      for (const slice of hardCut(sentence, max)) {
        if (piece.length + slice.length > max) {
          if (piece.trim()) push(piece);
          piece = '';
        }
        piece += slice;
      }
    }
    if (piece.trim()) push(piece);
  }
  if (current) parts.push(current);
  return parts;
}

/** `text` in slices of at most `max` characters, each ending where a character ends and no entity is open. */
function hardCut(text: string, max: number): string[] {
  const slices: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    // an entity (at most ~10 characters) that would straddle the cut moves to the next slice
    const amp = text.lastIndexOf('&', end - 1);
    const semi = amp > start ? text.indexOf(';', amp) : -1;
    if (semi >= end && semi - amp <= 10) end = amp;
    if (/[\ud800-\udbff]/.test(text[end - 1]!)) end -= 1;
    slices.push(text.slice(start, end));
    start = end;
  }
  slices.push(text.slice(start));
  return slices;
}
