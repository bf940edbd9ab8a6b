/** Runs log, input fingerprints, finalizing a period, the finality check and the Changes view. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, OutputTab, RawTab, ResultJson } from '../../core/types';
import type { SyncWorkbookHost } from '../../core/host';
import {
  appendRun, buildRunsTab, canonicalJson, changedTabIds, checkFinal, compareSnapshots, decodeSnapshot,
  diffResults, encodeSnapshot, finalizePeriod, finalizeRun, fingerprintFormatOf, fingerprintInputs, fnv1a64, formatTabFingerprints,
  gateCompute, isFinal, lanes64, runFinalize, runFinalizeSync, lastRun, makeRun, parseRunsTab, parseTabFingerprints, recordCompute, runsOf, snapshotOf,
  type FullSnapshot,
} from '../../core/runs';
import { Fnv64, updateCanonicalJson } from '../../core/runs/hash';
import { personRowsOf } from '../../core/runs/person-rows';

const fixture = (name: string): RawTab =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'runs', name), 'utf8')) as RawTab;

/** Reference FNV-1a 64 with BigInt over Node's own UTF-8 encoder: an independent oracle. */
function fnvRef(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(text, 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Reference for input fingerprints, format 2, written from its description with
 * BigInt arithmetic mod 2^32, Node's Buffer for a float's bits and a plain
 * array of UTF-16 code units: an independent oracle for core/runs/hash.ts Lanes64
 * and fingerprint.ts hashRows (which use Math.imul, shifts and a DataView).
 */
const M32 = 0xffffffffn;
const mul = (x: bigint, y: bigint): bigint => (x * y) & M32;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (32n - r))) & M32;
class RefLanes {
  a = 0x9747b28cn;
  b = 0x165667b1n;
  word(w: number): void {
    const x = BigInt(w >>> 0);
    this.a = (mul(rotl(this.a ^ mul(rotl(mul(x, 0xcc9e2d51n), 15n), 0x1b873593n), 13n), 5n) + 0xe6546b64n) & M32;
    this.b = mul(rotl((this.b + mul(x, 0x85ebca77n)) & M32, 13n), 0x9e3779b1n);
  }
  value(v: unknown): void {
    if (typeof v === 'string') {
      this.word(v.length * 8 + 6);
      const units = Array.from({ length: v.length }, (_, i) => v.charCodeAt(i));
      for (let i = 0; i < units.length; i += 2) this.word(units[i] + (i + 1 < units.length ? units[i + 1] * 65536 : 0));
    } else if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) {
      this.word(4);
      this.word(v);
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      const buf = Buffer.alloc(8);
      buf.writeDoubleLE(v);
      this.word(5);
      this.word(buf.readUInt32LE(0));
      this.word(buf.readUInt32LE(4));
    } else if (typeof v === 'boolean') this.word(v ? 3 : 2);
    else this.word(1); // null, undefined, NaN, ±Infinity
  }
  finish(): [bigint, bigint] {
    let a = this.a;
    a ^= a >> 16n; a = mul(a, 0x85ebca6bn); a ^= a >> 13n; a = mul(a, 0xc2b2ae35n); a ^= a >> 16n;
    let b = this.b;
    b ^= b >> 15n; b = mul(b, 0x85ebca77n); b ^= b >> 13n; b = mul(b, 0xc2b2ae3dn); b ^= b >> 16n;
    return [a, b];
  }
}
const hex = (a: bigint, b: bigint): string => a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
/** A tab's format-2 hash: each row's fields in order, row hashes summed per lane mod 2^32, then id, count, sums. */
function refTabHash(id: string, rows: object[], fields: string[]): string {
  let sa = 0n;
  let sb = 0n;
  for (const r of rows) {
    const h = new RefLanes();
    for (const f of fields) h.value((r as Record<string, unknown>)[f]);
    const [a, b] = h.finish();
    sa = (sa + a) & M32;
    sb = (sb + b) & M32;
  }
  const h = new RefLanes();
  h.value(id);
  h.word(rows.length);
  h.word(0);
  h.word(Number(sa));
  h.word(Number(sb));
  return hex(...h.finish());
}
const REF_FIELDS: Record<string, string[]> = {
  staff: ['id', 'key', 'name', 'department', 'group', 'position', 'level', 'hireDate', 'regularDate', 'leaveDate', 'managerKey'],
  feedback: ['date', 'staffKey', 'score', 'rating', 'likes', 'customer', 'channel', 'comment'],
  incidents: ['date', 'staffKey', 'type', 'points', 'amount', 'note'],
  reviews: ['period', 'staffKey', 'source', 'dimension', 'score'],
};

function dataset(): Dataset {
  return {
    staff: [
      { tab: 'Staff', row: 2, id: 'S01', key: 's01', name: '李娜', department: '客服部', group: 'A组', position: '', level: 'staff', hireDate: '2024-01-01', regularDate: '2024-04-01', leaveDate: null, managerKey: 'm1' },
      { tab: 'Staff', row: 3, id: 'S02', key: 's02', name: '王强', department: '客服部', group: 'A组', position: '', level: 'staff', hireDate: '2024-02-01', regularDate: '2024-05-01', leaveDate: null, managerKey: 'm1' },
    ],
    feedback: [
      { tab: 'Feedback', row: 2, date: '2026-07-03', staffKey: 's01', score: null, rating: 'exceeded', likes: null, customer: '', channel: '', comment: '' },
      { tab: 'Feedback', row: 3, date: '2026-07-04', staffKey: 's02', score: null, rating: 'met', likes: null, customer: '', channel: '', comment: '' },
      { tab: 'Feedback', row: 4, date: '2026-08-09', staffKey: 's01', score: null, rating: 'met', likes: null, customer: '张', channel: '电话', comment: '' },
    ],
    incidents: [],
    attendance: [],
    reviews: [],
    cases: [],
    quotas: [],
    redemptions: [],
    tabNames: { staff: 'Staff', feedback: 'Feedback', incidents: 'Incidents' },
  };
}

