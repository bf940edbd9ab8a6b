/** Copied-case detection (core/engine/copies): the definition, edited copies, same-topic stories, scale. */
import {
  containment, countChars, findCopies, normalizeCaseText, shingleSet, type CopyCandidate,
} from '../../../core/engine/copies';
import { generateCases, scoreCopies, seeded } from '../../../bench/copies';

const at = (date: string, row: number, text: string): CopyCandidate => ({ date, tab: 'Cases', row, text });

// A real-style case (~330 characters) and the copy a colleague handed in the next month:
// punctuation changed (，→, 。→. “”→""), spaces added, four characters changed (王→李,
// 六→七, 三→两, 第→首), one phrase reworded slightly (非常→十分).
const ORIGINAL =
  '七月十二日下午，一位七十多岁的王阿姨来到家具部，想为老伴挑选一张护腰的床垫。' +
  '她腿脚不便，走几步就要歇一歇。我先扶阿姨在休息区坐下，倒了一杯温水，再把三款床垫的样品' +
  '和说明书逐一拿到她面前讲解，还请同事帮忙把样品抬到她身边让她亲手按压试睡。' +
  '阿姨选中后担心家里是老小区六楼没有电梯，我当场联系配送部，约好第二天上午由两位师傅' +
  '送货上楼并把旧床垫一并搬走。第二天我又打电话回访，阿姨说床垫很合适，老伴睡得很踏实，' +
  '还专门送来一面写着“服务贴心、温暖如家”的锦旗。这件事让我体会到，感动顾客并不需要惊天动地，' +
  '只要把顾客的难处当成自己的事，多走一步、多问一句，顾客就能感受到我们的真诚。' +
  '事后我把老年顾客接待的注意事项整理成清单，在班前会上和同事们分享。';
const EDITED =
  '七月十二日下午, 一位七十多岁的李阿姨来到家具部, 想为老伴挑选一张护腰的床垫. ' +
  '她腿脚不便, 走几步就要歇一歇. 我先扶阿姨在休息区坐下, 倒了一杯温水, 再把两款床垫的样品' +
  '和说明书逐一拿到她面前讲解, 还请同事帮忙把样品抬到她身边让她亲手按压试睡. ' +
  '阿姨选中后担心家里是老小区七楼没有电梯, 我当场联系配送部, 约好首二天上午由两位师傅' +
  '送货上楼并把旧床垫一并搬走. 第二天我又打电话回访, 阿姨说床垫很合适, 老伴睡得很踏实, ' +
  '还专门送来一面写着"服务贴心、温暖如家"的锦旗. 这件事让我体会到, 感动顾客并不需要惊天动地, ' +
  '只要把顾客的难处当成自己的事, 多走一步、多问一句, 顾客就能感受到我们的真诚. ' +
  '事后我把老年顾客接待的注意事项整理成清单, 在班前会上和同事们分享.';
// Same topic (an elderly customer, a mattress, delivery to an old building), different story.
const SAME_TOPIC =
  '八月三日傍晚快下班时，一位拄着拐杖的老大爷在床垫展区转了很久，却一直没有开口。' +
  '我主动上前询问，原来他的老伴腰椎不好，医生建议换一张偏硬的床垫，可他看不懂标签上的参数。' +
  '我没有急着推荐最贵的款式，而是问清楚老人的身高体重和睡觉习惯，用最直白的话解释了软硬度的区别，' +
  '又拿来手机计算器帮他把分期付款和一次付清的差价算得明明白白。大爷说家住老小区五楼，' +
  '楼道窄，担心床垫搬不上去。我联系了配送组的师傅，提前上门量了楼道转角的尺寸，' +
  '确认可以把床垫卷包后送上楼。送货那天正好下雨，师傅们把床垫用防水膜包了两层，' +
  '进门前还套上了鞋套。一周后大爷的女儿打来电话，说老人睡得好多了，特意表示感谢。' +
  '这次经历让我明白，服务老年顾客要有耐心，更要站在他们的角度想问题。';

describe('normalisation and character counting', () => {
  test('NFKC, lower case, punctuation / white space / symbols dropped', () => {
    expect(normalizeCaseText('顾客，非常 满意！ＡＢｃ１２★')).toBe('顾客非常满意abc12');
    expect(normalizeCaseText('“服务”\t(贴心)…')).toBe('服务贴心');
  });
  test('countChars: code points, white space left out, punctuation counted', () => {
    expect(countChars('顾客 非常\n满意。')).toBe(7); // 顾客非常满意 = 6, 。= 1
    expect(countChars('ab c')).toBe(3);
    expect(countChars('　全角空格')).toBe(4); // the ideographic space is white space
    expect(countChars('𠮷野家')).toBe(3); // an astral CJK character counts once, not twice
    expect(countChars('')).toBe(0);
  });
  test('shingles are 5 code points; containment counts distinct shingles', () => {
    // 一二三四五六七八九十: 10 characters → 6 shingles; 一…九: 9 → 5 shingles, all inside.
    expect(shingleSet('一二三四五六七八九十').size).toBe(6);
    expect(containment('一二三四五六七八九', '一二三四五六七八九十')).toBe(1);
    expect(containment('一二三四五六七八九十', '一二三四五六七八九')).toBeCloseTo(5 / 6, 12);
    expect(shingleSet('哈哈哈哈哈哈哈').size).toBe(1); // repeats count once
    expect(shingleSet('好，好').size).toBe(0);
  });
});

