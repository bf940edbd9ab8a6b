/**
 * Seeded generator of realistic workbooks for the benchmark and large-input tests:
 * Chinese names, departments and groups, a manager chain, and skewed activity
 * (a few staff receive most of the feedback, as in real service centres).
 * Same seed → same workbook, byte for byte.
 */
import type { Cell, RawTab } from '../core/types';

export interface WorkbookSize {
  staff: number;
  feedback: number;
  incidents: number;
  reviews: number;
  cases: number;
}

export const SIZES: Record<'S' | 'M' | 'L', WorkbookSize> = {
  S: { staff: 1_000, feedback: 50_000, incidents: 10_000, reviews: 5_000, cases: 2_000 },
  M: { staff: 5_000, feedback: 300_000, incidents: 60_000, reviews: 30_000, cases: 10_000 },
  L: { staff: 10_000, feedback: 1_000_000, incidents: 200_000, reviews: 100_000, cases: 20_000 },
};

/** `base` with every tab's row count times `k` (the HyperFormula ladder: sizes it can evaluate in minutes). */
export function scaledSize(base: WorkbookSize, k: number): WorkbookSize {
  const n = (x: number) => Math.max(1, Math.round(x * k));
  return { staff: n(base.staff), feedback: n(base.feedback), incidents: n(base.incidents), reviews: n(base.reviews), cases: n(base.cases) };
}

/** mulberry32: tiny, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';
const DEPARTMENTS = ['客服部', '售后服务部', '物业服务部', '呼叫中心', '大客户部', '技术支持部', '前台接待部', '回访中心'];
const GROUPS = ['A组', 'B组', 'C组', 'D组'];
const INCIDENT_TYPES = ['投诉', '违纪', '警告', '迟到', '差错', '愤怒卡', '作业未达标', '表扬', '惊喜服务', '推荐', '建议采纳', '回访不及时', '回访记录不完整', '重大失误'];
const INCIDENT_WEIGHTS = [6, 2, 1, 8, 6, 5, 3, 12, 6, 4, 3, 4, 3, 1];
const CHANNELS = ['电话', '微信', '现场', '邮件', 'APP'];
const SOURCES: [string, string][] = [['自评', '工作业绩'], ['上级', '工作业绩'], ['上级', '服务态度'], ['客户', '服务质量'], ['员工选举', '服务态度'], ['同事', '业务技能']];
const WHEN = ['周一上午', '傍晚时分', '国庆前夕', '暴雨当天', '凌晨两点', '午饭时间', '月底结账时', '开学第一天', '春节值班期间', '台风过境后'];
const WHO = ['一位七十多岁的老人', '一位带着孩子的母亲', '一家小餐馆的老板', '一位刚搬来的租户', '一位外地来的游客', '一位行动不便的业主', '一位赶飞机的商务客人', '一位听力不好的阿姨', '一位第一次使用产品的大学生', '一位情绪激动的老客户'];
const PROBLEM = ['反映家中空调不制冷', '投诉电梯停运无人处理', '说快递包裹被错投', '来电询问账单重复扣费', '反映楼道灯长期不亮', '说宽带断网影响网课', '反映热水器漏水', '说会员积分无故清零', '反映车辆被剐蹭找不到人', '说预约的维修师傅迟迟未到'];
const ACTION = ['我立即联系维修师傅并在一小时内赶到现场', '我先稳定客户情绪再逐项核对记录', '我调取监控后陪同客户一起查找', '我联系财务当天完成退款并电话确认', '我协调夜班同事加急处理', '我用手写板和客户逐条沟通', '我整理了操作步骤图文发给客户', '我自掏腰包先垫付了临时费用', '我连续三天上门回访跟进', '我请技术支持远程排查找到原因'];
const RESULT = ['客户专门写来感谢信', '问题当天彻底解决', '客户在朋友圈点名表扬', '客户又介绍了两位新客户', '事后我把经验整理成清单分享给同事', '客户送来锦旗表示感谢', '小区业主群里都在夸我们', '客户续签了一年的服务合同', '领导在例会上提出表扬', '客户说这是遇到过最好的服务'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days of a quarter as `YYYY-MM-DD`, precomputed so the hot loop only indexes. */
function daysBetween(y: number, m1: number, m2: number): string[] {
  const out: string[] = [];
  for (let m = m1; m <= m2; m++) {
    const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (let d = 1; d <= dim; d++) out.push(`${y}-${pad(m)}-${pad(d)}`);
  }
  return out;
}

/**
 * Build the input tabs (Chinese tab names and headers) for `size`, covering 2026-Q3
 * (and the month before it for "improvement" awards).
 */