function result(over: Partial<ResultJson> = {}): ResultJson {
  return {
    period: '2026-Q3', scheme: 'smile-cards', awards: [], stars: [], penalties: [], departments: [], points: [],
    flags: [], ineligible: [], diagnostics: [], totals: { paid: 0, by_award: {} }, ...over,
  };
}

const award = (award: string, staff_id: string, amount: number, scope = 'A组') =>
  ({ award, staff_id, scope, rank: 1, amount, tie: false });

describe('hash', () => {
  test('FNV-1a 64 published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
  test('UTF-8 of Chinese, emoji and a lone surrogate matches a BigInt reference', () => {
    for (const s of ['服务之星', '李娜😀', 'x\ud800y', 'Ａ１　', 'é']) expect(fnv1a64(s)).toBe(fnvRef(s));
  });
  test('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }], z: undefined })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(canonicalJson({ n: NaN, s: 'é', d: new Date(Date.UTC(2026, 6, 1)) }))
      .toBe('{"d":"2026-07-01T00:00:00.000Z","n":null,"s":"é"}');
  });
  test('canonical JSON of rows one after another: same keys, other keys of the same count, other omitted keys', () => {
    const row = { tab: 'T', row: 2, b: 1, a: 'x' };
    const other = { tab: 'T', row: 3, c: 1, a: 'y' };
    const position = new Set(['row', 'tab']);
    const seen = [row, row, other, row, other, other].map((r) => canonicalJson(r, position));
    expect(seen).toEqual(['{"a":"x","b":1}', '{"a":"x","b":1}', '{"a":"y","c":1}', '{"a":"x","b":1}', '{"a":"y","c":1}', '{"a":"y","c":1}']);
    expect(canonicalJson(row)).toBe('{"a":"x","b":1,"row":2,"tab":"T"}');
    expect(canonicalJson(row, new Set(['b']))).toBe('{"a":"x","row":2,"tab":"T"}');
    expect(canonicalJson(row, position)).toBe('{"a":"x","b":1}');
  });
});

describe('fingerprint', () => {
  test('covers the present tabs plus the scheme, keyed by tab id with names as written', () => {
    const fp = fingerprintInputs(dataset(), { id: 'smile-cards' });
    expect(Object.keys(fp.tabs).sort()).toEqual(['feedback', 'incidents', 'scheme', 'staff']);
    expect(fp.names).toEqual({ staff: 'Staff', feedback: 'Feedback', incidents: 'Incidents' });
    expect(fp.overall).toMatch(/^v2:[0-9a-f]{16}$/);
  });
  test('format 2 tab hashes equal an independent reference (BigInt lanes, Buffer float bits)', () => {
    const d = dataset();
    d.incidents = [
      { tab: 'Incidents', row: 2, date: '2026-07-05', staffKey: 's01', type: 'anger_card', points: -1.5, amount: 12345, note: '客户投诉😀' },
      { tab: 'Incidents', row: 3, date: '2026-07-06', staffKey: 's02', type: 'x\ud800', points: null, amount: null, note: '' },
    ];
    d.reviews = [{ tab: 'Reviews', row: 2, period: '2026-Q3', staffKey: 's01', source: 'self', dimension: '', score: 100 / 3 }];
    d.tabNames.reviews = 'Reviews';
    const fp = fingerprintInputs(d);
    for (const id of ['staff', 'feedback', 'incidents', 'reviews'] as const) {
      expect(fp.tabs[id]).toBe(refTabHash(id, d[id], REF_FIELDS[id]));
    }
    // An empty tab that is present still has a hash: its id and a zero count.
    expect(fingerprintInputs({ ...d, feedback: [] }).tabs.feedback).toBe(refTabHash('feedback', [], REF_FIELDS.feedback));
  });
  test('Lanes64 of strings equals the reference (odd and even lengths, CJK, emoji, lone surrogates)', () => {
    for (const s of ['', 'a', 'ab', '服务之星', '李娜😀', 'x\ud800y', 'Ａ１　']) {
      const h = new RefLanes();
      h.value(s);
      expect(lanes64(s)).toBe(hex(...h.finish()));
    }
  });
  test('-0 is 0 and NaN is null, as in the canonical JSON of format 1; a number is not its text', () => {
    const d = dataset();
    const at = (score: unknown) => {
      const x = dataset();
      x.feedback[0] = { ...x.feedback[0], score: score as number };
      return fingerprintInputs(x).tabs.feedback;
    };
    expect(at(-0)).toBe(at(0));
    expect(at(NaN)).toBe(at(null));
    expect(at(4)).not.toBe(at('4'));
    expect(at(4)).not.toBe(at(4.5));
    expect(at(null)).not.toBe(at(0));
    expect(at(null)).toBe(fingerprintInputs(d).tabs.feedback);
  });
  test('a value moved to the neighbouring field is a change (fields are tagged and length-prefixed)', () => {
    const a = dataset();
    a.feedback[2] = { ...a.feedback[2], customer: '张电', channel: '话' };
    const b = dataset();
    b.feedback[2] = { ...b.feedback[2], customer: '张', channel: '电话' };
    expect(fingerprintInputs(a).tabs.feedback).not.toBe(fingerprintInputs(b).tabs.feedback);
  });
  test('stable under row shuffles and row renumbering', () => {
    const a = dataset();
    const b = dataset();
    b.feedback = [b.feedback[2], b.feedback[0], b.feedback[1]].map((r, i) => ({ ...r, row: 10 + i }));
    b.staff = [b.staff[1], b.staff[0]];
    expect(fingerprintInputs(b, null)).toEqual(fingerprintInputs(a, null));
  });
  test('a renamed tab keeps its hash (the name is not content)', () => {
    const b = dataset();
    b.tabNames.feedback = '客户反馈';
    b.feedback = b.feedback.map((r) => ({ ...r, tab: '客户反馈' }));
    expect(fingerprintInputs(b).tabs).toEqual(fingerprintInputs(dataset()).tabs);
  });
  test('a one-cell edit changes that tab and the overall hash only', () => {
    const a = fingerprintInputs(dataset());
    const b = dataset();
    b.feedback[1] = { ...b.feedback[1], rating: 'exceeded' };
    const fb = fingerprintInputs(b);
    expect(fb.overall).not.toBe(a.overall);
    expect(changedTabIds(a.tabs, fb.tabs)).toEqual(['feedback']);
  });
  test('a duplicated row is a change (rows are a multiset, not a set)', () => {
    const b = dataset();
    b.feedback.push({ ...b.feedback[0], row: 5 });
    expect(changedTabIds(fingerprintInputs(dataset()).tabs, fingerprintInputs(b).tabs)).toEqual(['feedback']);
  });
  test('an edited scheme is a change; a tab that appears is a change', () => {
    const a = fingerprintInputs(dataset(), { stars: 5 });
    const b = fingerprintInputs(dataset(), { stars: 4 });
    expect(changedTabIds(a.tabs, b.tabs)).toEqual(['scheme']);
    const d = dataset();
    d.tabNames.reviews = 'Reviews';
    expect(changedTabIds(a.tabs, fingerprintInputs(d, { stars: 5 }).tabs)).toEqual(['reviews']);
  });
  test('tab fingerprints round-trip through their cell text, with their format; bad text is null', () => {
    const tabs = { staff: '00000000000000bb', feedback: '00000000000000aa' };
    expect(formatTabFingerprints(tabs)).toBe('v2:feedback=00000000000000aa;staff=00000000000000bb');
    expect(parseTabFingerprints(formatTabFingerprints(tabs))).toEqual(tabs);
    expect(fingerprintFormatOf(formatTabFingerprints(tabs))).toBe(2);
    // Format 1 (rows written before formats were numbered) had no prefix.
    expect(parseTabFingerprints(' feedback = 00000000000000AA ; staff=00000000000000bb;')).toEqual(tabs);
    expect(fingerprintFormatOf('feedback=00000000000000aa')).toBe(1);
    expect(fingerprintFormatOf('')).toBeNull();
    expect(parseTabFingerprints('')).toEqual({});
    expect(parseTabFingerprints('v2:')).toEqual({});
    expect(parseTabFingerprints('bogus')).toBeNull();
    expect(parseTabFingerprints('nosuchtab=00000000000000aa')).toBeNull();
    expect(parseTabFingerprints('staff=123')).toBeNull();
  });
});

