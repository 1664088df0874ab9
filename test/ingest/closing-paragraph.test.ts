import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { fixture } from '../helpers.js';

/*
 * Where an unnumbered paragraph after a numbered item stands, on a notice written for the test:
 * after the last of a list of items each complete on its own line, a paragraph speaking of the
 * whole list closes it (under the list's parent); a heading-only item, an item with more items
 * still to come, and an item whose paragraph opens a deeper list keep the paragraphs after them.
 */
describe('a paragraph after a list', () => {
  const file = ingestText('closing-paragraph.txt', fixture('closing-paragraph.txt'), { layout: 'page', region: null });
  const path = (text: string) => file.clauses.find((c) => c.text.split('\n').some((l) => l.startsWith(text)))?.headingPath.slice(1);

  it('after the last complete item closes the list: it stands under the list\'s parent', () => {
    expect(path('对引进人才、有特殊技能者')).toEqual(['二、申领条件']);
  });

  it('after a heading-only item, or with a sibling still to come, stays with its item', () => {
    expect(path('乡镇要每季度报告工作进展')).toEqual(['三、保障措施', '（一）加强组织领导']);
    expect(path('考核结果作为评先评优')).toEqual(['三、保障措施', '（二）强化督查考核']);
  });

  it('the notice\'s opening before the first heading is not merged into 一、: each keeps its own place', () => {
    expect(path('坚持便民高效')).toEqual(['一、总体要求']);
    expect(file.clauses.find((c) => c.text.includes('坚持便民高效'))!.text).not.toContain('通知如下');
  });

  it('a deeper list after the last item stays with it', () => {
    expect(path('2.在县政府网站开设专栏')?.slice(0, 2)).toEqual(['三、保障措施', '（三）做好宣传引导']);
  });
});
