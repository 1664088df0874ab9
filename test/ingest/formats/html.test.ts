import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml, extractText, htmlToText } from '../../../src/ingest/formats/index.js';
import { ingestEntry } from '../../../src/library/ingest.js';
import { FIXTURES } from '../../helpers.js';

const page = (name: string) => readFileSync(join(FIXTURES, 'library', name));
/** Words only the site's furniture has: menus, breadcrumbs, sidebar, info table, share bar, QR code, 相关新闻, footer. */
const FURNITURE = /首页|要闻动态|当前的位置|政府信息公开指南|索引号|组配分类|有效性|字体|浏览次数|分享到|微博|打印本页|关闭窗口|扫一扫|相关新闻|职业技能竞赛|主办单位|浙ICP备|公网安备|网站标识码|找错|无障碍/;

describe('a county site page saved from the browser (elderly-care.html)', () => {
  const text = htmlToText(decodeHtml(page('elderly-care.html')));

  it('gives the policy text, line for line, and none of the page around it', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['宁海县居家养老服务补贴实施办法', '宁民发〔2024〕9号']);
    expect(lines.filter((l) => /^第[一二三四五六七八九十]+条/.test(l)).map((l) => l.slice(0, 3))).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条']);
    expect(lines).toContain('（二）低保、低边家庭中的中度失能老年人，每人每月补贴四百元；');
    expect(lines.slice(-2)).toEqual(['宁海县民政局', '2024年3月12日']);
    expect(lines).toHaveLength(2 + 6 + 3 + 2);
    expect(text).not.toMatch(FURNITURE);
  });

  it('ingests as one document with its title, 文号, date and six articles', async () => {
    const { format, text: extracted } = await extractText('elderly-care.html', page('elderly-care.html'), { maxBytes: 10e6 });
    expect(format).toBe('html');
    const file = ingestEntry(extracted, { id: 'Ltest', title: null, region: '宁海', places: ['宁海'] });
    expect(file.documents.map((d) => [d.title, d.docNumber, d.date])).toEqual([['宁海县居家养老服务补贴实施办法', '宁民发〔2024〕9号', '2024-03-12']]);
    expect(file.clauses.map((c) => c.articleNo)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条']);
  });
});

describe('pages Readability does not take', () => {
  it('a bare page with no article block is read by the furniture rules alone', () => {
    const html = '<html><body><div class="nav">首页 &gt; 通知</div>关于调整停车收费的通知<br>第一条 中心城区路内停车每小时五元。<br>第二条 本通知自发布之日起施行。<div class="footer">版权所有</div></body></html>';
    expect(htmlToText(html)).toBe('关于调整停车收费的通知\n第一条 中心城区路内停车每小时五元。\n第二条 本通知自发布之日起施行。');
  });

  it('a body split across blocks keeps every block, not the one Readability scores best', () => {
    const para = (n: string, t: string) => `<p>${n} ${t}，具体办法由市住房和城乡建设局会同有关部门另行制定并向社会公布。</p>`;
    // the last article sits in another part of the page, after a list of links: Readability alone keeps the first four only
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/n${i}">市住建局召开第${i + 1}次工作例会</a></li>`).join('');
    const html = `<html><body><div class="wrap"><div class="content"><h1>示例市住房公积金提取办法</h1>${['第一条', '第二条', '第三条', '第四条'].map((n) => para(n, '职工购买自住住房可以提取住房公积金')).join('')}</div><ul class="box">${links}</ul></div>
      <div class="wrap2"><ul class="box2">${links}</ul><div class="content2">${para('第五条', '职工租赁自住住房可以按月提取住房公积金')}</div></div></body></html>`;
    const text = htmlToText(html);
    expect(text).toContain('第五条 职工租赁自住住房');
    expect(text.startsWith('示例市住房公积金提取办法\n第一条')).toBe(true);
  });

  it('the GB2312 page of the library fixtures comes out as before', () => {
    const text = htmlToText(decodeHtml(page('rent-subsidy.html')));
    expect(text.split('\n')[0]).toBe('慈溪市新就业大学生租房补贴实施细则');
    expect(text).toContain('第三条 租房补贴标准为本科生每月八百元');
    expect(text).not.toMatch(/相关新闻|字体|首页|版权所有|浏览次数|高校毕业生招聘会/);
  });
});
