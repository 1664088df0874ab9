import type { Embedder } from '../index/index.js';

/*
 * Everyday topics no policy corpus is about, one short line each, written from general knowledge
 * (not from any evaluation question). A question closer to one of these than to its best clause
 * is most likely small talk or an everyday need, whatever words it shares with the corpus: the
 * model reads the margin, not a rule.
 */
export const OFF_TOPIC_ANCHORS: readonly string[] = [
  '天气预报，气温，下雨下雪，刮风',
  '感冒发烧咳嗽，吃什么药，看病症状',
  '身体不舒服，疼痛，怎么治疗',
  '饭店餐馆美食推荐，哪里好吃',
  '做菜的菜谱，怎么烧菜，食材搭配',
  '网上购物，买东西，退货退款，快递',
  '家用电器怎么选，冰箱空调洗衣机',
  '手机电脑坏了，软件怎么用，网络信号',
  '股票基金涨跌，炒股，投资理财赚钱',
  '银行存款利息，信用卡，贷款还款',
  '旅游景点推荐，好玩的地方，旅行路线',
  '火车飞机票，出行交通，开车要多久',
  '体育比赛，足球篮球，球队和运动员',
  '健身减肥，跑步锻炼，运动技巧',
  '电影电视剧，明星，音乐歌曲，小说',
  '游戏娱乐，打游戏，休闲爱好',
  '学习方法，孩子写作业，考试成绩，背单词',
  '恋爱婚姻感情，夫妻吵架，朋友相处',
  '找工作面试，写简历，和同事领导相处',
  '装修房子，家务清洁，打扫卫生，修理',
  '养花种菜，植物浇水',
  '汽车保养，学车考驾照，开车技巧',
  '节日习俗，送礼物，红包',
  '自然科学常识，宇宙地球，动物',
  '历史人物和故事',
  '穿衣打扮，化妆护肤，时尚',
  '睡眠失眠，心情不好，心理压力',
  '写祝福语，写文章，写诗',
  '笑话，聊天，你好，你是谁',
  '乱码，随便打的字，测试',
];

/** The anchors' vectors, embedded once per embedder (as questions: they stand for questions). */
const cache = new WeakMap<object, Promise<Float32Array[]>>();
export function anchorVectors(embedder: Pick<Embedder, 'embedQuery'>, anchors: readonly string[] = OFF_TOPIC_ANCHORS): Promise<Float32Array[]> {
  let p = cache.get(embedder);
  if (!p) {
    p = (async () => {
      const out: Float32Array[] = [];
      for (const a of anchors) out.push(await embedder.embedQuery(a));
      return out;
    })();
    cache.set(embedder, p);
  }
  return p;
}

/** Highest cosine of a (unit) question vector to the anchors; −1 without anchors. */
export function nearestAnchor(question: Float32Array, anchors: readonly Float32Array[]): number {
  let best = -1;
  for (const a of anchors) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * question[i]!;
    if (s > best) best = s;
  }
  return best;
}
