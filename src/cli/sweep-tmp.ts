import { createRuntime } from './runtime.js';
import { readBatch } from './batch.js';
import { createSearcher } from '../search/index.js';
import { createTransformersEmbedder, createTokenizer, buildKeywordIndex, passageText } from '../index/index.js';
// @ts-ignore
import { score } from '../../../shared/eval/score.mjs';
import { readFileSync } from 'node:fs';
const gold = readFileSync('../shared/eval/dev.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const rt = await createRuntime({});
const qs = readBatch('../shared/eval/dev.jsonl');
const instr = await createTransformersEmbedder({ modelDir: rt.config.paths.model, queryInstruction: true });
console.log('build s', rt.index.manifest.buildSeconds, rt.index.manifest.counts);
const intl = createTokenizer('intl-segmenter');
const intlIndex = { ...rt.index, keyword: buildKeywordIndex(rt.index.clauses.map((c) => intl.tokenize(passageText(c, rt.index.documents.get(c.docId))))) };
const jb = rt.tokenizer;
const union = { name: 'union', tokenize: (t: string) => [...jb.tokenize(t), ...intl.tokenize(t)] };
const unionIndex = { ...rt.index, keyword: buildKeywordIndex(rt.index.clauses.map((c) => union.tokenize(passageText(c, rt.index.documents.get(c.docId))))) };
const configs: [string, any][] = [
  ['jieba', {}],
  ['intl', { tokenizer: intl, index: intlIndex }],
  ['intl instr', { tokenizer: intl, index: intlIndex, embedder: instr }],
  ['intl rrf30', { tokenizer: intl, index: intlIndex, params: { rrfK: 30 } }],
  ['intl rrf30 ctx.5', { tokenizer: intl, index: intlIndex, params: { rrfK: 30, followUpContextWeight: 0.5, contextWeight: 0.2 } }],
  ['union', { tokenizer: union, index: unionIndex }],
  ['union rrf30', { tokenizer: union, index: unionIndex, params: { rrfK: 30 } }],
  ['intl cand100', { tokenizer: intl, index: intlIndex, params: { candidates: 100 } }],
];
for (const [name, o] of configs) {
  const s = createSearcher({ index: o.index ?? rt.index, embedder: o.embedder ?? rt.embedder, tokenizer: o.tokenizer ?? rt.tokenizer, params: o.params });
  const results = [];
  for (const q of qs) {
    const r = await s.search({ question: q.question, context: q.context, top: 10 });
    results.push({ id: q.id, abstained: false, results: r.hits.map((h) => ({ text: h.clause.text })) });
  }
  const t = score(gold, results).table;
  console.log(name.padEnd(10), 'all', t.all['hit@1'], t.all['hit@5'], t.all['mrr@10'], '| cit', t['persona:citizen']['hit@5'], 'staff', t['persona:staff']['hit@5'], 'grp', t['persona:group']['hit@5'], 'fu', t['follow-up']['hit@5'], t['follow-up']['hit@1']);
}
