import { realRuntime } from './runtime.js';
const rt: any = await realRuntime();
const qs = process.argv.slice(2);
for (const q of qs) {
  const r = await rt.searcher.search({ question: q, top: 3 });
  console.log('Q', q, JSON.stringify(r.reference));
  for (const h of r.hits) console.log('   ', h.document.title.slice(0, 20), h.clause.articleNo ?? h.clause.headingPath.slice(-1)[0]?.slice(0, 20), h.score.toFixed(3));
}
process.exit(0);
