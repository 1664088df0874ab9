import { describe, expect, it } from 'vitest';
import { ingestCorpus, type IngestedFile } from '../../src/ingest/index.js';
import { SEEDS, squash } from '../helpers.js';

const corpus = ingestCorpus(SEEDS);
const byTitle = (t: string) => corpus.documents.find((d) => d.title === t)!;

/** Every non-space character: in exactly one clause, or set aside for a stated reason. */
function coverageOf(file: IngestedFile) {
  const inClauses = new Uint8Array(file.text.length);
  const setAside = new Uint8Array(file.text.length);
  for (const c of file.clauses) for (const [a, b] of c.spans) for (let i = a; i < b; i++) inClauses[i]!++;
  for (const s of file.skipped) for (let i = s.span[0]; i < s.span[1]; i++) setAside[i] = 1;
  let lost = 0, twice = 0, both = 0;
  for (let i = 0; i < file.text.length; i++) {
    if (/\s/.test(file.text[i]!)) continue;
    if (inClauses[i]! > 1) twice++;
    if (inClauses[i] === 0 && !setAside[i]) lost++;
    if (inClauses[i]! > 0 && setAside[i]) both++;
  }
  return { lost, twice, both };
}

describe('the five seeds', () => {
  it.each(corpus.files.map((f) => [f.source, f] as const))('%s: every character lands in exactly one clause or is set aside', (_name, file) => {
    expect(coverageOf(file)).toEqual({ lost: 0, twice: 0, both: 0 });
  });

  it('sets aside only furniture, headers, signatures and artefacts, never a whole sentence of policy', () => {
    for (const file of corpus.files) {
      // a covering notice's sentences ("现将…印发给你们") are set aside whole, by name
      for (const s of file.skipped.filter((x) => x.reason !== 'furniture' && x.reason !== 'covering-notice')) {
        const text = file.text.slice(s.span[0], s.span[1]);
        expect(text.length, text).toBeLessThanOrEqual(80);
        expect(text, text).not.toMatch(/。$/);
      }
    }
  });

  it('finds every document in the yearbook appendices with its 文号', () => {
    const numbered = corpus.documents.filter((d) => /^00[01]/.test(d.source) && d.kind === 'policy');
    expect(numbered.map((d) => d.docNumber)).toEqual([
      '慈党〔2018〕1号', '慈党〔2018〕2号', '慈党〔2018〕5号', '慈党〔2018〕10号', '慈党〔2018〕13号', '慈政发〔2018〕1号',
      '慈政办发〔2018〕18号', '慈政办发〔2018〕36号', '慈政办发〔2018〕73号', '慈政办发〔2018〕85号',
      '慈党〔2017〕1号', '慈党〔2017〕5号', '慈党〔2017〕6号', '慈党〔2017〕9号', '慈政发〔2017〕5号', '慈政发〔2017〕38号', '慈政发〔2017〕38号',
      '慈政发〔2017〕42号', '慈政发〔2017〕77号',
    ]);
    expect(byTitle('健康慈溪2030行动纲要').docNumber).toBe('慈党〔2018〕5号');
    expect(byTitle('慈溪市人民政府办公室关于推行新型居住证制度的通知').date).toBe('2018-02-07');
    expect(byTitle('中共慈溪市委 慈溪市人民政府关于推进农业供给侧结构性改革加快培育农业农村发展新动能的若干意见').date).toBe('2017-03-14');
  });

  it('gives the 户口迁移 rules as one document, chapter by chapter, article by article, each text exact', () => {
    const doc = byTitle('慈溪市户口迁移政策实施细则');
    expect(doc).toMatchObject({ docNumber: '慈政办发〔2018〕85号', date: '2018-06-30', region: '慈溪' });
    const clauses = corpus.clauses.filter((c) => c.docId === doc.id);
    const articles = [...new Set(clauses.map((c) => c.articleNo))];
    expect(articles.slice(0, 5)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条']);
    expect(articles).toContain('第三十五条');
    const art6 = clauses.filter((c) => c.articleNo === '第六条');
    expect(art6).toHaveLength(1);
    expect(art6[0]!.headingPath).toEqual(['慈溪市户口迁移政策实施细则', '第三章 亲属投靠落户']);
    expect(squash(art6[0]!.text)).toBe(squash(`第三章 亲属投靠落户
      第六条 夫妻一方为市内户口且有合法稳定住所的,其配偶提供以下证明材料,可以将户口迁至其合法稳定住所处:
      (一)投靠人的居民户口簿、居民身份证;
      (二)拟迁入户的居民户口簿、户主的居民身份证、被投靠人的居民身份证及户主同意落户的证明;
      (三)结婚证;
      (四)被投靠人或被投靠人父母的合法稳定住所证明。
      迁入农村地区的,还应提供夫妻双方或一方在拟迁入村的不动产权证书和拟迁入村同意证明。`));
  });

  it('removes a 文号 injected mid-word and keeps it as metadata', () => {
    const c = corpus.clauses.find((x) => x.text.includes('让农业成为有奔头的产业'))!;
    expect(c.artefacts).toEqual(['慈党〔2018〕1号']);
    expect(corpus.clauses.some((x) => x.text.includes('让农慈党'))).toBe(false);
    // a genuine reference is left alone
    expect(corpus.clauses.some((x) => x.text.includes('浙政办发〔2014〕46号文件出台后'))).toBe(true);
  });

  it('turns the 奉化 work list into rows that name the responsible unit and the schedule', () => {
    const rows = corpus.clauses.filter((c) => c.kind === 'table-row');
    expect(rows.length).toBeGreaterThanOrEqual(100);
    const row = rows.find((r) => r.text.includes('数字经济五年倍增行动'))!;
    expect(row.text).toMatch(/^重点工作\(责任单位\)：数字经济五年倍增行动\(区经信局\)$/m);
    expect(row.text).toMatch(/^进度安排：/m);
  });

  it('keeps clauses quotable: a few hundred characters, prose never cut mid-sentence', () => {
    const prose = corpus.clauses.filter((c) => c.kind !== 'table-row');
    const lengths = prose.map((c) => c.text.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(400);
    expect(lengths[lengths.length - 1]).toBeLessThanOrEqual(700);
    const cutMidSentence = prose.filter((c) => c.text.length > 100 && !/[。；;：:！？!?）)”」〕%\dA-Za-z\p{Script=Han}]$/u.test(c.text));
    expect(cutMidSentence.map((c) => c.text.slice(-20))).toEqual([]);
  });
});
