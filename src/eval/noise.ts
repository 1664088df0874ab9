import { seededRandom } from './folds.js';

/*
 * Generated non-questions for the abstention model's training and for a held-out check: random
 * printable ASCII (which includes quote-and-operator strings like SQL injection), random bytes
 * read as UTF-8, random Han characters, keyboard runs. Generated, not written from any question.
 */
export function noiseLines(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const kinds = [
    () => Array.from({ length: int(4, 24) }, () => String.fromCharCode(int(33, 126))).join(''),
    () => Buffer.from(Array.from({ length: int(6, 40) }, () => int(0, 255))).toString('utf8').replace(/[\u0000-\u001f\u007f]/g, ' ').trim() || '\ufffd',
    () => Array.from({ length: int(3, 14) }, () => String.fromCharCode(int(0x4e00, 0x9fa5))).join(''),
    () => Array.from({ length: int(2, 5) }, () => Array.from({ length: int(2, 7) }, () => 'asdfghjklqwertyuiopzxcvbnm'[int(0, 25)]).join('')).join(' '),
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}
