/** Telegram's limit on one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;

/**
 * Split a reply into messages of at most `max` characters: between paragraphs first (our
 * markup never spans a blank line), then between sentences. A paragraph cut between
 * sentences loses its tags rather than sending broken HTML.
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
    const plain = block.replace(/<\/?(b|i|blockquote|code)>/g, '');
    const sentences = plain.match(/[^。；！？\n]+[。；！？\n]?/g) ?? [plain];
    let piece = '';
    for (const s of sentences) {
      if (piece.length + s.length > max) {
        if (piece) push(piece);
        piece = '';
      }
      // a single sentence over the limit is cut hard: nothing else would fit it
      for (let i = 0; i < s.length; i += max) piece += s.slice(i, i + max);
    }
    if (piece) push(piece);
  }
  if (current) parts.push(current);
  return parts;
}
