import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestText, ingestFile, ingestCorpus, IngestError } from '../../src/ingest/index.js';
import { fixture, FIXTURES } from '../helpers.js';

describe('a collection with 章/条 documents', () => {
  const file = ingestFile(FIXTURES, 'articles.txt');

  it('finds each document with its title, 文号, date and issuer', () => {
    expect(file.documents.map((d) => [d.title, d.docNumber, d.date])).toEqual([
      ['示例市居住登记办法', '示政办发〔2020〕7号', '2020-03-14'],
      ['关于推进示例市垃圾分类的意见', '示党〔2020〕3号', '2020-05-06'],
    ]);
    expect(file.documents[0]!.noticeTitle).toBe('示例市人民政府办公室关于印发示例市居住登记办法的通知');
    expect(file.documents[0]!.issuer).toBe('示例市人民政府办公室');
  });

  it('makes one clause per article, list items kept with the sentence introducing them', () => {
    const articles = file.clauses.filter((c) => c.docId === file.documents[0]!.id);
    expect(articles.map((c) => c.articleNo)).toEqual(['第一条', '第二条', '第三条', '第四条']);
    expect(articles[2]!.text).toBe('第二章 登记条件\n第三条 在本市居住满半年的人员，提供以下材料可以申请居住证：\n（一）居民身份证；\n（二）居住证明。');
    expect(articles[2]!.headingPath).toEqual(['示例市居住登记办法', '第二章 登记条件']);
  });

  it('gives the same ids for the same input', () => {
    const again = ingestFile(FIXTURES, 'articles.txt');
    expect(again.clauses.map((c) => c.id)).toEqual(file.clauses.map((c) => c.id));
    expect(new Set(file.clauses.map((c) => c.id)).size).toBe(file.clauses.length);
  });

  it('gives two sources with the same name prefix ids of their own, stable across corpora', () => {
    // the same file under two names that share their first characters, ingested as one corpus
    const dir = mkdtempSync(join(tmpdir(), 'ids-'));
    for (const name of ['abc_2020.txt', 'abc_2021.txt']) writeFileSync(join(dir, name), fixture('articles.txt'));
    writeFileSync(join(dir, 'abc_2020.meta.json'), fixture('articles.meta.json'));
    writeFileSync(join(dir, 'abc_2021.meta.json'), fixture('articles.meta.json'));
    const corpus = ingestCorpus(dir);
    const docIds = corpus.documents.map((d) => d.id);
    const clauseIds = corpus.clauses.map((c) => c.id);
    expect(new Set(docIds).size).toBe(docIds.length);
    expect(new Set(clauseIds).size).toBe(clauseIds.length);
    expect(docIds).toEqual(['abc_2020#01', 'abc_2020#02', 'abc_2021#01', 'abc_2021#02']);
    // a file's ids depend on its own name and text only, not on what else the corpus holds
    const alone = ingestFile(dir, 'abc_2021.txt');
    expect(alone.clauses.map((c) => c.id)).toEqual(corpus.files[1]!.clauses.map((c) => c.id));
    // short enough for a Telegram button ("f:" + id within 64 bytes)
    expect(Math.max(...clauseIds.map((id) => Buffer.byteLength(`f:${id}`)))).toBeLessThanOrEqual(64);
  });

  it('keeps offsets that point back at the source text', () => {
    for (const c of file.clauses) {
      const source = c.spans.map(([a, b]) => file.text.slice(a, b)).join('');
      expect(source.replace(/\s/g, '')).toBe(c.text.replace(/\s/g, ''));
    }
  });
});

describe('an outline with 一、（一）1.', () => {
  const file = ingestText('outline.txt', fixture('outline.txt'), { layout: 'page', region: '象山' });

  it('keeps the heading path down to the item', () => {
    const item = file.clauses.find((c) => c.text.includes('居家养老服务中心'))!;
    expect(item.headingPath).toEqual(['示例县养老服务工作方案', '二、主要任务', '（一）发展居家养老', '1.建设居家养老服务中心']);
    expect(item.text).toContain('每个乡镇至少建成1家居家养老服务中心。');
  });

  it('titles a page from its first line', () => {
    expect(file.documents[0]!.title).toBe('示例县养老服务工作方案');
  });
});

describe('a flattened table', () => {
  const file = ingestText('table.txt', fixture('table.txt'), { layout: 'page', region: '奉化' });
  const rows = file.clauses.filter((c) => c.kind === 'table-row');

  it('makes one clause per row with the column names kept', () => {
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text.split('\n')).toEqual([
      '民生先行示范(2项)',
      '序号：1',
      '重点工作(责任单位)：托育服务扩容(区卫健局)',
      '目标体系：新增托位300个。',
      '工作体系：1.排摸托育需求。',
      '2.建设普惠托育机构。',
      '政策体系：1.《示例区托育服务实施意见》。',
      '评价体系：纳入年度考核。',
      '进度安排：1-6月:新增托位150个。',
      '7-12月:完成全年目标。',
    ]);
    expect(rows[1]!.headingPath).toEqual(['示例区2022年重点工作清单', '民生先行示范(2项)', '2. 老年食堂建设(区民政局)']);
  });
});

describe('a web page with navigation', () => {
  const file = ingestText('page.txt', fixture('page-nav.txt'), { layout: 'page', region: '慈溪', date: '2020-01-10' });

  it('strips navigation and footer, keeps the report', () => {
    const all = file.clauses.map((c) => c.text).join('\n');
    expect(all).toContain('全市实现地区生产总值1000亿元，增长8%。');
    expect(all).toContain('新增城镇就业2万人。');
    for (const furniture of ['首页', '责任编辑', '报料热线', '打印该文', '最新新闻', '示例新闻标题', '法律声明']) expect(all).not.toContain(furniture);
    expect(file.documents[0]!.title).toBe('示例市政府工作报告(摘要)');
  });
});

describe('malformed input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seeds-'));

  it('refuses an empty file with a clear error', () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(() => ingestFile(dir, 'empty.txt')).toThrowError(/empty/);
    expect(() => ingestText('blank.txt', '  \n\n ', { layout: 'page', region: '慈溪' })).toThrowError(IngestError);
  });

  it('refuses a binary file', () => {
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]));
    expect(() => ingestFile(dir, 'bin.txt')).toThrowError(/binary/);
  });

  it('refuses a broken sidecar with the field at fault', () => {
    writeFileSync(join(dir, 'x.txt'), '一段文字。');
    writeFileSync(join(dir, 'x.meta.json'), '{"layout":"book","region":"慈溪"}');
    expect(() => ingestFile(dir, 'x.txt')).toThrowError(/layout/);
  });

  it('turns text with no structure into a single clause, losing nothing', () => {
    const text = '这是一段没有任何编号的文字，讲的是社区服务。它有两句话。';
    const file = ingestText('plain.txt', text, { layout: 'page', region: '慈溪', title: '无结构文本' });
    expect(file.clauses.map((c) => c.text)).toEqual([text]);
  });
});