describe('findCopies: the definition', () => {
  test('an edited copy in a later month is found, with its source row', () => {
    const c = containment(EDITED, ORIGINAL);
    expect(c).toBeGreaterThanOrEqual(0.8);
    expect(c).toBeLessThan(1);
    const { copies } = findCopies([at('2026-07-12', 2, ORIGINAL), at('2026-08-20', 3, EDITED)]);
    expect(copies).toEqual([{ index: 1, source: 0, sourceTab: 'Cases', sourceRow: 2, similarity: c }]);
  });

  test('two different stories on the same topic are not copies', () => {
    expect(containment(SAME_TOPIC, ORIGINAL)).toBeLessThan(0.1);
    const { copies } = findCopies([at('2026-07-12', 2, ORIGINAL), at('2026-07-20', 3, SAME_TOPIC), at('2026-08-03', 4, SAME_TOPIC.replace(/。/g, '！'))]);
    // Only the third row (the second story re-submitted next month) is a copy.
    expect(copies.map((m) => [m.index, m.source])).toEqual([[2, 1]]);
  });

  test('same month: the later submission is the copier whichever way the containment goes', () => {
    // Row 2 (15th) is the original; row 3 (20th) is the edited copy; row 4 (3rd) is unrelated.
    const { copies } = findCopies([at('2026-07-15', 2, ORIGINAL), at('2026-07-20', 3, EDITED), at('2026-07-03', 4, SAME_TOPIC)]);
    expect(copies.map((m) => [m.index, m.source])).toEqual([[1, 0]]);
    // Swap the dates: now the edited text was submitted first, so the original text is the copier.
    const swapped = findCopies([at('2026-07-20', 2, ORIGINAL), at('2026-07-15', 3, EDITED)]).copies;
    expect(swapped.map((m) => [m.index, m.source])).toEqual([[0, 1]]);
    // Same day: the later row is the copier.
    const sameDay = findCopies([at('2026-07-15', 5, ORIGINAL), at('2026-07-15', 4, ORIGINAL)]).copies;
    expect(sameDay.map((m) => [m.index, m.source, m.similarity])).toEqual([[0, 1, 1]]);
  });

  test('same month counts both directions; across months only the later case in the earlier one', () => {
    const short = '一二三四五六七八九'; // 5 shingles, all inside `long`
    const long = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸'; // 20 chars → 16 shingles, 5 shared: 5/16 < 0.8
    // Same month, long submitted later: short is 100 % inside long → long is the copier (similarity 1).
    expect(findCopies([at('2026-07-01', 2, short), at('2026-07-09', 3, long)]).copies)
      .toEqual([{ index: 1, source: 0, sourceTab: 'Cases', sourceRow: 2, similarity: 1 }]);
    // Long in an earlier month, short later: short is a copy of long (containment 1).
    expect(findCopies([at('2026-06-30', 2, long), at('2026-07-01', 3, short)]).copies.map((m) => m.index)).toEqual([1]);
    // Short in an earlier month, long later: long is only 5/16 old text → not a copy.
    expect(findCopies([at('2026-06-30', 2, short), at('2026-07-01', 3, long)]).copies).toEqual([]);
  });

  test('a case of a later month never makes an earlier case a copy', () => {
    const { copies } = findCopies([at('2026-08-01', 2, EDITED), at('2026-07-31', 3, ORIGINAL)]);
    expect(copies.map((m) => [m.index, m.source])).toEqual([[0, 1]]);
  });

  test('texts under 5 characters after normalisation are never copies or sources', () => {
    expect(findCopies([at('2026-07-01', 2, '好，很好！'), at('2026-07-02', 3, '好很好'), at('2026-07-03', 4, '好 很 好')]).copies).toEqual([]);
    expect(findCopies([at('2026-07-01', 2, '')]).copies).toEqual([]);
  });

  test('the best source wins: highest similarity, then the earliest case', () => {
    const almost = ORIGINAL.replace('王阿姨', '张阿姨').replace('六楼', '八楼').replace('锦旗', '感谢信');
    const { copies } = findCopies([
      at('2026-05-02', 2, almost), at('2026-06-01', 3, ORIGINAL), at('2026-06-02', 4, ORIGINAL), at('2026-07-01', 5, ORIGINAL),
    ]);
    // Row 5 matches rows 3 and 4 exactly (1.0) and row 2 less: the earliest exact match is row 3.
    const row5 = copies.find((m) => m.index === 3)!;
    expect([row5.sourceRow, row5.similarity]).toEqual([3, 1]);
  });
});

