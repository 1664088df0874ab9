import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/*
 * jieba is a native addon plus a 5 MB dictionary read at load: required only when the jieba
 * tokenizer is chosen, so the default start never loads it. A synchronous require (the package
 * is CommonJS) keeps createTokenizer synchronous for its callers; the types still come from
 * the package.
 */
const require = createRequire(import.meta.url);
type JiebaModule = typeof import('@node-rs/jieba');
type DictModule = typeof import('@node-rs/jieba/dict.js');

/** Splits Chinese text into index terms. Replaceable so that segmenters can be measured. */
export interface Tokenizer {
  readonly name: string;
  tokenize(text: string): string[];
}

/*
 * Words that carry no topic in a question: pronouns, particles and the colloquial frame
 * ("我想问一下…能不能…吗"). Question words that signal what is asked (多少, 哪个部门) are
 * recognised by query analysis, not matched as terms.
 */
const STOPWORDS = new Set(
  ('的 了 是 在 和 与 及 或 等 吗 呢 啊 吧 呀 嘛 哦 么 我 我们 你 你们 他 她 他们 它 咱 咱们 自己 这 那 这个 那个 这些 那些 这边 那边 ' +
    '有 没有 没 能 能不能 可以 可不可以 可 会 要 想 请问 问 一下 一个 个 些 就 都 也 还 还是 又 再 把 被 给 让 对 从 到 向 于 为 以 ' +
    '什么 啥 咋 怎么 怎样 如何 怎么办 哪 哪些 哪里 多少 几 多久 吗 么 呗 得 地 着 过 之 其 该 如果 要是 但是 不过 而且 然后 所以 因为 ' +
    '现在 已经 今年 一般 需要 里 上 下 中 里面 一起 多 很 更 最 比较 非常 进行 相关 有关 规定 情况 问题 ' +
    '以后 今后 将来 以前 之前 时候 到底 听说 大概 一直 还没 是不是 会不会 能否').split(/\s+/),
);
const TERM = /[\p{Script=Han}\p{L}\p{N}]/u;
/** Part of the tokenizer's name, so that an index built with other stopwords counts as stale. */
const STOPWORDS_VERSION = createHash('sha256').update([...STOPWORDS].join(' ')).digest('hex').slice(0, 8);

function keep(term: string): boolean {
  return TERM.test(term) && !STOPWORDS.has(term);
}

/** jieba in search mode: compound words plus their parts ("居住证" → 居住, 居住证). */
export function createJiebaTokenizer(): Tokenizer {
  const { Jieba } = require('@node-rs/jieba') as JiebaModule;
  const { dict } = require('@node-rs/jieba/dict.js') as DictModule;
  const jieba = Jieba.withDict(dict);
  return {
    name: `jieba-search+sw${STOPWORDS_VERSION}`,
    tokenize: (text) => jieba.cutForSearch(text.normalize('NFKC').toLowerCase(), true).map((t) => t.trim()).filter(keep),
  };
}

/** ICU word segmentation from the runtime, for comparison. */
export function createIntlTokenizer(): Tokenizer {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return {
    name: `intl-segmenter+sw${STOPWORDS_VERSION}+p${PIECE_MAX}`,
    tokenize: (text) => {
      const terms: string[] = [];
      for (const piece of segmentPieces(text.normalize('NFKC').toLowerCase())) {
        for (const s of segmenter.segment(piece)) if (s.isWordLike && keep(s.segment)) terms.push(s.segment);
      }
      return terms;
    },
  };
}

/*
 * V8 builds each segment's data object from the whole input: segmenting one long string costs
 * memory in its length times its segments (a 50,000-character clause exhausted a 4 GB heap). So the
 * text is segmented a sentence at a time, and a run with no sentence end in PIECE_MAX pieces; a
 * word cut at such a boundary is rarer than a sentence that long.
 */
const PIECE_MAX = 400;

export function segmentPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const sentence of text.split(/(?<=[。！？；;!?\n])/)) {
    for (let i = 0; i < sentence.length; i += PIECE_MAX) pieces.push(sentence.slice(i, i + PIECE_MAX));
  }
  return pieces;
}

export function createTokenizer(name: string): Tokenizer {
  return name === 'intl-segmenter' ? createIntlTokenizer() : createJiebaTokenizer();
}
