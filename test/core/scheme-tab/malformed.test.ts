/**
 * Malformed edits of the Scheme tab: each one is reported at its cell — tab,
 * row as the user sees it, column as written, the value, a stable code — with a
 * message that names the block, row and column ("Awards, row 14, column Quota:
 * “ten” is not a number"). Errors stop the scheme (never a silent default);
 * warnings (unknown block, column or setting, an unused cell) do not.
 */
import { getPreset } from '../../../core/presets/index';
import { readSchemeTab, renderSchemeRows } from '../../../core/scheme-tab/index';
import { resolveScheme } from '../../../core/scheme/resolve';
import type { Cell, Diagnostic, Lang } from '../../../core/types';
import { blockIndex, blockRows, cellAt, copyRows, setCell, type Rows } from './helpers';

interface Expect {
  code: string;
  severity: 'error' | 'warning';
  row: number;
  column: string;
  value?: string;
  /** The start of the English message (block, row, column). */
  en: string;
  /** A part of the Chinese message. */
  zh?: string;
}

interface Case {
  name: string;
  preset: string;
  lang: Lang;
  edit: (rows: Rows) => Expect;
}

const base = (preset: string, lang: Lang): Rows => copyRows(renderSchemeRows(getPreset(preset), lang));

/** Set one cell of a table and expect a problem at it. */
function cell(title: string, key: Cell, column: string, value: Cell, code: string, extra: Partial<Expect> = {}, n = 0) {
  return (rows: Rows): Expect => {
    const row = setCell(rows, title, key, column, value, n);
    return { code, severity: 'error', row, column, value: value === null ? '' : String(value), ...extra, en: extra.en ? extra.en.replace(/row \d+/, `row ${row}`) : `${title}, row ${row}, column ${column}: ` };
  };
}

/** Set the value of a setting (key/value block) and expect a problem at it. */
function setting(title: string, key: string, value: Cell, code: string, extra: Partial<Expect> = {}) {
  return (rows: Rows): Expect => {
    const header = rows[blockIndex(rows, title) + 1];
    const valueHeader = String(header[1]);
    const row = setCell(rows, title, key, valueHeader, value);
    return { code, severity: 'error', row, column: valueHeader, value: value === null ? '' : String(value), en: `${title}, row ${row}, column ${valueHeader} (${key}): `, ...extra };
  };
}

