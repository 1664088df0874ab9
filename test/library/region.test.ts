import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../../src/app/runtime.js';
import { LibraryError, loadLibraryPrompts, refusalOf } from '../../src/library/index.js';
import { regionFromText } from '../../src/library/region.js';
import { citedFor, libraryFile, workspace } from './workspace.js';

const PLACES = ['慈溪', '象山', '奉化'];

describe('regionFromText: the place a document names itself', () => {
  it('reads the issuer or title, then the body; a place not configured, or none, is null', () => {
    expect(regionFromText({ title: '关于调整最低生活保障标准的通知', issuer: '象山县民政局' }, '', PLACES)).toBe('象山');
    expect(regionFromText({ title: '宁波市奉化区医疗保障局关于做好2026年城乡居民医疗保险参保工作的通知', issuer: null }, '', PLACES)).toBe('奉化');
    expect(regionFromText({ title: '关于公布慈溪市第一批历史建筑的通知', issuer: null }, '', PLACES)).toBe('慈溪');
    // a provincial text that lists a county in its body is still not that county's rule
    expect(regionFromText({ title: '浙江省最低生活保障办法', issuer: '浙江省人民政府' }, '象山县、慈溪市开展试点', PLACES)).toBeNull();
    expect(regionFromText({ title: '关于调整标准的通知', issuer: null }, '全县…象山县…由象山县民政局负责解释', PLACES)).toBe('象山');
    // two places named as often: the text does not say whose it is
    expect(regionFromText({ title: '关于调整标准的通知', issuer: null }, '象山县和奉化区', PLACES)).toBeNull();
    expect(regionFromText({ title: '居住证暂行条例', issuer: '国务院' }, '公民离开常住户口所在地', PLACES)).toBeNull();
    // places are configuration: the same text is placed only where the configuration covers it
    expect(regionFromText({ title: '关于调整最低生活保障标准的通知', issuer: '象山县民政局' }, '', ['余姚'])).toBeNull();
  });
});

describe('a library document is placed where its own text says (real files, real index)', () => {
  let rt: Runtime;
  let w: ReturnType<typeof workspace>;
  beforeAll(async () => {
    w = workspace();
    rt = await w.runtime();
  });

  it('places each file by its text, not in a default place; a national text in none', async () => {
    const files = ['medical-aid.pdf', 'public-rental.doc', 'ebike.pdf', 'dibao-notice.txt', 'school-admission.txt', 'national-rule.txt'];
    const { reports } = await rt.library.add(files.map(libraryFile));
    expect(reports.map((r) => [r.entry.fileName, r.entry.region, r.entry.regionOverride])).toEqual([
      ['medical-aid.pdf', '象山', null],
      ['public-rental.doc', '奉化', null],
      ['ebike.pdf', '慈溪', null],
      ['dibao-notice.txt', '象山', null],
      ['school-admission.txt', '象山', null],
      ['national-rule.txt', null, null],
    ]);
    // the index carries the place too: a 象山 question finds the 象山 notice
    const xiangshan = await rt.answerer.answer({ question: '象山低保标准调整为每人每月多少' });
    expect(xiangshan.status === 'answered' && xiangshan.excerpts[0]!.citation.title).toBe('关于调整城乡居民最低生活保障标准的通知');
    // and 象山's figure is not the answer to a 慈溪 question (the tester's case)
    const cixi = await rt.answerer.answer({ question: '慈溪低保标准调整为每人每月多少' });
    expect(cixi.status === 'answered' ? cixi.excerpts.map((e) => e.quote).join('\n') : '').not.toContain('1250元');
    const doc = rt.index.documents.get(`${reports[3]!.entry.id}#01`)!;
    expect(doc.region).toBe('象山');
  });

  it('the outline lists every chapter, also one whose name holds 条 (第二章 入学条件)', async () => {
    const { reports } = await rt.library.add([libraryFile('school-admission.txt')]);
    expect(reports[0]!.outline).toEqual(['第一章 总则', '第二章 入学条件', '第三章 办理程序']);
  });

  it('--region overrides; the same file again without it keeps the override; a new --region changes it', async () => {
    const first = await rt.library.add([libraryFile('national-rule.txt')], { region: '慈溪' });
    expect(first.reports[0]!).toMatchObject({ status: 'replaced', entry: { region: '慈溪', regionOverride: '慈溪' } });
    const again = await rt.library.add([libraryFile('national-rule.txt')]);
    expect(again.reports[0]!).toMatchObject({ status: 'unchanged', entry: { region: '慈溪', regionOverride: '慈溪' } });
    expect(again.change).toBeNull();
    const moved = await rt.library.add([libraryFile('national-rule.txt')], { region: '奉化' });
    expect(moved.reports[0]!.entry).toMatchObject({ region: '奉化', regionOverride: '奉化' });
    const id = moved.reports[0]!.entry.id;
    expect(rt.index.documents.get(`${id}#01`)!.region).toBe('奉化');
    // and a rebuild re-ingests it with the override
    const rebuilt = await w.runtime({ forceRebuild: true });
    expect(rebuilt.index.documents.get(`${id}#01`)!.region).toBe('奉化');
  });

  it('--region for a place not configured is refused with the configured places, and changes nothing', async () => {
    const catalog = readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8');
    const manifest = readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8');
    const err = await rt.library.add([libraryFile('fishing-boats.txt')], { region: '上海' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibraryError);
    expect((err as LibraryError).code).toBe('BAD_REGION');
    const text = refusalOf(err, loadLibraryPrompts(rt.config.paths.prompts), '20');
    expect(text).toBe('“上海”不是已配置的地区。可用的地区：慈溪、象山、奉化（配置项 PLACES）。不写 --region 时按文件内容判断地区。');
    expect(readFileSync(join(w.env.LIBRARY_DIR, 'catalog.json'), 'utf8')).toBe(catalog);
    expect(readFileSync(join(w.env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(manifest);
  });
});
