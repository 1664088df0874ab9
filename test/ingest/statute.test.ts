import { mkdtempSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_META } from '../../src/ingest/seed-meta.js';
import { ingestFile, ingestText, outlineOf, MARKER_NAMES } from '../../src/ingest/index.js';
import { formatCitation } from '../../src/answer/index.js';
import { createRuntime } from '../../src/app/runtime.js';
import { FIXTURES } from '../helpers.js';

// a regulation written for these tests: 第X章 and 第X条, no sidecar, no place in its title
const STATUTE_DIR = join(FIXTURES, 'statute');
const STATUTE = 'ebike-regulation.txt';
const ARTICLES = ['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条'];

describe('a statute with no sidecar and no place', () => {
  const file = ingestFile(STATUTE_DIR, STATUTE);

  it('is one document, its title and adoption date read from the text, belonging to no place', () => {
    expect(file.documents).toHaveLength(1);
    const [doc] = file.documents;
    expect(doc).toMatchObject({ title: '非机动车停放管理条例', date: '2023-06-28', dateKind: 'adopted', region: null, docNumber: null, kind: 'policy' });
    expect(file.warnings).toEqual([]);
  });

  it('keeps its chapters and every article, in order, each once', () => {
    expect(file.clauses.map((c) => c.articleNo)).toEqual(ARTICLES);
    expect([...new Set(file.clauses.map((c) => c.headingPath[1]))]).toEqual(['第一章 总则', '第二章 停放设施', '第三章 停放秩序', '第四章 附则']);
    const outline = outlineOf(file.clauses);
    expect(outline.levels.map((l) => `${MARKER_NAMES[l.marker]} ${l.count}`)).toEqual(['章 4', '条 10']);
    expect(outline.flags).toEqual([]);
  });
});

describe('the outline flags numbering that skips or restarts', () => {
  it('names the heading where the numbering breaks', () => {
    const text = ['示例办法', '一、总体要求', '(一)目标', '(二)原则', '二、主要任务', '(一)任务甲', '(三)任务丙', '四、保障措施', '第一条 适用范围。', '第二条 职责分工。', '第一条 重复的条。'].join('\n');
    const file = ingestText('skips.txt', text, DEFAULT_SEED_META);
    const flags = outlineOf(file.clauses).flags.map((f) => `${f.kind} ${f.path[f.path.length - 1]} ${f.expected}→${f.found}`);
    expect(flags).toEqual(['skip (三)任务丙 2→3', 'skip 四、保障措施 3→4', 'restart 第一条 重复的条 3→1']);
  });
});

describe('answered from the statute, with the article in the citation', () => {
  it('quotes 第七条 for a question about parking where one must not, under its title and date', async () => {
    const root = mkdtempSync(join(tmpdir(), 'statute-'));
    mkdirSync(join(root, 'seeds'));
    cpSync(join(STATUTE_DIR, STATUTE), join(root, 'seeds', STATUTE));
        const rt = await createRuntime({ env: { ...process.env, BOT_TOKEN: undefined, WEBHOOK_URL: undefined, LOG_LEVEL: 'silent', SEEDS_DIR: join(root, 'seeds'), INDEX_DIR: join(root, 'index'), LIBRARY_DIR: join(root, 'library'), PLACES: '示例' }, watchMs: 0 });
    const a = await rt.answerer.answer({ question: '电动车停在盲道上，被劝了还不挪走，要罚多少钱' });
    expect(a.status).toBe('answered');
    if (a.status !== 'answered') return;
    const first = a.excerpts[0]!;
    expect(first.quote).toContain('五十元罚款');
    // articles are numbered through a statute, so the article names the place on its own
    expect(formatCitation(first.citation)).toBe('《非机动车停放管理条例》第七条 · 2023-06-28（通过日期）');
  });
});