describe('snapshot', () => {
  const r = result({
    awards: [award('service_star', 'S02', 800), award('service_star', 'S01', 800)],
    stars: [{ staff_id: 'S01', score: 91.5, stars: 5, bonus: 1000 }],
    penalties: [{ staff_id: 'S07', action: 'standby_training', window: '2026-08', amount: 0 }],
  });
  test('encodes sorted tuples in fen', () => {
    expect(encodeSnapshot(snapshotOf(r))).toBe(
      '{"a":[["service_star","S01",80000],["service_star","S02",80000]],"p":[["S07","standby_training","2026-08",0]],"s":[["S01",5,100000]],"v":1}');
  });
  test('round-trips', () => {
    expect(decodeSnapshot(encodeSnapshot(snapshotOf(r)))).toEqual(snapshotOf(r));
  });
  test('too large for a cell: a digest with counts', () => {
    const text = encodeSnapshot(snapshotOf(r), 50);
    const d = decodeSnapshot(text);
    expect(d).toEqual({ kind: 'digest', digest: expect.stringMatching(/^[0-9a-f]{16}$/), counts: { awards: 2, stars: 1, penalties: 1 } });
    expect(text.length).toBeLessThan(80);
  });
  test('damaged text is null, never a throw', () => {
    for (const t of ['not json', '[]', '{"v":2}', '{"v":1,"a":[["x","y","800"]],"s":[],"p":[]}', '{"v":1,"d":"zz","n":[1,2,3]}']) {
      expect(decodeSnapshot(t)).toBeNull();
    }
  });
});

