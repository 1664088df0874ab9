import { describe, expect, it } from 'vitest';
import { ingestText, outlineOf } from '../../src/ingest/index.js';
import { fixture } from '../helpers.js';

/*
 * The numbering the 18 flags of `npm run ingest -- --report` pointed at, written for the test:
 * an item run on after a full sentence ("…1家。3.街道…"), an item whose text starts with a digit
 * ("4.5个乡镇…", which alone reads as the decimal 4.5), sub-items (1)(2) run on inside their item's
 * line, and the list of attachments ("附件:1.…(略)") after the last section.
 */
describe('list items the page ran together', () => {
  const file = ingestText('plan-items.txt', fixture('plan-items.txt'), { layout: 'page', region: null });
  const path = (text: string) => file.clauses.find((c) => c.text.split('\n').some((l) => l.startsWith(text)))?.headingPath.slice(1);

  it('reads every item in sequence: the outline flags nothing', () => {
    expect(outlineOf(file.clauses)).toEqual({
      levels: [
        { marker: 'h1', count: 2 },
        { marker: 'h2', count: 2 },
        { marker: 'h3', count: 8 }, // 1.–4., 1.–2. and the two attachments
        { marker: 'h4', count: 4 },
      ],
      flags: [],
    });
  });

  it('starts an item run on after a sentence on a line of its own, under its own number', () => {
    expect(path('3.街道居家养老服务中心')).toEqual(['一、主要目标', '(一)服务目标', '3.街道居家养老服务中心覆盖率达到100%']);
    expect(file.clauses.some((c) => c.text.includes('1家。3.'))).toBe(false);
    expect(file.clauses.some((c) => c.text.split('\n').includes('4.5个乡镇建成示范性居家养老服务站。'))).toBe(true);
  });

  it('cites a run-on sub-item under its item', () => {
    expect(path('(2)对新建养老机构')).toEqual(['一、主要目标', '(二)保障措施', '1.加强资金保障', '(2)对新建养老机构按床位给予一次性建设补助']);
  });

  it('keeps the list of attachments out of the last section, under 附件', () => {
    const list = file.clauses.filter((c) => c.text.includes('(略)'));
    expect(list.map((c) => [c.headingPath.slice(1), c.text])).toEqual([[['附件'], '附件:1.示例区养老服务设施布局表(略)\n2.示例区养老服务重点项目\n清单(略)']]);
  });
});