/** The definition written naively (every pair), as the oracle for the index. */
function naiveCopies(cases: CopyCandidate[], theta = 0.8): Map<number, number> {
  const sets = cases.map((c) => shingleSet(c.text));
  const share = (b: number, a: number): number => {
    if (sets[b].size === 0) return 0;
    let k = 0;
    for (const s of sets[b]) if (sets[a].has(s)) k++;
    return k / sets[b].size;
  };
  const order = (x: number, y: number): boolean => // x submitted after y
    cases[x].date !== cases[y].date ? cases[x].date > cases[y].date : cases[x].row > cases[y].row;
  const best = new Map<number, number>();
  cases.forEach((b, i) => cases.forEach((a, j) => {
    if (i === j) return;
    const mb = b.date.slice(0, 7), ma = a.date.slice(0, 7);
    let sim = 0;
    if (ma < mb) sim = share(i, j);
    else if (ma === mb && order(i, j)) sim = Math.max(share(i, j), share(j, i));
    if (sim >= theta && sim > (best.get(i) ?? 0)) best.set(i, sim);
  }));
  return best;
}

describe('findCopies: the index agrees with the naive definition', () => {
  // Template-heavy texts (a shared heading block + stock phrases), so the common-shingle
  // bound, the middle tier and the template fallback are all exercised.
  const TEMPLATE = '案例名称感动顾客优秀服务案例提交部门家具部服务时间服务地点商场二楼服务经过';
  function build(seed: number, n: number, heavy = false): CopyCandidate[] {
    const base = generateCases(n, seed, 0.1, 0.05, 120);
    const r = seeded(seed + 1);
    return base.map((c, i) => ({
      ...c,
      text: heavy && (c.copyOf ?? i) % 3 === 0
        // ~85 % template: a case (and its copies) that is mostly the uniform form.
        ? TEMPLATE.repeat(3) + c.text.slice(0, 20)
        : (r() < 0.5 ? TEMPLATE : '') + c.text + (i % 7 === 0 ? TEMPLATE + TEMPLATE : ''),
    }));
  }
  test.each([[1, 3, false], [2, 50, false], [3, 200, false], [4, 20, true], [5, 60, true]])('seed %i, commonLimit %i, template-heavy %s', (seed, commonLimit, heavy) => {
    const cases = build(seed, 260, heavy);
    const oracle = naiveCopies(cases);
    const { copies, approximate } = findCopies(cases, { commonLimit });
    expect(approximate).toEqual([]);
    expect(new Map(copies.map((m) => [m.index, m.similarity]))).toEqual(oracle);
    expect(oracle.size).toBeGreaterThan(10); // the set does contain copies
  });
  test('over the fallback budget, template-dominated cases are reported as approximate', () => {
    const tpl = TEMPLATE.repeat(3);
    const cases = [
      at('2026-07-01', 2, tpl + '甲'), at('2026-07-02', 3, tpl + '乙'), at('2026-07-03', 4, tpl + '丙'),
      at('2026-07-04', 5, ORIGINAL), at('2026-07-05', 6, ORIGINAL),
    ];
    // commonLimit 2: the template's shingles are in 3 cases (common), ORIGINAL's in 2 (rare).
    const exact = findCopies(cases, { commonLimit: 2 });
    expect(exact.approximate).toEqual([]);
    expect(exact.copies.map((m) => [m.index, m.source])).toEqual([[1, 0], [2, 0], [4, 3]]);
    const approx = findCopies(cases, { commonLimit: 2, fallbackBudget: 0 });
    // Rows 2-4 are all template (every shared shingle common): approximate, and as they
    // share no rare shingle their copies are missed; row 6 is still found exactly.
    expect(approx.approximate).toEqual([0, 1, 2]);
    expect(approx.copies.map((m) => [m.index, m.source])).toEqual([[4, 3]]);
  });
  test('deterministic and independent of the input order', () => {
    const cases = build(9, 200);
    const a = findCopies(cases).copies.map((m) => [cases[m.index].row, m.sourceRow]);
    const reversed = [...cases].reverse();
    const b = findCopies(reversed).copies.map((m) => [reversed[m.index].row, m.sourceRow]);
    const byRow = (x: number[], y: number[]): number => x[0] - y[0];
    expect(b.sort(byRow)).toEqual(a.sort(byRow));
    expect(findCopies(cases)).toEqual(findCopies(cases));
  });
});

describe('findCopies: generated set with known copies', () => {
  test('precision and recall ≥ 0.95 on 3,000 seeded cases (5 % copies, 2 % heavy rewrites)', () => {
    const cases = generateCases(3000, 7);
    const score = scoreCopies(cases);
    console.log(`copy detection on 3,000 generated cases: ${score.tp} true, ${score.fp} false positives, ${score.fn} missed; ` +
      `precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}`);
    expect(score.tp).toBeGreaterThan(100);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
  });
});
