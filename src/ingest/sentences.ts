/*
 * Sentence boundaries in Chinese policy text. Pieces end after 。！？ and, for the long
 * enumerations these documents favour, after ；. A closing quote or bracket stays with
 * its sentence.
 */
const BOUNDARY = /[。！？!?；;](?:[”’」』）)]*)/g;

/** Offsets (exclusive ends) at which `text` may be cut between sentences. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) ends.push(m.index + m[0].length);
  BOUNDARY.lastIndex = 0;
  if (ends[ends.length - 1] !== text.length) ends.push(text.length);
  return ends;
}

/** Split into sentences, keeping every character (the pieces concatenate back to `text`). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const end of sentenceEnds(text)) {
    if (end > from) out.push(text.slice(from, end));
    from = end;
  }
  return out;
}

/**
 * Greedy packing of consecutive sentences into pieces of about `target` characters;
 * only a single sentence longer than `max` is cut, at the last comma before `max`.
 */
export function packSentences(sentences: string[], target: number, max = target): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const s of sentences.flatMap((x) => cutLong(x, max))) {
    if (current && current.length + s.length > target) {
      pieces.push(current);
      current = '';
    }
    current += s;
  }
  if (current) pieces.push(current);
  return pieces;
}

function cutLong(sentence: string, max: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const comma = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'));
    const cut = comma > max / 3 ? comma + 1 : max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}