const CASES: Case[] = [
  { name: 'a quota that is a word', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Quota', 'ten', 'not_a_number', { en: 'Awards, row 24, column Quota: “ten” is not a number' }) },
  { name: 'a negative quota', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Quota', -1, 'out_of_range', { en: 'Awards, row 24, column Quota: “-1” must be at least 0' }) },
  { name: 'a quota of 1.5 people', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Quota', 1.5, 'not_an_integer') },
  { name: 'an amount with three decimals', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Amount each', '800.125', 'bad_decimals') },
  { name: 'an amount that is not money', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Amount each', 'a lot', 'not_a_number') },
  { name: 'a negative amount', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Amount each', -800, 'out_of_range') },
  { name: 'an unknown cadence', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Cadence', 'weekly', 'unknown_value', { en: 'Awards, row 24, column Cadence: “weekly” is not one of: month, quarter, half, year' }) },
  { name: 'ranking by a measure that does not exist', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'Rank by', 'smiles', 'scheme_unknown_measure') },
  { name: 'an award id with spaces and capitals', preset: 'smile-cards', lang: 'en', edit: cell('Awards', 'service_star', 'ID', 'Service Star', 'bad_id') },
  { name: 'a pool without its budget', preset: 'smile-cards', lang: 'en', edit: (rows) => { const row = setCell(rows, 'Awards', 'service_star', 'Prize kind', 'pool'); return { code: 'missing_value', severity: 'error', row, column: 'Pool budget', value: '', en: `Awards, row ${row}, column Pool budget: a value is required` }; } },
  { name: 'an unknown measure kind', preset: 'smile-cards', lang: 'en', edit: cell('Measures', 'smile_cards', 'Kind', 'rowz', 'unknown_value') },
  { name: 'a value map without arrows', preset: 'smile-cards', lang: 'en', edit: cell('Measures', 'smile_cards', 'Value map', 'exceeded 2', 'bad_map') },
  { name: 'a value map with a word for a number', preset: 'smile-cards', lang: 'en', edit: cell('Measures', 'smile_cards', 'Value map', 'exceeded→two', 'not_a_number') },
  { name: 'a requirement compared with an unknown measure', preset: 'smile-cards', lang: 'en', edit: cell('Award requirements', 'service_star', 'Value', 'abc', 'scheme_unknown_measure') },
  { name: 'a requirement of an award that does not exist', preset: 'smile-cards', lang: 'en', edit: cell('Award requirements', 'service_star', 'Award', 'nobody', 'unknown_parent', { value: 'nobody' }) },
  { name: 'a requirement naming no award', preset: 'smile-cards', lang: 'en', edit: cell('Award requirements', 'service_star', 'Award', null, 'missing_parent', {}, 1) },
  { name: 'a fine that is not money', preset: 'smile-cards', lang: 'en', edit: cell('Penalties', 'standby_training', 'Fine', 'x', 'not_a_number') },
  { name: 'an unknown penalty window', preset: 'smile-cards', lang: 'en', edit: cell('Penalties', 'standby_training', 'Window', 'fortnight', 'unknown_value') },
  { name: 'a spreadsheet error in a threshold', preset: 'smile-cards', lang: 'en', edit: cell('Penalties', 'standby_training', 'Threshold', '#N/A', 'error_value') },
  { name: 'a gate switch that is neither yes nor no', preset: 'star-rating', lang: 'en', edit: cell('Gates', 'violation', 'Enabled', 'maybe', 'not_a_boolean', { en: 'Gates, row 44, column Enabled: “maybe” is not yes or no' }) },
  { name: 'six stars', preset: 'star-rating', lang: 'en', edit: cell('Star bands', 90, 'Stars', 6, 'out_of_range') },
  { name: 'a star bonus that is not money', preset: 'star-rating', lang: 'en', edit: cell('Star bands', 80, 'Bonus', 'six hundred', 'not_a_number') },
  { name: 'a negative weight', preset: 'star-rating', lang: 'en', edit: cell('Score components', 'customer', 'Weight', -5, 'out_of_range') },
  { name: 'a component with neither measure nor parts', preset: 'star-rating', lang: 'en', edit: cell('Score components', 'customer', 'Measure', null, 'measure_or_parts') },
  { name: 'a normalisation from 5 to 5', preset: 'star-rating', lang: 'en', edit: (rows) => { setCell(rows, 'Score components', 'customer', 'Fallback normalize from', 5); const row = setCell(rows, 'Score components', 'customer', 'Fallback normalize to', 5); return { code: 'bad_range', severity: 'error', row, column: 'Fallback normalize to', value: '5', en: `Score components, row ${row}, column Fallback normalize to: ` }; } },
  { name: 'a negative deduction', preset: 'star-rating', lang: 'en', edit: cell('Deductions', 'errors', 'Points each', -5, 'out_of_range') },
  { name: 'a deduction on an unknown measure', preset: 'star-rating', lang: 'en', edit: cell('Deductions', 'errors', 'Measure', 'mistakes', 'scheme_unknown_measure', { value: 'mistakes' }) },
  { name: 'an unknown level', preset: 'weighted-quarterly', lang: 'en', edit: cell('Gates', 'level_excluded', 'Levels in', 'boss', 'unknown_value') },
  { name: 'an award using a gate that does not exist', preset: 'weighted-quarterly', lang: 'en', edit: cell('Awards', 'quarter_star', 'Gates', 'not_regular, no_such_gate', 'scheme_unknown_gate') },
  { name: 'a tie-break on an unknown measure', preset: 'weighted-quarterly', lang: 'en', edit: cell('Tie-breaks', 'quarter_star', 'Measure', 'votes', 'scheme_unknown_measure') },
  { name: 'two awards with the same id', preset: 'service-star-budget', lang: 'en', edit: cell('Awards', 'referral', 'ID', 'service_star', 'scheme_duplicate_id') },
  { name: 'a points rule on a measure the ledger cannot date', preset: 'surprise-points', lang: 'en', edit: (rows) => {
    const at = cellAt(rows, 'Measures', 'high_scores', 'Aggregate');
    rows[at.r][at.c] = 'mean';
    const field = cellAt(rows, 'Measures', 'high_scores', 'Field');
    rows[field.r][field.c] = 'score';
    const row = setCell(rows, 'Points rules', 'high_score_feedback', 'Measure', 'high_scores');
    return { code: 'scheme_points_measure', severity: 'error', row, column: 'Measure', value: 'high_scores', en: `Points rules, row ${row}, column Measure: ` };
  } },
  { name: 'probation in words', preset: 'smile-cards', lang: 'en', edit: setting('Settings', 'Probation (months)', 'three', 'not_a_number', { en: 'Settings, row ' }) },
  { name: 'a blank cadence', preset: 'smile-cards', lang: 'en', edit: setting('Settings', 'Default cadence', null, 'missing_value') },
  { name: 'probation of 30 months', preset: 'smile-cards', lang: 'en', edit: setting('Settings', 'Probation (months)', 30, 'out_of_range') },
  { name: 'an unknown required tab', preset: 'smile-cards', lang: 'en', edit: setting('Settings', 'Required tabs', 'staff, payroll', 'unknown_value') },
  {
    name: 'Chinese: a quota written in words', preset: 'smile-cards', lang: 'zh',
    edit: (rows) => {
      const row = setCell(rows, '奖项', 'service_star', '名额', '十个');
      return { code: 'not_a_number', severity: 'error', row, column: '名额', value: '十个', en: `Awards, row ${row}, column Quota: “十个” is not a number`, zh: `「方案」「奖项」第 ${row} 行「名额」列：“十个”不是数字` };
    },
  },
  {
    name: 'Chinese: an unknown scope', preset: 'weighted-quarterly', lang: 'zh',
    edit: (rows) => {
      const row = setCell(rows, '奖项', 'quarter_star', '评选范围', '全国');
      return { code: 'unknown_value', severity: 'error', row, column: '评选范围', value: '全国', en: `Awards, row ${row}, column Scope: `, zh: '“全国”不是可选值：公司、部门、组别' };
    },
  },
  // Warnings: reported, not fatal.
  {
    name: 'an unknown block', preset: 'smile-cards', lang: 'en',
    edit: (rows) => {
      rows.push([], ['■ Bonus rules'], ['Rule', 'Amount'], ['extra', 5]);
      return { code: 'unknown_block', severity: 'warning', row: rows.length - 2, column: '', value: '■ Bonus rules', en: `Scheme, row ${rows.length - 2}: unknown block "Bonus rules"` };
    },
  },
  {
    name: 'an unknown column', preset: 'smile-cards', lang: 'en',
    edit: (rows) => {
      const t = blockIndex(rows, 'Awards');
      rows[t + 1] = [...rows[t + 1], 'Remarks'];
      return { code: 'unknown_column', severity: 'warning', row: t + 2, column: 'Remarks', value: 'Remarks', en: `Awards, row ${t + 2}: unknown column "Remarks"` };
    },
  },
  {
    name: 'an unknown setting', preset: 'smile-cards', lang: 'en',
    edit: (rows) => {
      const last = blockRows(rows, 'Settings').at(-1)!;
      rows.splice(last + 1, 0, ['Colour', 'blue']);
      return { code: 'unknown_setting', severity: 'warning', row: last + 2, column: 'Colour', value: 'Colour', en: `Settings, row ${last + 2}: unknown setting "Colour"` };
    },
  },
  {
    name: 'a cell another kind uses', preset: 'weighted-quarterly', lang: 'en',
    edit: (rows) => {
      const row = setCell(rows, 'Gates', 'not_regular', 'Min tenure (months)', 6);
      return { code: 'unused_cell', severity: 'warning', row, column: 'Min tenure (months)', value: '6', en: `Gates, row ${row}, column Min tenure (months): not used when the kind is "regular"` };
    },
  },
  {
    name: 'a block twice', preset: 'smile-cards', lang: 'en',
    edit: (rows) => {
      rows.push([], ['■ Flags'], ['ID']);
      return { code: 'duplicate_block', severity: 'warning', row: rows.length - 1, column: '', value: '■ Flags', en: `Scheme, row ${rows.length - 1}: block "Flags" appears twice` };
    },
  },
  {
    name: 'weights that do not sum to 100 (rescaling shown)', preset: 'star-rating', lang: 'en',
    edit: (rows) => {
      const row = setCell(rows, 'Score components', 'customer', 'Weight', 60);
      return {
        code: 'weights_rescaled', severity: 'warning', row, column: 'Weight', value: '110',
        en: `Score components, row ${row}, column Weight: The weights of score components sum to 110; rescaled to 100: Customer 60 → 54.55, Supervisor 30 → 27.27, Self 20 → 18.18`,
      };
    },
  },
];

function describeDiagnostic(d: Diagnostic): string {
  return `${d.severity} ${d.code} row ${d.row} [${d.column}] "${d.value}" — ${d.message.en}`;
}

describe('malformed Scheme tab edits are located', () => {
  test('there are at least 25 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rows = base(c.preset, c.lang);
    const want = c.edit(rows);
    const tabName = c.lang === 'zh' ? '方案' : 'Scheme';
    const read = readSchemeTab({ name: tabName, rows });
    const hit = read.diagnostics.find((d) => d.code === want.code && d.row === want.row && d.column === want.column);
    if (!hit) throw new Error(`expected ${want.code} at row ${want.row} [${want.column}]; got:\n${read.diagnostics.map(describeDiagnostic).join('\n')}`);
    expect(hit.severity).toBe(want.severity);
    expect(hit.tab).toBe(tabName);
    if (want.value !== undefined) expect(hit.value).toBe(want.value);
    expect(hit.message.en.startsWith(want.en)).toBe(true);
    if (want.zh) expect(hit.message.zh).toContain(want.zh);
    expect(hit.message.zh.startsWith(`「${tabName}」`)).toBe(true);
    // Errors stop the scheme; warnings alone do not.
    if (want.severity === 'error') expect(read.scheme).toBeNull();
    else expect(read.scheme).not.toBeNull();
  });

  test('a cell problem is reported once (its validation issue is not repeated)', () => {
    const rows = base('smile-cards', 'en');
    const row = setCell(rows, 'Awards', 'service_star', 'Quota', 'ten');
    const read = readSchemeTab({ name: 'Scheme', rows });
    expect(read.diagnostics.filter((d) => d.row === row).map((d) => d.code)).toEqual(['not_a_number']);
  });

  test('an empty tab or one without any block is one clear error', () => {
    for (const rows of [[], [['hello'], ['world', 1]]] as Rows[]) {
      const read = readSchemeTab({ name: 'Scheme', rows });
      expect(read.scheme).toBeNull();
      expect(read.diagnostics.find((d) => d.severity === 'error')!.code).toBe('scheme_tab_empty');
    }
  });

  test('a table without its header row', () => {
    const rows = base('smile-cards', 'en');
    const t = blockIndex(rows, 'Tie-breaks');
    rows.splice(t + 1, 1);
    const read = readSchemeTab({ name: 'Scheme', rows });
    const d = read.diagnostics.find((x) => x.code === 'missing_header')!;
    expect(d.row).toBe(t + 2);
    expect(d.message.en).toBe(`Tie-breaks, row ${t + 2}: the header row is missing (the row under a block title names the columns)`);
    expect(read.scheme).toBeNull();
  });

  test('the workbook path: resolveScheme reads the tab, locates problems with the tab name and stops with one message', () => {
    const rows = base('smile-cards', 'zh');
    const row = setCell(rows, '奖项', 'service_star', '名额', '十个');
    const r = resolveScheme([{ name: '方案', rows }], 'smile-cards');
    expect(r.source).toBe('tab');
    expect(r.scheme).toBeNull();
    expect(r.diagnostics.find((d) => d.code === 'not_a_number')).toMatchObject({ tab: '方案', row, column: '名额', value: '十个' });
    expect(r.fatal!.message.zh).toContain(`第 ${row} 行「名额」列：“十个”不是数字`);
  });

  test('resolveScheme: a row the reader cannot use stops the scheme even though the rest validates', () => {
    const rows = base('smile-cards', 'en');
    setCell(rows, 'Award requirements', 'service_star', 'Award', 'nobody');
    const r = resolveScheme([{ name: 'Scheme', rows }], 'smile-cards');
    expect(r.scheme).toBeNull();
    expect(r.fatal).not.toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toContain('unknown_parent');
  });

  test('resolveScheme with a clean tab: the tab is in force, not the preset named', () => {
    const rows = base('smile-cards', 'en');
    setCell(rows, 'Awards', 'service_star', 'Amount each', '1,000.00');
    const r = resolveScheme([{ name: 'scheme', rows }], 'star-rating');
    expect(r.source).toBe('tab');
    expect(r.tabName).toBe('scheme');
    expect(r.scheme!.id).toBe('smile-cards');
    expect(r.scheme!.awards[0].prize).toEqual({ kind: 'fixed', amount: 1000 });
    expect(r.diagnostics).toEqual([]);
  });
});
