import { describe, expect, it } from 'vitest';
import { createHeadingNamer } from '../../src/ingest/heading-name.js';

/* Lines written for the test (no seed's wording): a heading the page ran into its paragraph. */
describe('heading names that run on into their paragraph', () => {
  it('ends the name as its siblings end theirs (…行动)', () => {
    const lines = ['三、专项行动', '（一）垃圾分类推进行动', '（二）河道整治提升行动', '（三）绿色出行倡导行动市民出行优先选择公共交通，全市新增公交线路10条。', '（四）节能降耗攻坚行动'];
    expect(createHeadingNamer(lines).nameOf(lines[3]!)).toBe('（三）绿色出行倡导行动');
  });

  it('ends the name where a new clause subject begins (…条件|申请人在…)', () => {
    const lines = ['一、完善养老服务体系的总体思路', '二、规范养老机构准入条件申请人在本区登记注册满一年，具备相应场所和人员的，可以申请设立养老机构。', '三、加强养老服务的日常监督管理', '四、做好政策宣传与组织实施工作'];
    expect(createHeadingNamer(lines).nameOf(lines[1]!)).toBe('二、规范养老机构准入条件');
  });

  it('takes the name a table of contents states for it', () => {
    const lines = ['目录：一、目标任务　二、建设美丽河湖　三、保障措施', '一、目标任务', '二、建设美丽河湖全区所有河道达到三类水质以上，沿岸绿化覆盖率不低于八成。', '三、保障措施'];
    expect(createHeadingNamer(lines).nameOf(lines[2]!)).toBe('二、建设美丽河湖');
  });

  it('leaves a line alone when its siblings are sentences too', () => {
    const lines = ['（一）申请人在本区连续居住满一年，有合法稳定住所的，可以申请登记', '（二）申请人在本区连续就业满一年，缴纳社会保险的，可以申请登记', '（三）申请人在本区连续就读满一年，取得学籍的，可以申请登记'];
    const namer = createHeadingNamer(lines);
    expect(lines.map((l) => namer.nameOf(l))).toEqual(lines);
    expect(namer.unresolved).toEqual([]);
  });

  it('flags a run-on name it cannot end, and keeps the line as given', () => {
    const lines = ['一、总体要求', '二、工作目标', '三、全面推进基本建成覆盖全域的服务网络。', '四、保障措施'];
    const namer = createHeadingNamer(lines);
    expect(namer.nameOf(lines[2]!)).toBe('三、全面推进基本建成覆盖全域的服务网络');
    expect(namer.unresolved).toEqual(['三、全面推进基本建成覆盖全域的服务网络。']);
  });
});
