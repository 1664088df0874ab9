/*
 * Everyday words → the words policy documents use for the same thing. Citizens ask about
 * 老婆, 低保 and 上学; clauses say 配偶, 最低生活保障 and 义务教育, and BM25 only matches
 * what is written. General vocabulary of household registration and public services,
 * written from the domain, not from any evaluation question; the expansion terms weigh less
 * than the question's own (README, "Measurements").
 */
const PLAIN_TO_OFFICIAL: [RegExp, string[]][] = [
  // family
  [/老公|老婆|媳妇|丈夫|妻子|爱人|对象/, ['配偶', '夫妻']],
  [/结婚|领证/, ['婚姻', '夫妻', '结婚证']],
  [/爸|妈|父亲|母亲|老人家/, ['父母']],
  [/孩子|小孩|娃|儿子|女儿|宝宝/, ['子女', '儿童']],
  [/爷爷|奶奶|外公|外婆|姥姥|姥爷/, ['祖父母', '外祖父母']],
  [/孙子|孙女|外孙/, ['孙子女', '外孙子女']],
  [/兄弟|姐妹|哥|姐|弟|妹/, ['兄弟姐妹']],
  // household registration
  [/户口本/, ['户口簿']],
  [/身份证/, ['居民身份证']],
  [/迁户口|迁户|签户口|转户口|户口迁|户口转|户口签|把户口|上户口|报户口/, ['户口迁移', '迁入', '落户']],
  [/农村户口|农业户口|乡下户口/, ['农业', '农村']],
  [/买房|买了房|有房|房子|新房|二手房/, ['合法稳定住所', '房屋所有权', '住房']],
  [/租房|租的房|出租屋/, ['租赁', '合法稳定住所']],
  [/上班|打工|工作|干活|厂里/, ['就业', '务工', '劳动合同']],
  [/社保/, ['社会保险']],
  [/医保/, ['医疗保险']],
  [/低保/, ['最低生活保障']],
  [/当兵|退伍|部队/, ['退役', '入伍', '军人']],
  [/大学生|毕业生|本科|大专|研究生|学历/, ['高校毕业生', '学历', '人才']],
  [/留学|海归/, ['留学人员', '回国']],
  // public services
  [/上学|读书|念书|入学|幼儿园|小学|初中/, ['义务教育', '入学', '随迁子女']],
  [/看病|医院|生病/, ['医疗', '卫生']],
  [/生孩子|怀孕|产检|二胎|三胎|生育/, ['生育', '卫生保健', '孕产妇']],
  [/养老|退休|老年人/, ['养老', '老年人']],
  [/残疾|残障/, ['残疾人']],
  [/警察|报警|派出所/, ['公安机关', '公安']],
  [/家暴|打人|被打/, ['家庭暴力']],
  [/补贴|补助|奖励|给钱|发钱|安家费/, ['补助', '补贴', '奖励', '资助']],
  [/办证|证件|办个证/, ['居住证', '申领']],
  [/收入|工资|挣钱/, ['收入', '可支配收入']],
  [/穷|困难户|贫困/, ['低收入', '困难', '救助']],
];

/** The documents' words for what `question` says in everyday words, not repeating what it already says. */
export function officialTermsFor(question: string): string[] {
  const found = new Set<string>();
  for (const [plain, official] of PLAIN_TO_OFFICIAL) {
    if (plain.test(question)) for (const term of official) if (!question.includes(term)) found.add(term);
  }
  return [...found];
}
