/**
 * The empty-window warning (SPEC §8) on every dated tab: a row inside the period
 * silences it, otherwise it names the dates the tab holds. Checked against the
 * plain rule (a span per row, then "some span inside") on random rows.
 */
import type { Dataset } from '../../../core/types';
import type { InputTab } from '../../../core/scheme/model';
import { emptyWindowWarnings } from '../../../core/input/empty-window';
import { parsePeriod } from '../../../core/periods';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fc = require('fast-check') as typeof import('fast-check');

const TABS = ['feedback', 'incidents', 'attendance', 'reviews', 'cases', 'redemptions'] as const;
const NAMES = { feedback: '客户反馈', incidents: '奖惩记录', attendance: '考勤', reviews: '考评', cases: '服务案例', redemptions: '积分兑换' };

function dataset(days: string[], months: string[], periods: string[]): Dataset {
  const dated = days.map((date) => ({ date }));
  return {
    tabNames: NAMES, feedback: dated, incidents: dated, cases: dated, redemptions: dated,
    attendance: months.map((month) => ({ month })), reviews: periods.map((period) => ({ period })),
  } as unknown as Dataset;
}

/** The rule as first written: one [first, last] span per row. */
function reference(data: Dataset, tab: (typeof TABS)[number], period: { start: string; end: string }): boolean {
  const d = data as unknown as Record<string, { date?: string; month?: string; period?: string }[]>;
  const spans: [string, string][] = tab === 'attendance' ? d[tab].map((r) => [`${r.month}-01`, `${r.month}-31`])
    : tab === 'reviews' ? d[tab].flatMap((r) => { const p = parsePeriod(r.period!); return p ? [[p.start, p.end] as [string, string]] : []; })
      : d[tab].map((r) => [r.date!, r.date!]);
  return spans.some(([a, b]) => (tab === 'reviews' ? a >= period.start && b <= period.end : a <= period.end && b >= period.start));
}

test('a tab is warned about exactly when none of its rows lies in the period (random days, months, review periods)', () => {
  const day = fc.date({ min: new Date(Date.UTC(2025, 10, 1)), max: new Date(Date.UTC(2026, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const month = day.map((d) => d.slice(0, 7));
  const review = fc.constantFrom('2026-Q2', '2026-Q3', '2026-07', '2026-09', '2026-H2', '2026', 'bad', '2025-Q4');
  const asked = fc.constantFrom('2026-Q3', '2026-07', '2026-08', '2026-H2', '2026', '2025-Q4');
  const used = new Set(TABS as readonly string[]) as ReadonlySet<InputTab>;
  fc.assert(fc.property(fc.array(day, { maxLength: 6 }), fc.array(month, { maxLength: 4 }), fc.array(review, { maxLength: 3 }), asked, (days, months, periods, id) => {
    const period = parsePeriod(id)!;
    const data = dataset(days, months, periods);
    const warned = new Set(emptyWindowWarnings(data, used, period).map((w) => w.tab));
    return TABS.every((t) => warned.has(NAMES[t]) === !reference(data, t, period));
  }), { numRuns: 400 });
});

test('the warning names the dates the tab holds', () => {
  const period = parsePeriod('2025-Q3')!;
  const w = emptyWindowWarnings(dataset(['2026-07-05', '2026-06-17', '2026-10-01'], ['2026-07', '2026-08'], []), new Set(['feedback', 'attendance']) as ReadonlySet<InputTab>, period);
  expect(w.map((d) => [d.tab, d.message.zh])).toEqual([
    ['客户反馈', '在 2025-Q3 没有数据：该表的日期为 2026-06-17 至 2026-10-01，请核对期间'],
    ['考勤', '在 2025-Q3 没有数据：该表的日期为 2026-07 至 2026-08，请核对期间'],
  ]);
});
