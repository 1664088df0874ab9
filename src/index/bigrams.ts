/*
 * Character bigrams: the segmentation-free view of Chinese text. A word segmenter splits
 * 居住证 and 居住 证 differently in question and clause; overlapping character pairs match
 * whatever the segmenter did, which is why bigram matching is the standard companion of word
 * segmentation in Chinese retrieval. Latin words and numbers stay whole.
 */
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

export function charBigrams(text: string): string[] {
  const out: string[] = [];
  let run = '';
  let latin = '';
  const flushRun = () => {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    run = '';
  };
  const flushLatin = () => {
    if (latin) out.push(latin);
    latin = '';
  };
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (HAN.test(ch)) {
      flushLatin();
      run += ch;
    } else if (WORD.test(ch)) {
      flushRun();
      latin += ch;
    } else {
      flushRun();
      flushLatin();
    }
  }
  flushRun();
  flushLatin();
  return out;
}

/** Share of characters that are Han: a question in Chinese is mostly Han; random bytes and ASCII noise are not. */
export function hanShare(text: string): number {
  const chars = [...text.normalize('NFKC')].filter((c) => !/\s/u.test(c));
  if (!chars.length) return 0;
  return chars.filter((c) => HAN.test(c)).length / chars.length;
}

/** How many extra times a clause's title and heading path count in the stored bigram field (a change needs an INDEX_FORMAT_VERSION bump). */
export const BIGRAM_HEADING_REPEAT = 2;

/**
 * The character-bigram field of a clause: its keyword text, with the title and heading path
 * repeated `headingRepeat` more times (field weighting: a heading names the topic once, the body
 * many times).
 */
export function bigramTermsOf(keywordText: string, title: string, headingPath: readonly string[], headingRepeat: number): string[] {
  const head = [title, ...headingPath.slice(1)].join(' ');
  const headGrams = charBigrams(head);
  const out = charBigrams(keywordText);
  for (let k = 0; k < headingRepeat; k++) out.push(...headGrams);
  return out;
}
