/**
 * Benchmark (and seeded test data) for copied-case detection: N generated Chinese
 * service-case texts of ~400 characters, ~5 % of them edited copies of an earlier
 * case (punctuation changed, a few characters replaced, a sentence added or
 * dropped), plus hard negatives (the same story heavily rewritten) that must NOT
 * be flagged. Texts mix free narrative with the stock phrases every real case
 * repeats (顾客非常满意…), so common shingles and the index's skip rule are exercised.
 *
 * Standalone: `npx esbuild bench/copies.ts --bundle --platform=node --outfile=/tmp/copies.js && node /tmp/copies.js 20000`
 */
import { findCopies, type CopyCandidate } from '../core/engine/copies';
import { rng } from './generate';

/** The bench generator's seeded mulberry32, under the name the copy tests use. */
export const seeded = rng;

// About 700 frequent characters: enough that two independent texts share few 5-grams.
const POOL =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信治速口传达完美服务顾客满意热情耐心细致主动及时帮助感谢商场家具建材售后安装维修配送楼层导购收银物业安全保洁停车电梯空调沙发床垫衣柜橱柜地板瓷砖灯具窗帘门窗卫浴五金油漆墙纸布艺床品餐桌茶几书桌儿童老人孕妇轮椅雨伞矿泉水纸巾充电宝钱包手机钥匙发票订单尺寸颜色款式价格优惠活动积分会员退换货质量保修上门测量设计方案图纸师傅同事店长经理主管领导早晚周末节假日夜里中午下午傍晚凌晨雨天雪天高温台风停电堵车迟到等待排队投诉表扬锦旗感谢信微信电话短信回访预约登记核对确认解释沟通协调安抚道歉赔偿补偿减免赠送陪同搬运包装拆卸组装调试更换清洗擦拭检查记录整理总结分享学习培训提升改进温暖感动惊喜贴心周到细心专业认真负责坚持努力辛苦汗水笑容眼泪握手拥抱';

const STOCK = [
  '顾客非常满意', '对我们的服务表示感谢', '主动上前询问顾客需求', '耐心细致地为顾客讲解',
  '第一时间联系了相关部门', '设身处地为顾客着想', '把顾客当成自己的家人', '用真诚打动了顾客',
  '事后顾客专门打来电话表示感谢', '这件事让我深深体会到服务无小事', '以后还会再来我们商场', '感动顾客是我们每个人的责任',
];

const PUNCT_SWAP: Record<string, string> = { '，': ',', '。': '.', '、': ',', '！': '!', '：': ':', '；': ';' };

export interface GeneratedCase extends CopyCandidate {
  /** Index of the case this one was copied from (light edit), or null. */
  copyOf: number | null;
  /** Index of the case this one was rewritten from (heavy edit: must NOT be a copy), or null. */
  rewriteOf: number | null;
}

function sentence(r: () => number, words: string[]): string {
  const parts: string[] = [];
  const len = 8 + Math.floor(r() * 14);
  for (let i = 0; i < len; i++) {
    if (r() < 0.07) parts.push(STOCK[Math.floor(r() * STOCK.length)]);
    else parts.push(words[Math.floor(r() * words.length)]);
    if (i < len - 1 && r() < 0.18) parts.push(r() < 0.8 ? '，' : '、');
  }
  return parts.join('') + (r() < 0.85 ? '。' : '！');
}

function story(r: () => number, words: string[], target: number): string {
  let text = '';
  let length = 0;
  while (length < target) {
    const s = sentence(r, words);
    text += s;
    length += [...s].length;
  }
  return text;
}

/** Light edit (≥ 80 % of shingles kept): punctuation changed, ≤ 2 % characters replaced, maybe a sentence added. */
function lightEdit(r: () => number, words: string[], text: string): string {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const p = PUNCT_SWAP[chars[i]];
    if (p && r() < 0.5) chars[i] = p;
    else if (!p && r() < 0.015) chars[i] = POOL[Math.floor(r() * POOL.length)];
    if (r() < 0.01) chars[i] += ' ';
  }
  let out = chars.join('');
  if (r() < 0.3) out += sentence(r, words).slice(0, 25);
  return out;
}