export function generateWorkbook(size: WorkbookSize, seed = 20260701): RawTab[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const days = daysBetween(2026, 6, 9);
  const months = ['2026-06', '2026-07', '2026-08', '2026-09'];

  const staff: Cell[][] = [['工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']];
  const ids: string[] = [];
  const deptCount = Math.min(DEPARTMENTS.length, Math.max(2, Math.ceil(size.staff / 200)));
  const managers: string[] = [];
  const supervisors: string[][] = [];
  for (let d = 0; d < deptCount; d++) supervisors.push([]);
  for (let i = 0; i < size.staff; i++) {
    const id = `S${String(i + 1).padStart(5, '0')}`;
    ids.push(id);
    const d = i % deptCount;
    let level = '员工';
    let manager = '';
    if (i < deptCount) { level = '经理'; managers[d] = id; }
    else if (i < deptCount * 5) { level = '主管'; supervisors[d].push(id); manager = managers[d]; }
    else if (i % 17 === 0) { level = '班长'; manager = pick(supervisors[d]); }
    else manager = pick(supervisors[d]);
    const hireYear = 2015 + Math.floor(r() * 12);
    const hireMonth = hireYear === 2026 ? 1 + Math.floor(r() * 8) : 1 + Math.floor(r() * 12);
    const hire = `${hireYear}-${pad(hireMonth)}-${pad(1 + Math.floor(r() * 28))}`;
    const left = r() < 0.02 ? pick(days) : '';
    const name = pick(SURNAMES.split('')) + pick(GIVEN.split('')) + (r() < 0.6 ? pick(GIVEN.split('')) : '');
    staff.push([id, name, DEPARTMENTS[d], GROUPS[Math.floor(i / deptCount) % GROUPS.length], '客服专员', level, hire, '', left, manager]);
  }

  // Skewed activity: person weight ∝ 1 / rank^0.8, sampled through a cumulative table.
  const cumulative = new Float64Array(size.staff);
  let total = 0;
  for (let i = 0; i < size.staff; i++) { total += 1 / Math.pow(i + 1, 0.8); cumulative[i] = total; }
  const order = ids.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
  const person = (): string => {
    const x = r() * total;
    let lo = 0, hi = size.staff - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] < x) lo = mid + 1; else hi = mid; }
    return ids[order[lo]];
  };

  const feedback: Cell[][] = [['日期', '工号', '评分', '评价', '点赞', '渠道']];
  const ratings = ['超越', '达到', '达到', '达到', '低于'];
  for (let i = 0; i < size.feedback; i++) {
    const score = r() < 0.7 ? 5 - Math.floor(r() * 2) : 1 + Math.floor(r() * 5);
    feedback.push([days[Math.floor(r() * days.length)], person(), score, ratings[Math.floor(r() * ratings.length)], Math.floor(r() * 3), CHANNELS[i % CHANNELS.length]]);
  }

  const weightTotal = INCIDENT_WEIGHTS.reduce((a, b) => a + b, 0);
  const incidents: Cell[][] = [['日期', '工号', '类型', '分值', '金额', '说明']];
  for (let i = 0; i < size.incidents; i++) {
    let x = r() * weightTotal, t = 0;
    while (x >= INCIDENT_WEIGHTS[t]) { x -= INCIDENT_WEIGHTS[t]; t++; }
    incidents.push([days[Math.floor(r() * days.length)], person(), INCIDENT_TYPES[t], '', '', '']);
  }

  const reviews: Cell[][] = [['考评期间', '工号', '来源', '维度', '分数', '满分']];
  for (let i = 0; i < size.reviews; i++) {
    const [source, dimension] = SOURCES[i % SOURCES.length];
    const period = r() < 0.5 ? '2026-Q3' : pick(months.slice(1));
    reviews.push([period, ids[Math.floor(r() * size.staff)], source, dimension, 60 + Math.floor(r() * 41), 100]);
  }

  const attendance: Cell[][] = [['月份', '工号', '应出勤', '旷工', '迟到次数', '早退次数', '病假', '事假']];
  for (const month of months.slice(1)) {
    for (const id of ids) {
      const bad = r() < 0.15;
      attendance.push([month, id, 22, bad && r() < 0.2 ? 1 : 0, bad ? Math.floor(r() * 3) : 0, 0, bad && r() < 0.3 ? 1 : 0, 0]);
    }
  }

  const cases: Cell[][] = [['提交日期', '工号', '标题', '内容', '评分', '区域优秀']];
  for (let i = 0; i < size.cases; i++) {
    // Every 20th case is an edited copy of an earlier one; the rest are shuffled fragments.
    const text = i % 20 === 19 && cases.length > 1
      ? String(cases[1 + Math.floor(r() * (cases.length - 1))][3]).replace(/。/g, '，')
      : Array.from({ length: 6 }, () => `${pick(WHEN)}，${pick(WHO)}${pick(PROBLEM)}，${pick(ACTION)}，${pick(RESULT)}。`).join('') + `（编号${i}）`;
    cases.push([pick(days.slice(30)), person(), `服务案例${i + 1}`, text, Math.floor(r() * 4), r() < 0.03 ? '是' : '否']);
  }

  const quotas: Cell[][] = [['奖项', '范围', '名额']];
  for (let d = 0; d < deptCount; d++) quotas.push(['quarter_star', DEPARTMENTS[d], 2]);

  const redemptions: Cell[][] = [['日期', '工号', '积分']];
  for (let i = 0; i < Math.floor(size.staff / 10); i++) redemptions.push([pick(days), person(), 5 * (1 + Math.floor(r() * 4))]);

  return [
    { name: '员工', rows: staff },
    { name: '客户反馈', rows: feedback },
    { name: '奖惩记录', rows: incidents },
    { name: '考勤', rows: attendance },
    { name: '考评', rows: reviews },
    { name: '服务案例', rows: cases },
    { name: '名额', rows: quotas },
    { name: '积分兑换', rows: redemptions },
  ];
}
