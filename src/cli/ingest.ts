import { ingestCorpus, MARKER_NAMES, outlineOf } from '../ingest/index.js';
import { orUsage, parseCommandLine } from './args.js';
import { resolveSeedsDir } from '../app/paths.js';

/** `npm run ingest -- --report`: what ingestion found in each seed, and what it could not place. */
function main(): void {
  const { values } = orUsage('用法：npm run ingest [-- --report]', () => parseCommandLine(process.argv.slice(2), { report: { type: 'boolean' } }, 0));
  const report = values.report === true;
  const corpus = ingestCorpus(resolveSeedsDir());
  for (const file of corpus.files) {
    console.log(`\n${file.source}: ${file.documents.length} document(s), ${file.clauses.length} clause(s)`);
    if (!report) continue;
    for (const doc of file.documents) {
      const n = file.clauses.filter((c) => c.docId === doc.id).length;
      console.log(`  ${doc.id}  《${doc.title}》  ${doc.docNumber ?? '(无文号)'}  ${doc.date ?? '(无日期)'}  ${doc.region ?? ''}  ${n} clauses${doc.kind === 'news' ? '  [新闻报道]' : ''}`);
      const outline = outlineOf(file.clauses.filter((c) => c.docId === doc.id));
      if (outline.levels.length) console.log(`      outline: ${outline.levels.map((l) => `${MARKER_NAMES[l.marker]} ${l.count}`).join(' · ')}`);
      for (const f of outline.flags) console.log(`      ? numbering ${f.kind}: ${f.path.join(' › ')} (expected ${f.expected}, found ${f.found})`);
    }
    for (const w of file.warnings) console.log(`  ! ${w}`);
  }
  console.log(`\ntotal: ${corpus.documents.length} documents, ${corpus.clauses.length} clauses`);
}

main();