/** Heavy rewrite: the same story retold, ~35 % of the characters replaced (shares well under 80 %). */
function heavyEdit(r: () => number, text: string): string {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (r() < 0.35) chars[i] = POOL[Math.floor(r() * POOL.length)];
  }
  return chars.join('');
}

/**
 * `n` cases over 2026-01..2026-07 in submission order (rows 2..n+1 of one tab):
 * `copyRate` of them light-edited copies of an earlier case, `rewriteRate` heavy
 * rewrites (hard negatives), the rest original stories of `chars` characters.
 */
export function generateCases(n: number, seed = 4242, copyRate = 0.05, rewriteRate = 0.02, chars = 400): GeneratedCase[] {
  const r = seeded(seed);
  const words: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const len = 1 + Math.floor(r() * 3);
    let w = '';
    for (let k = 0; k < len; k++) w += POOL[Math.floor(r() * POOL.length)];
    words.push(w);
  }
  const out: GeneratedCase[] = [];
  for (let i = 0; i < n; i++) {
    // Dates increase with the row, so a copy (made from an earlier row) is never earlier.
    const dayIndex = Math.floor((i / n) * 7 * 28);
    const date = `2026-${String(1 + Math.floor(dayIndex / 28)).padStart(2, '0')}-${String(1 + (dayIndex % 28)).padStart(2, '0')}`;
    const base = { date, tab: 'Cases', row: i + 2 };
    const roll = r();
    if (i > 10 && roll < copyRate) {
      const src = pickOriginal(r, out, i);
      out.push({ ...base, text: lightEdit(r, words, out[src].text), copyOf: src, rewriteOf: null });
    } else if (i > 10 && roll < copyRate + rewriteRate) {
      const src = pickOriginal(r, out, i);
      out.push({ ...base, text: heavyEdit(r, out[src].text), copyOf: null, rewriteOf: src });
    } else {
      out.push({ ...base, text: story(r, words, chars - 40 + Math.floor(r() * 80)), copyOf: null, rewriteOf: null });
    }
  }
  return out;
}

/** An earlier original (not itself a copy or rewrite), so ground truth stays unambiguous. */
function pickOriginal(r: () => number, out: GeneratedCase[], upTo: number): number {
  for (;;) {
    const j = Math.floor(r() * upTo);
    if (out[j].copyOf === null && out[j].rewriteOf === null) return j;
  }
}

export interface CopyScore { tp: number; fp: number; fn: number; precision: number; recall: number; wrongSource: number }

/** Precision / recall of `findCopies` against the generator's ground truth. */
export function scoreCopies(cases: GeneratedCase[]): CopyScore {
  const { copies } = findCopies(cases);
  const found = new Map(copies.map((c) => [c.index, c.source]));
  let tp = 0, fp = 0, fn = 0, wrongSource = 0;
  cases.forEach((c, i) => {
    const isCopy = c.copyOf !== null;
    if (found.has(i) && isCopy) { tp++; if (found.get(i) !== c.copyOf) wrongSource++; }
    else if (found.has(i)) fp++;
    else if (isCopy) fn++;
  });
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, wrongSource };
}

/** Time `findCopies` on `n` generated cases (~400 characters, ~5 % copies). */
export function benchCopies(n: number, seed = 20260701): { ms: number; pairsFound: number; copiesMade: number; approximate: number } {
  const cases = generateCases(n, seed);
  const t0 = performance.now();
  const report = findCopies(cases);
  const ms = performance.now() - t0;
  return {
    ms: Math.round(ms),
    pairsFound: report.copies.length,
    copiesMade: cases.filter((c) => c.copyOf !== null).length,
    approximate: report.approximate.length,
  };
}

// Runs only as the entry script (not when bundled into bench/bench.ts or imported by a test).
if (typeof require !== 'undefined' && require.main === module && /copies\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const n = Number(process.argv[2] ?? 20000);
  const res = benchCopies(n);
  console.log(`copy detection: ${n} cases in ${res.ms} ms; ${res.pairsFound} copies found (${res.copiesMade} made)`);
}
