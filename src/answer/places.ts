/*
 * Where a question asks about. The configuration names the places the corpus covers
 * (config `places`); any other Chinese place a question asks about is out of scope and the
 * reply says so first. The gazetteer is a general resource — China's provinces, their capitals
 * and larger prefecture-level cities, and the prefectures and counties of Zhejiang, where the
 * default places are — each with the places that contain it, so that a question naming
 * 宁波 or 浙江 (which contain a covered place) is not called "another place".
 */
const PROVINCES = '北京 天津 上海 重庆 河北 山西 内蒙古 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾';
const CITIES: Record<string, string> = {
  河北: '石家庄 唐山 保定 邯郸 廊坊 秦皇岛 沧州', 山西: '太原', 内蒙古: '呼和浩特', 辽宁: '沈阳 大连 鞍山', 吉林: '长春',
  黑龙江: '哈尔滨 大庆', 江苏: '南京 苏州 无锡 常州 南通 徐州 扬州 镇江 盐城 泰州 连云港 淮安 宿迁 昆山 江阴 张家港',
  浙江: '杭州 宁波 温州 绍兴 嘉兴 湖州 金华 衢州 舟山 台州 丽水 义乌',
  安徽: '合肥 芜湖 蚌埠 安庆 阜阳', 福建: '福州 厦门 泉州 漳州 莆田', 江西: '南昌 赣州 九江 上饶 宜春', 山东: '济南 青岛 烟台 潍坊 临沂 淄博 济宁 威海',
  河南: '郑州 洛阳 南阳 新乡 商丘', 湖北: '武汉 宜昌 襄阳 荆州 十堰', 湖南: '长沙 株洲 湘潭 衡阳 岳阳 常德', 广东: '广州 深圳 东莞 佛山 珠海 惠州 汕头 江门 湛江',
  广西: '南宁 柳州 桂林', 海南: '海口 三亚', 四川: '成都 绵阳 宜宾 南充', 贵州: '贵阳 遵义', 云南: '昆明', 西藏: '拉萨', 陕西: '西安 宝鸡 咸阳',
  甘肃: '兰州', 青海: '西宁', 宁夏: '银川', 新疆: '乌鲁木齐',
};
/** Districts and counties of 宁波 (the default places' prefecture). */
const NINGBO = '海曙 江北 北仑 镇海 鄞州 奉化 余姚 慈溪 象山 宁海 杭州湾新区';

interface Place {
  name: string;
  /** The places that contain it, innermost first. */
  within: string[];
}

function gazetteer(): Place[] {
  const places: Place[] = PROVINCES.split(' ').map((name) => ({ name, within: [] }));
  for (const [province, cities] of Object.entries(CITIES)) for (const name of cities.split(' ')) places.push({ name, within: [province] });
  for (const name of NINGBO.split(' ')) places.push({ name, within: ['宁波', '浙江'] });
  return places;
}
const GAZETTEER = gazetteer();

/** Naming a place as where one comes from is not asking about it ("户口在江西", "安徽人"). */
const ORIGIN_BEFORE = /(户口在|户籍在|老家|来自|从|是|原籍|籍贯)$/;
const ORIGIN_AFTER = /^(省|市|县|区)?(人|户口|户籍|籍|老家|来的|过来|迁|转|调)/;

/**
 * The first place `text` asks about that the configuration does not cover, or null. A question
 * that names a covered place is about it, whatever else it mentions.
 */
export function otherPlaceIn(text: string, covered: readonly string[]): string | null {
  if (covered.some((c) => text.includes(c))) return null;
  // places that contain a covered one (宁波, 浙江) are not "other"
  const containing = new Set(GAZETTEER.filter((p) => covered.includes(p.name)).flatMap((p) => p.within));
  const candidates = GAZETTEER.filter((p) => !covered.includes(p.name) && !containing.has(p.name)).sort((a, b) => b.name.length - a.name.length);
  for (const place of candidates) {
    let at = text.indexOf(place.name);
    while (at >= 0) {
      if (!ORIGIN_BEFORE.test(text.slice(0, at)) && !ORIGIN_AFTER.test(text.slice(at + place.name.length))) return place.name;
      at = text.indexOf(place.name, at + place.name.length);
    }
  }
  return null;
}