describe('parseRunsTab', () => {
  const log = parseRunsTab(fixture('runs-tab-zh.json'));
  test('no tab: an empty log', () => {
    expect(parseRunsTab(undefined)).toEqual({ name: null, lang: null, extraHeaders: [], rows: [], diagnostics: [] });
  });
  test('reads good rows, keeps damaged ones, drops blank ones', () => {
    expect(log.name).toBe('运行记录');
    expect(log.lang).toBe('zh');
    expect(log.extraHeaders).toEqual(['审核人']);
    expect(log.rows.map((r) => [r.row, r.run === null])).toEqual([[2, false], [3, true], [5, false], [6, true], [7, false]]);
    const first = log.rows[0].run!;
    expect(first).toMatchObject({
      time: '2026-10-08T09:00:00Z', period: '2026-Q3', status: 'draft', scheme: 'smile-cards', schemeVersion: '1',
      paidFen: 240000, awards: 3, errors: 0, warnings: 1, infos: 0,
      tabs: { feedback: '00000000000000aa', staff: '00000000000000bb' },
      snapshot: { kind: 'full', awards: [{ award: 'service_star', staffId: 'S01', amountFen: 80000 }], stars: [], penalties: [] },
    });
    expect(first.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(log.rows[2].run).toMatchObject({ status: 'final', finalizedAt: '2026-10-11T08:00:00Z', paidFen: 160000, snapshot: null });
    expect(log.rows[4].run).toMatchObject({ period: '2026-08', status: 'draft', tabs: null, fingerprint: '' });
  });
  test('every damaged cell is one located warning', () => {
    expect(log.diagnostics.map((d) => [d.severity, d.code, d.tab, d.row, d.column, d.value])).toEqual([
      ['warning', 'runs_row_damaged', '运行记录', 3, '期间', '2026-Q5'],
      ['warning', 'runs_snapshot_damaged', '运行记录', 5, '结果快照', 'not json'],
      ['warning', 'runs_row_damaged', '运行记录', 6, '状态', '已审批'],
      ['warning', 'runs_fingerprint_damaged', '运行记录', 7, '各表指纹', 'bogus'],
    ]);
  });
  test('rewriting keeps every row as written, extra column included', () => {
    const tab = buildRunsTab(log, 'en');
    expect(tab.name).toBe('运行记录');
    expect(tab.kind).toBe('runs');
    expect(tab.rows[0]).toEqual(fixture('runs-tab-zh.json').rows[0]);
    expect(tab.rows.slice(1)).toEqual(fixture('runs-tab-zh.json').rows.filter((_r, i) => i >= 1 && i !== 3));
    expect(tab.formats).toHaveLength(16);
  });
  test('columns in another order and English headers are recognised', () => {
    const l = parseRunsTab({ name: 'Runs', rows: [['Status', 'period', 'TIME'], ['Final', '2026-q3', 't1']] });
    expect(runsOf(l)).toHaveLength(1);
    expect(runsOf(l)[0]).toMatchObject({ status: 'final', period: '2026-Q3', time: 't1', tabs: null });
    expect(l.lang).toBe('en');
  });
  test('an unrecognised header: one warning, rows kept as extra columns', () => {
    const raw: RawTab = { name: 'Runs', rows: [['foo', 'bar'], ['1', '2']] };
    const l = parseRunsTab(raw);
    expect(l.diagnostics.map((d) => [d.code, d.row])).toEqual([['runs_header_unrecognised', 1]]);
    expect(runsOf(l)).toEqual([]);
    const tab = buildRunsTab(l, 'en');
    expect(tab.rows[0].slice(-2)).toEqual(['foo', 'bar']);
    expect(tab.rows[1].slice(-2)).toEqual(['1', '2']);
  });
  test('hostile cells never throw', () => {
    const raw = { name: 'Runs', rows: [['Period', 'Status'], [new Date(NaN), 42], [null], 'x' as never, [true, {}]] } as unknown as RawTab;
    expect(() => parseRunsTab(raw)).not.toThrow();
    expect(() => parseRunsTab({ name: 'Runs', rows: undefined as never })).not.toThrow();
  });
  test('a flood of damaged rows is capped at 1000 listed plus one count', () => {
    const rows = [['Period', 'Status'], ...Array.from({ length: 1500 }, () => ['nope', 'draft'])];
    const l = parseRunsTab({ name: 'Runs', rows });
    expect(l.diagnostics).toHaveLength(1001);
    expect(l.diagnostics[1000]).toMatchObject({ code: 'too_many', tab: 'Runs', value: '500' });
    expect(buildRunsTab(l, 'en').rows).toHaveLength(1501);
  });
  test('isFinal and lastRun by period', () => {
    expect(isFinal(log, '2026-Q3')).toBe(true);
    expect(isFinal(log, '2026-q3')).toBe(true);
    expect(isFinal(log, '2026-08')).toBe(false);
    expect(isFinal(log, '2026-07')).toBe(false); // its only row is damaged
    expect(lastRun(log, '2026-Q3')!.time).toBe('2026-10-10T09:00:00Z');
  });
});

describe('appendRun and finalizeRun', () => {
  const fp = fingerprintInputs(dataset(), { id: 'smile-cards' });
  const res = result({ awards: [award('service_star', 'S01', 800), award('service_star_manager', 'M1', 400)],
    totals: { paid: 1200, by_award: { service_star: 800, service_star_manager: 400 } },
    diagnostics: [
      { severity: 'warning', tab: 'Feedback', row: 3, column: 'rating', code: 'x', value: '', message: '' },
      { severity: 'info', tab: 'Incidents', row: 4, column: 'type', code: 'y', value: '', message: '' },
      { severity: 'info', tab: 'Incidents', row: 5, column: 'type', code: 'y', value: '', message: '' },
    ] });
  const run = makeRun({ now: '2026-10-08T09:00:00.000Z', period: '2026-q3', scheme: 'smile-cards', schemeVersion: '3', fingerprint: fp, result: res });

  test('a first run creates the Runs tab with one draft row', () => {
    const tab = appendRun(parseRunsTab(undefined), run, 'en');
    expect(tab.name).toBe('Runs');
    expect(tab.rows[0]).toEqual(['Time', 'Period', 'Status', 'Scheme', 'Scheme version', 'Paid', 'Awards', 'Errors',
      'Warnings', 'Info', 'Input fingerprint', 'Tab fingerprints', 'Finalized at', 'Note', 'Result snapshot']);
    expect(tab.rows[1].slice(0, 10)).toEqual(['2026-10-08 09:00', '2026-Q3', 'draft', 'smile-cards', '3', 1200, 2, 0, 1, 2]);
    expect(tab.rows[1][10]).toBe(fp.overall);
    expect(tab.rows[1][11]).toBe(formatTabFingerprints(fp.tabs));
    expect(tab.rows[1][14]).toBe('{"a":[["service_star","S01",80000],["service_star_manager","M1",40000]],"p":[],"s":[],"v":1}');
  });
  test('Chinese workbook: Chinese name, headers and status', () => {
    const tab = appendRun(parseRunsTab(undefined), run, 'zh');
    expect(tab.name).toBe('运行记录');
    expect(tab.rows[0][2]).toBe('状态');
    expect(tab.rows[1][2]).toBe('草稿');
  });
  test('what is written reads back as the same run', () => {
    const back = parseRunsTab({ name: 'Runs', rows: appendRun(parseRunsTab(undefined), run, 'en').rows });
    expect(back.diagnostics).toEqual([]);
    expect(runsOf(back)).toEqual([run]);
  });
  test('finalize refuses a period never computed, and a bad period', () => {
    const log = parseRunsTab({ name: 'Runs', rows: appendRun(parseRunsTab(undefined), run, 'en').rows });
    const out = finalizeRun(log, '2026-Q4', 'T');
    expect(out.ok).toBe(false);
    expect(out.changed).toBe(false);
    expect(out.message.en).toBe("This workbook's Runs tab has no computation of 2026-Q4, so it cannot be finalized: compute it with the results written into this workbook (command line: compute the workbook --period 2026-Q4 --out the same workbook), then finalize");
    expect(out.message.zh).toBe('这个工作簿的运行记录中没有期间 2026-Q4 的计算，无法定稿：请先计算并把结果写入这个工作簿（命令行：compute 该工作簿 --period 2026-Q4 --out 同一个工作簿），再定稿');
    expect(finalizeRun(log, '2026-Q9', 'T').ok).toBe(false);
  });
  test('finalize marks only the latest run of the period', () => {
    let log = parseRunsTab(undefined);
    const later = { ...run, time: '2026-10-09T09:00:00.000Z' };
    const other = { ...run, period: '2026-Q2', time: '2026-10-10T00:00:00.000Z' };
    for (const r of [run, later, other]) log = parseRunsTab({ name: 'Runs', rows: appendRun(log, r, 'en').rows });
    const out = finalizeRun(log, '2026-Q3', '2026-10-12T10:00:00.000Z');
    expect(out.ok && out.changed).toBe(true);
    const tab = buildRunsTab(out.log, 'en');
    expect(tab.rows.map((r) => [r[0], r[2], r[12]])).toEqual([
      ['Time', 'Status', 'Finalized at'],
      ['2026-10-08 09:00', 'draft', ''],
      ['2026-10-09T09:00:00.000Z', 'final', '2026-10-12 10:00'],
      ['2026-10-10T00:00:00.000Z', 'draft', ''],
    ]);
    const again = finalizeRun(parseRunsTab({ name: 'Runs', rows: tab.rows }), '2026-Q3', 'later');
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(again.message.en).toBe('Period 2026-Q3 is already final (finalized 2026-10-12 10:00); to change it, correct the data and compute again with confirmation (--force on the command line)');
  });
  test('finalizePeriod writes back nothing when refused', () => {
    expect(finalizePeriod(undefined, '2026-Q3', 'T', 'en')).toMatchObject({ ok: false, tab: null });
  });
});

describe('checkFinal', () => {
  const d0 = dataset();
  const fp0 = fingerprintInputs(d0, { id: 'smile-cards' });
  const run = makeRun({ now: 't0', period: '2026-Q3', scheme: 'smile-cards', schemeVersion: '1', fingerprint: fp0, result: result() });
  const draftLog = parseRunsTab({ name: 'Runs', rows: appendRun(parseRunsTab(undefined), run, 'en').rows });
  const finalLog = finalizeRun(draftLog, '2026-Q3', '2026-10-12T10:00:00Z').log;
  const d1 = dataset();
  d1.tabNames.feedback = '客户反馈';
  d1.feedback[0] = { ...d1.feedback[0], rating: 'below' };
  const fp1 = fingerprintInputs(d1, { id: 'smile-cards' });

  test('a draft period may be computed', () => {
    expect(checkFinal(draftLog, '2026-Q3', fp1, false)).toMatchObject({ allowed: true, changedTabs: [], message: null });
  });
  test('a final period is refused and the changed tab is named as written', () => {
    const c = checkFinal(finalLog, '2026-Q3', fp1, false);
    expect(c.allowed).toBe(false);
    expect(c.changedTabs).toEqual(['客户反馈']);
    expect(c.message!.en).toBe('Period 2026-Q3 is final (finalized 2026-10-12 10:00); inputs changed since: 客户反馈. Nothing was written; to replace the final results, confirm and compute again (--force on the command line)');
    expect(c.message!.zh).toBe('期间 2026-Q3 已定稿（2026-10-12 10:00），定稿后以下工作表有改动：客户反馈。未写入任何内容；如需覆盖定稿结果，请确认后重新计算（命令行加 --force）');
  });
  test('refused even when nothing changed', () => {
    const c = checkFinal(finalLog, '2026-Q3', fp0, false);
    expect(c).toMatchObject({ allowed: false, changedTabs: [] });
    expect(c.message!.en).toContain('its inputs have not changed');
  });
  test('force allows it and still names the changes', () => {
    const c = checkFinal(finalLog, '2026-Q3', fp1, true);
    expect(c.allowed).toBe(true);
    expect(c.changedTabs).toEqual(['客户反馈']);
    expect(c.message!.en).toBe('Recomputed final period 2026-Q3 as confirmed (inputs changed since: 客户反馈); the new results stay final; the changes against the final results are listed in the Changes 2026-Q3 tab');
  });
  test('another period is not affected', () => {
    expect(checkFinal(finalLog, '2026-Q4', fp1, false).allowed).toBe(true);
  });
  test('a final run with damaged fingerprints: still refused, says changes cannot be told', () => {
    const l = parseRunsTab({ name: 'Runs', rows: [['Period', 'Status', 'Tab fingerprints'], ['2026-Q3', 'final', 'x']] });
    const c = checkFinal(l, '2026-Q3', fp1, false);
    expect(c).toMatchObject({ allowed: false, changedTabs: [], changesKnown: false });
    expect(c.message!.en).toContain('cannot be told');
  });
  test('a final run recorded in format 1: still refused, says the format changed instead of naming every tab', () => {
    // As written by the previous version: FNV-1a hashes, no prefix (test/fixtures/runs/runs-tab-zh.json has more).
    const v1: RawTab = { name: 'Runs', rows: [
      ['Time', 'Period', 'Status', 'Input fingerprint', 'Tab fingerprints', 'Finalized at'],
      ['t0', '2026-Q3', 'final', '0123456789abcdef', 'feedback=00000000000000aa;scheme=00000000000000cc;staff=00000000000000bb', 't1'],
    ] };
    const log = parseRunsTab(v1);
    expect(log.diagnostics).toEqual([]);
    expect(runsOf(log)[0]).toMatchObject({ fingerprintFormat: 1, fingerprint: '0123456789abcdef', tabs: { feedback: '00000000000000aa' } });
    const c = checkFinal(log, '2026-Q3', fp0, false);
    expect(c).toMatchObject({ allowed: false, changedTabs: [], changesKnown: false, formatChanged: true });
    expect(c.message!.en).toBe('Period 2026-Q3 is final (finalized t1); the fingerprint format changed since it was finalized, so which inputs changed cannot be told. Nothing was written; to replace the final results, confirm and compute again (--force on the command line)');
    expect(c.message!.zh).toContain('定稿后指纹格式已变更，无法判断哪些输入有改动');
    const forced = checkFinal(log, '2026-Q3', fp0, true);
    expect(forced).toMatchObject({ allowed: true, changedTabs: [], formatChanged: true });

    // Through the orchestrator's gate: one located warning, refused without force, a final row recorded with force.
    const g = gateCompute(v1, d0, { id: 'smile-cards' }, '2026-Q3', false);
    expect(g.allowed).toBe(false);
    expect(g.diagnostics.map((d) => [d.severity, d.code, d.tab, d.row, d.column, d.value])).toEqual([
      ['warning', 'runs_fingerprint_format', 'Runs', 2, 'Tab fingerprints', 'feedback=00000000000000aa;scheme=00000000000000cc;staff=00000000000000bb'],
    ]);
    const gf = gateCompute(v1, d0, { id: 'smile-cards' }, '2026-Q3', true);
    expect(gf.allowed).toBe(true);
    expect(gf.diagnostics.map((d) => d.code)).toEqual(['runs_fingerprint_format', 'final_recomputed']);
    const w = recordCompute(gf, result(), { now: 't2', scheme: 'smile-cards', schemeVersion: '1', lang: 'en' });
    const rows = w.runs.rows;
    expect(rows[2][2]).toBe('final');
    expect(rows[2][11]).toBe(formatTabFingerprints(fp0.tabs));
    expect(rows[2][10]).toBe(fp0.overall);
    // The new final row is in today's format: the next check against it names changes again.
    const again = checkFinal(parseRunsTab({ name: 'Runs', rows }), '2026-Q3', fp1, false);
    expect(again).toMatchObject({ allowed: false, changedTabs: ['客户反馈'], formatChanged: false, changesKnown: true });
  });
  test('a format-1 draft row needs no warning (only a final run is compared)', () => {
    const v1: RawTab = { name: 'Runs', rows: [['Period', 'Status', 'Tab fingerprints'], ['2026-Q3', 'draft', 'staff=00000000000000bb']] };
    expect(gateCompute(v1, d0, { id: 'smile-cards' }, '2026-Q3', false)).toMatchObject({ allowed: true, diagnostics: [] });
  });
  test('a tab that disappeared is named by its default name', () => {
    const d2 = dataset();
    delete d2.tabNames.incidents;
    const c = checkFinal(finalLog, '2026-Q3', fingerprintInputs(d2, { id: 'smile-cards' }), false);
    expect(c.changedTabs).toEqual(['Incidents']);
    expect(c.message!.zh).toContain('奖惩记录');
  });
});

describe('Changes view', () => {
  const before: FullSnapshot = {
    kind: 'full',
    awards: [
      { award: 'service_star', staffId: 'S01', amountFen: 80000 },
      { award: 'service_star_manager', staffId: 'M1', amountFen: 40000 },
    ],
    stars: [{ staffId: 'S01', stars: 4, bonusFen: 60000 }, { staffId: 'S02', stars: 3, bonusFen: 30000 }],
    penalties: [{ staffId: 'S07', action: 'standby_training', window: '2026-08', amountFen: 0 }],
  };
  test('nothing changed: headed tab with one "no changes" row', () => {
    const tab = diffResults(before, before, { periodId: '2026-Q3', lang: 'en', previousTime: 't0' });
    expect(tab.name).toBe('Changes 2026-Q3');
    expect(tab.kind).toBe('changes');
    expect(tab.rows).toEqual([
      ['Change', 'Staff ID', 'Name', 'Item', 'Amount before', 'Amount after', 'Difference', 'Stars before', 'Stars after', 'Compared with run'],
      ['no changes', null, null, null, null, null, null, null, null, 't0'],
    ]);
    expect(tab.formats).toHaveLength(10);
  });
  test('first run of a period', () => {
    const tab = diffResults(undefined, before, { periodId: '2026-Q3', lang: 'zh' });
    expect(tab.name).toBe('变更 2026-Q3');
    expect(tab.rows[1][0]).toBe('本期间首次计算');
  });
  test('award moved from S01 to S02, a manager paid twice, stars and a penalty changed', () => {
    const after: FullSnapshot = {
      kind: 'full',
      awards: [
        { award: 'service_star', staffId: 'S02', amountFen: 80000 },
        { award: 'service_star_manager', staffId: 'm1', amountFen: 40000 },
        { award: 'service_star_manager', staffId: 'm1', amountFen: 40000 },
      ],
      stars: [{ staffId: 'S01', stars: 5, bonusFen: 100000 }, { staffId: 'S02', stars: 3, bonusFen: 30000 }],
      penalties: [],
    };
    const names = new Map([['s01', '李娜'], ['s02', '王强']]);
    const tab = diffResults(before, after, { periodId: '2026-Q3', lang: 'en', previousTime: 't0', names });
    expect(tab.rows.slice(1)).toEqual([
      ['award lost', 'S01', '李娜', 'service_star', 800, null, -800, null, null, 't0'],
      ['award gained', 'S02', '王强', 'service_star', null, 800, 800, null, null, 't0'],
      ['amount changed', 'm1', '', 'service_star_manager (×1 → ×2)', 400, 800, 400, null, null, 't0'],
      ['stars changed', 'S01', '李娜', 'star bonus', 600, 1000, 400, 4, 5, 't0'],
      ['penalty removed', 'S07', '', 'standby training 2026-08', 0, null, 0, null, null, 't0'],
    ]);
  });
  test('amounts keep fen exactly (1,333.34 → 1,333.33)', () => {
    const a: FullSnapshot = { kind: 'full', awards: [{ award: 'referral', staffId: 'S03', amountFen: 133334 }], stars: [], penalties: [] };
    const b: FullSnapshot = { kind: 'full', awards: [{ award: 'referral', staffId: 'S03', amountFen: 133333 }], stars: [], penalties: [] };
    expect(diffResults(a, b, { periodId: '2026-Q3', lang: 'zh' }).rows[1].slice(0, 7))
      .toEqual(['金额变动', 'S03', '', 'referral', 1333.34, 1333.33, -0.01]);
    expect(compareSnapshots(a, b)).toHaveLength(1);
  });
  test('previous result only as a digest: equal says no changes, different gives counts', () => {
    const digest = decodeSnapshot(encodeSnapshot(before, 10))!;
    expect(diffResults(digest, before, { periodId: '2026-Q3', lang: 'en' }).rows[1][0]).toBe('no changes');
    const fewer = { ...before, awards: before.awards.slice(0, 1) };
    const row = diffResults(digest, fewer, { periodId: '2026-Q3', lang: 'en' }).rows[1];
    expect(row[0]).toBe('changed, not itemised (previous result too large to keep)');
    expect(row[3]).toBe('awards 2 → 1; stars 2 → 2; penalties 1 → 1');
  });
  test('previous snapshot damaged', () => {
    expect(diffResults(null, before, { periodId: '2026-Q3', lang: 'en' }).rows[1][0])
      .toBe('previous result not recorded: changes cannot be listed');
  });
});

describe('gateCompute and recordCompute (the orchestrator path)', () => {
  const scheme = { id: 'smile-cards' };
  const r1 = result({ awards: [award('service_star', 'S01', 800)], totals: { paid: 800, by_award: { service_star: 800 } } });
  const r2 = result({ awards: [award('service_star', 'S02', 800)], totals: { paid: 800, by_award: { service_star: 800 } } });
  const opts = { scheme: 'smile-cards', schemeVersion: '1', lang: 'en' as const };

  test('compute → finalize → edit → refused → force → Changes shows the moved award', () => {
    const g1 = gateCompute(undefined, dataset(), scheme, '2026-Q3', false);
    expect(g1.allowed).toBe(true);
    const w1 = recordCompute(g1, r1, { ...opts, now: 't1' });
    expect(w1.changes.rows[1][0]).toBe('first run of this period');
    expect(w1.runs.rows).toHaveLength(2);

    const fin = finalizePeriod({ name: 'Runs', rows: w1.runs.rows }, '2026-Q3', 't2', 'en');
    expect(fin.ok).toBe(true);
    const runsTab: RawTab = { name: 'Runs', rows: fin.tab!.rows };

    const edited = dataset();
    edited.feedback[0] = { ...edited.feedback[0], rating: 'below' };
    const g2 = gateCompute(runsTab, edited, scheme, '2026-Q3', false);
    expect(g2.allowed).toBe(false);
    expect(g2.changedTabs).toEqual(['Feedback']);

    const g3 = gateCompute(runsTab, edited, scheme, '2026-Q3', true);
    expect(g3.allowed).toBe(true);
    const w3 = recordCompute(g3, r2, { ...opts, now: 't3' });
    expect(w3.changes.rows.slice(1).map((r) => [r[0], r[1], r[4], r[5], r[9]])).toEqual([
      ['award lost', 'S01', 800, null, 't1'],
      ['award gained', 'S02', null, 800, 't1'],
    ]);
    expect(w3.runs.rows.map((r) => [r[0], r[2], r[12], r[13]])).toEqual([
      ['Time', 'Status', 'Finalized at', 'Note'],
      ['t1', 'final', 't2', ''],
      ['t3', 'final', 't3', 'final period recomputed as confirmed; changed tabs: Feedback'],
    ]);
    // The period stays closed: the next plain compute is refused again, now against the forced run.
    const g4 = gateCompute({ name: 'Runs', rows: w3.runs.rows }, edited, scheme, '2026-Q3', false);
    expect(g4).toMatchObject({ allowed: false, changedTabs: [] });
  });
  test('a draft period recomputed: draft row appended, Changes against the previous run', () => {
    const g1 = gateCompute(undefined, dataset(), scheme, '2026-Q3', false);
    const w1 = recordCompute(g1, r1, { ...opts, now: 't1' });
    const g2 = gateCompute({ name: 'Runs', rows: w1.runs.rows }, dataset(), scheme, '2026-Q3', undefined);
    expect(g2).toMatchObject({ allowed: true, forced: false, diagnostics: [] });
    const w2 = recordCompute(g2, r1, { ...opts, now: 't2' });
    expect(w2.runs.rows.map((r) => r[2])).toEqual(['Status', 'draft', 'draft']);
    expect(w2.changes.rows[1]).toEqual(['no changes', null, null, null, null, null, null, null, null, 't1']);
  });
  test('force on a period that is not final records a plain draft', () => {
    const g = gateCompute(undefined, dataset(), scheme, '2026-Q3', true);
    expect(g).toMatchObject({ allowed: true, forced: false, message: null });
    expect(recordCompute(g, r1, { ...opts, now: 't1' }).runs.rows[1][2]).toBe('draft');
  });
});

describe('properties', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  test('FNV-1a agrees with the BigInt reference on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => fnv1a64(s) === fnvRef(s)), { numRuns: 300 });
  });
  test('a row hashed piece by piece (updateCanonicalJson, hex8) equals FNV-1a of its canonical JSON, first 8 digits', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined),
      fc.boolean(), fc.date({ noInvalidDate: false }), fc.array(fc.oneof(fc.integer(), fc.string({ unit: 'binary', maxLength: 4 }), fc.constant(undefined)), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string({ unit: 'binary', maxLength: 4 }))));
    const row = fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), value, { maxKeys: 8 });
    const omit = new Set(['row', 'tab']);
    const hash = new Fnv64();
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), fc.boolean(), (rows, omitting) => rows.every((r) => {
      const text = omitting ? canonicalJson(r, omit) : canonicalJson(r);
      updateCanonicalJson(hash.reset(), r, omitting ? omit : undefined);
      return hash.hex8() === fnvRef(text).slice(0, 8) && new Fnv64().update(text).hex() === fnvRef(text);
    })), { numRuns: 500 });
    for (const v of [null, 'x', 1, [1, 'a'], new Date(0)]) {
      updateCanonicalJson(hash.reset(), v);
      expect(hash.hex8()).toBe(fnvRef(canonicalJson(v)).slice(0, 8));
    }
    // personRowsOf: per person (first-seen order) and tab (first-seen order), the sorted 8-digit hashes of the rows.
    const rowsOf = fc.array(fc.record({ staffKey: fc.constantFrom('s01', 's02', '', 'S10', '7'), date: fc.constantFrom('2026-07-01', '2026-08-02'),
      note: fc.string({ unit: 'binary', maxLength: 6 }), points: fc.oneof(fc.integer(), fc.constant(null)) }), { maxLength: 12 });
    fc.assert(fc.property(rowsOf, rowsOf, (fb, inc) => {
      const data = { feedback: fb.map((x, i) => ({ tab: 'F', row: i + 2, ...x })), incidents: inc.map((x, i) => ({ tab: 'I', row: i + 2, ...x })),
        attendance: [], reviews: [], cases: [], redemptions: [] } as unknown as Dataset;
      const expected: Record<string, Record<string, string[]>> = {};
      for (const tab of ['feedback', 'incidents'] as const) {
        for (const x of data[tab] as unknown as { staffKey: string }[]) {
          if (x.staffKey) ((expected[x.staffKey] ??= {})[tab] ??= []).push(fnvRef(canonicalJson(x, omit)).slice(0, 8));
        }
      }
      for (const k of Object.keys(expected)) for (const t of Object.keys(expected[k])) expected[k][t].sort();
      return JSON.stringify(personRowsOf(data)) === JSON.stringify(expected);
    }), { numRuns: 200 });
    const r = { tab: 'T', row: 2, date: '2026-07-05', staffKey: 's01', note: 'a"b\\c\n😀\ud800', points: -0, amount: Infinity, x: undefined };
    updateCanonicalJson(hash.reset(), r, omit);
    expect(hash.hex8()).toBe(fnvRef(canonicalJson(r, omit)).slice(0, 8));
  });
  test('editing any field of any row changes that tab\'s hash and no other; duplicating or dropping a row too', () => {
    const base = dataset();
    base.incidents = [{ tab: 'Incidents', row: 2, date: '2026-07-05', staffKey: 's01', type: 'anger_card', points: 1, amount: null, note: '' }];
    const before = fingerprintInputs(base, { id: 'x' });
    const field = fc.constantFrom(...(['staff', 'feedback', 'incidents'] as const).flatMap((tab) =>
      REF_FIELDS[tab].map((f) => [tab, f] as const)));
    const other = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer(), fc.double({ noNaN: true }), fc.constant(null), fc.boolean());
    fc.assert(fc.property(field, fc.nat(), other, fc.constantFrom('edit', 'duplicate', 'drop'), ([tab, f], k, v, what) => {
      const d = dataset();
      d.incidents = base.incidents.map((r) => ({ ...r }));
      const rows = d[tab] as unknown as Record<string, unknown>[];
      const i = k % rows.length;
      if (what === 'edit') {
        const old = rows[i][f];
        if (Object.is(old, v) || (old === null && v === null) || (typeof v === 'number' && v === 0 && old === 0)) return true;
        rows[i] = { ...rows[i], [f]: v };
      } else if (what === 'duplicate') rows.push({ ...rows[i], row: 99 });
      else rows.splice(i, 1);
      const after = fingerprintInputs(d, { id: 'x' });
      return after.overall !== before.overall && changedTabIds(before.tabs, after.tabs).join() === tab;
    }), { numRuns: 300 });
  });
  test('any permutation of any tab\'s rows leaves the fingerprint unchanged', () => {
    const base = dataset();
    fc.assert(fc.property(fc.shuffledSubarray(base.feedback, { minLength: 3, maxLength: 3 }),
      fc.shuffledSubarray(base.staff, { minLength: 2, maxLength: 2 }), (fb, st) => {
        const d = { ...dataset(), feedback: fb, staff: st };
        return fingerprintInputs(d).overall === fingerprintInputs(base).overall;
      }), { numRuns: 50 });
  });
});

