// the bigram view lives with the index, which stores a bigram field built at index time
export { charBigrams, hanShare } from '../index/bigrams.js';
