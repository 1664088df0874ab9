import { createRuntime } from './runtime.js';
const rt = await createRuntime({});
for (const q of process.argv.slice(2)) {
  const r = await rt.searcher.search({ question: q, top: 5 });
  console.log(q, r.query.kind, r.terms.join('/'));
  for (const h of r.hits) console.log('   ', h.similarity.toFixed(3), h.termCoverage.toFixed(2), h.clause.headingPath.slice(1).join('›').slice(0, 40), '|', h.clause.text.slice(0, 50).replace(/\n/g, ' '));
}