describe('runFinalize on a host (what the sidebar and task pane call)', () => {
  /** A workbook in memory that records what was written. */
  function memoryHost(tabs: RawTab[]): SyncWorkbookHost & { written: OutputTab[] } {
    const written: OutputTab[] = [];
    return {
      written,
      listTabs: () => tabs.map((t) => t.name),
      readTabs: (names) => tabs.filter((t) => names.includes(t.name)),
      writeTabs: (out) => { written.push(...out); },
    };
  }
  const staff: RawTab = { name: '员工', rows: [['工号', '姓名']] };
  const runsRows = appendRun(parseRunsTab(undefined), makeRun({
    now: 't1', period: '2026-Q3', scheme: 'smile-cards', schemeVersion: 'v1', fingerprint: fingerprintInputs(dataset()), result: result(),
  }), 'zh').rows;

  test('marks the period final and writes only the Runs tab, in the workbook language', () => {
    const host = memoryHost([staff, { name: '运行记录', rows: runsRows }]);
    const out = runFinalizeSync(host, '2026-Q3', 't2');
    expect(out.status).toBe('final');
    expect(out.lang).toBe('zh');
    expect(out.message.zh).toBe('期间 2026-Q3 已定稿（依据 t1 的计算结果）。之后再计算会被拒绝；如需改动，请改正数据并确认重新计算（命令行加 --force）：新结果仍为定稿，变更见“变更 2026-Q3”表');
    expect(host.written.map((t) => t.name)).toEqual(['运行记录']);
    expect(host.written[0].rows[1][2]).toBe('定稿');
  });
  test('already final: says so and writes nothing', () => {
    const finalRows = buildRunsTab(finalizeRun(parseRunsTab({ name: '运行记录', rows: runsRows }), '2026-Q3', 't2').log, 'zh').rows;
    const host = memoryHost([staff, { name: '运行记录', rows: finalRows }]);
    const out = runFinalizeSync(host, '2026-Q3', 't3');
    expect(out.status).toBe('final');
    expect(out.message.en).toBe('Period 2026-Q3 is already final (finalized t2); to change it, correct the data and compute again with confirmation (--force on the command line)');
    expect(host.written).toEqual([]);
  });
  test('never computed is refused; a bad period is fatal; nothing written', async () => {
    const host = memoryHost([staff]);
    const asyncHost = {
      listTabs: async () => host.listTabs(), readTabs: async (n: string[]) => host.readTabs(n),
      writeTabs: async (t: OutputTab[]) => host.writeTabs(t),
    };
    expect((await runFinalize(asyncHost, '2026-Q3', 't')).status).toBe('refused');
    expect((await runFinalize(asyncHost, '2026-Q7', 't')).status).toBe('fatal');
    expect(host.written).toEqual([]);
  });
});
