/**
 * The BUILT dist/apps-script/Code.js in a Node vm context, against an in-memory
 * fake of SpreadsheetApp / HtmlService / LockService / Utilities / Session that
 * records every call (test/apps-script/fake-gas.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_PATH, loadCode, makeEnv, SIDEBAR_STUB, type FakeEnv } from './fake-gas';
import { buildWorkbook, bulkFeedback, HYPERLINK_NAME } from './fixture';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

function setup(options: Parameters<typeof makeEnv>[0] = {}): { env: FakeEnv; gs: Record<string, (...args: unknown[]) => unknown> } {
  const env = makeEnv(options);
  const gs = loadCode(env);
  return { env, gs };
}

/** Deep walk: no Date and no undefined anywhere (google.script.run cannot carry them). */
function assertPlain(value: unknown, path = '$'): void {
  expect(value).not.toBeUndefined();
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    return;
  }
  expect(Object.prototype.toString.call(value)).not.toBe('[object Date]');
  for (const [k, v] of Object.entries(value as object)) {
    if (v === undefined) throw new Error(`undefined at ${path}.${k}`);
    assertPlain(v, `${path}.${k}`);
  }
}

describe('built bundle', () => {
  test('Code.js declares every entry point as a top-level function', () => {
    const code = readFileSync(CODE_PATH, 'utf8');
    for (const name of ['onOpen', 'onInstall', 'showSidebar', 'menuInsertTemplate', 'menuComputeLastQuarter', 'getState', 'compute', 'activateTab', 'finalize', 'insertTemplate', 'statement']) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    }
    expect(code).not.toMatch(/openById|UrlFetchApp|XMLHttpRequest|\bfetch\(/);
  });

  test('manifest: V8, the two scopes only, a time zone', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'apps-script', 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(typeof manifest.timeZone).toBe('string');
    // Uncaught errors may quote staff data: they must not go to our Cloud logs.
    expect(manifest.exceptionLogging).toBe('NONE');
  });

  test('.claspignore pushes only the three files', () => {
    const ignore = readFileSync(join(root, 'dist', 'apps-script', '.claspignore'), 'utf8').trim().split('\n');
    expect(ignore).toEqual(['**/**', '!Code.js', '!Sidebar.html', '!appsscript.json']);
    expect(existsSync(join(root, 'dist', 'apps-script', 'Sidebar.html'))).toBe(true);
  });
});

describe('menu and sidebar', () => {
  test('onOpen builds the add-on menu with the three items (Chinese user)', () => {
    const { env, gs } = setup({ userLocale: 'zh_CN' });
    gs.onOpen({ authMode: 'NONE' });
    expect(env.ui.menus).toEqual([[
      { caption: '打开服务之星', fn: 'showSidebar' },
      { caption: '插入模板…', fn: 'menuInsertTemplate' },
      { caption: '计算上一季度', fn: 'menuComputeLastQuarter' },
    ]]);
    // Nothing but the menu: onOpen may run in AuthMode.NONE.
    expect(env.log.calls.map((c) => c.method)).not.toContain('SpreadsheetApp.getActiveSpreadsheet');
  });

  test('onInstall builds the same menu in English for an English user', () => {
    const { env, gs } = setup({ userLocale: 'en_US' });
    gs.onInstall({ authMode: 'FULL' });
    expect(env.ui.menus[0].map((i) => i.caption)).toEqual(['Open Service Star', 'Insert template…', 'Compute last quarter']);
    expect(env.ui.menus[0].map((i) => i.fn)).toEqual(['showSidebar', 'menuInsertTemplate', 'menuComputeLastQuarter']);
  });

  test('showSidebar opens Sidebar.html with a title', () => {
    const { env, gs } = setup({ userLocale: 'en' });
    gs.showSidebar();
    expect(env.ui.sidebars).toEqual([{ file: 'Sidebar', title: 'Service Star', content: SIDEBAR_STUB }]);
  });

  test('activateTab brings the named tab to the front and returns null', () => {
    const { env, gs } = setup();
    buildWorkbook(env.ss);
    expect(gs.activateTab('Feedback')).toBeNull();
    expect(env.ss.active?.name).toBe('Feedback');
    expect(gs.activateTab('No such tab')).toBeNull();
  });
});

describe('getState', () => {
  test('missing Staff tab: the one clear message, plain JSON', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    env.ss.add('Feedback', [['date', 'staff_id', 'rating'], ['2026-07-01', 'S01', 'met']]);
    const state = gs.getState() as { blocking: { en: string; zh: string } | null; tabs: { name: string; rows: number }[]; lang: string };
    assertPlain(state);
    expect(state.lang).toBe('en');
    expect(state.blocking).not.toBeNull();
    expect(state.blocking!.en).toMatch(/Staff/);
    expect(state.tabs).toEqual([{ name: 'Feedback', kind: 'feedback', rows: 1 }]);
  });

  test('one getValues per input tab; row counts and today in the spreadsheet time zone', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    buildWorkbook(env.ss);
    env.ss.add('Notes', [['anything']]);
    const state = gs.getState() as { lang: string; today: string; tabs: { name: string; kind: string; rows: number }[] };
    assertPlain(state);
    expect(state.lang).toBe('zh');
    expect(state.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(state.tabs).toEqual([
      { name: 'Staff', kind: 'staff', rows: 7 },
      { name: 'Feedback', kind: 'feedback', rows: 9 },
      { name: 'Incidents', kind: 'incidents', rows: 1 },
    ]);
    expect(env.log.count('Range.getValues')).toBe(3);
  });
});

describe('lock', () => {
  test('a held document lock gives "already running" and writes nothing', () => {
    const { env, gs } = setup({ lockHeld: true, locale: 'en_US' });
    buildWorkbook(env.ss);
    const before = env.ss.sheets.map((s) => s.name);
    const summary = gs.compute({ period: '2026-Q3', preset: 'smile-cards' }) as { status: string; message: { en: string; zh: string } };
    assertPlain(summary);
    expect(summary.status).toBe('busy');
    expect(summary.message.en).toMatch(/already running/);
    expect(summary.message.zh).toMatch(/正在计算/);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(before);
    expect(env.log.count('Range.setValues')).toBe(0);
  });

  test('no document lock (not bound to a spreadsheet): a clear message, no write', () => {
    const { env, gs } = setup({ noDocumentLock: true, locale: 'en_US' });
    buildWorkbook(env.ss);
    const summary = gs.compute({ period: '2026-Q3' }) as { status: string; message: { en: string } };
    expect(summary.status).toBe('fatal');
    expect(summary.message.en).toMatch(/cannot be locked/);
    expect(env.log.count('Range.setValues')).toBe(0);
  });

  test('the lock is released after a compute, even one that fails', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    env.log.failOn('Range.setValues', 1);
    gs.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(env.lock.acquired).toBe(1);
    expect(env.lock.released).toBe(1);
    expect(env.lock.held).toBe(false);
  });
});

type Summary = { status: string; message: { en: string; zh: string } | null; outputs: { name: string; kind: string }[]; winners: { staffId: string; name: string; amount: number }[] };

function computeQ3(gs: Record<string, (...args: unknown[]) => unknown>, extra: Record<string, unknown> = {}): Summary {
  const s = gs.compute({ period: '2026-Q3', preset: 'smile-cards', ...extra }) as Summary;
  assertPlain(s);
  return s;
}

/** Every sheet's name and used area, for before/after comparisons. */
function snapshot(env: FakeEnv): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const s of env.ss.sheets) out[s.name] = s.dump().map((r) => r.map((c) => (c instanceof Date ? `D:${c.toISOString()}` : c)));
  return out;
}

describe('compute in place', () => {
  test('writes the period\'s output tabs with the hand-worked winners; inputs unchanged; no temporary sheet left', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    const inputsBefore = snapshot(env);
    const summary = computeQ3(gs);
    expect(summary.status).toBe('computed');
    expect(env.ss.sheets.map((s) => s.name)).toEqual([
      'Staff', 'Feedback', 'Incidents', 'Ranking 2026-Q3', 'Bonus 2026-Q3', 'Statements 2026-Q3', 'Data check 2026-Q3', 'Changes 2026-Q3', 'Runs',
    ]);
    expect(summary.outputs.map((o) => o.name)).toEqual(['Ranking 2026-Q3', 'Bonus 2026-Q3', 'Statements 2026-Q3', 'Data check 2026-Q3', 'Changes 2026-Q3', 'Runs']);
    const after = snapshot(env);
    for (const tab of ['Staff', 'Feedback', 'Incidents']) expect(after[tab]).toEqual(inputsBefore[tab]);

    // Smile Star per group (fixture.ts): S01 wins A with 6 smile cards, S04 wins B with 2;
    // each winner's manager (S06) and manager's manager (S07) get 400.00 once per winner.
    const bonus = env.ss.byName('Bonus 2026-Q3')!.dump();
    const head = bonus[0] as string[];
    const payments = bonus.filter((r) => r[0] === 'award' || r[0] === 'manager award')
      .map((r) => [r[head.indexOf('Staff ID')], r[head.indexOf('Amount')]]);
    expect(payments).toEqual([['S01', 800], ['S04', 800], ['S06', 400], ['S07', 400], ['S06', 400], ['S07', 400]]);
    expect(summary.winners.filter((w) => w.amount === 800).map((w) => [w.staffId, w.name])).toEqual([['S01', 'Alice'], ['S04', HYPERLINK_NAME]]);
    expect((summary as unknown as { totalPaid: number }).totalPaid).toBe(3200);

    // Formatting: frozen header, bold header, one width for every column, money format on Amount.
    const sheet = env.ss.byName('Bonus 2026-Q3')!;
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.bold.has('1,1')).toBe(true);
    expect(sheet.columnWidths.slice(1)).toEqual(new Array(head.length).fill(120));
    expect(sheet.formats.get(`2,${head.indexOf('Amount') + 1}`)).toBe('#,##0.00');
    expect(sheet.maxRows).toBe(bonus.length);
    // The fixture's only Incidents row (2026-10-02) is outside the quarter: SPEC §8 says so (issue 12, deliberate).
    const dc = env.ss.byName('Data check 2026-Q3')!;
    expect(dc.dump()).toEqual([['Severity', 'Tab', 'Row', 'Column', 'Value', 'Code', 'Message'],
      ['warning', 'Incidents', '', '', '2026-Q3', 'empty_window', "no rows in 2026-Q3: the tab's dates run from 2026-10-02 to 2026-10-02; check the period"]]);
    expect([dc.maxRows, dc.frozenRows]).toEqual([2, 1]);
  });

  test('a second Compute gives identical output tabs', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    computeQ3(gs);
    const first = snapshot(env);
    const order1 = env.ss.sheets.map((s) => s.name);
    computeQ3(gs);
    const second = snapshot(env);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(order1);
    for (const name of Object.keys(first)) {
      if (name === 'Runs' || name.startsWith('Changes ')) continue; // run history and its diff, by design
      expect(second[name]).toEqual(first[name]);
    }
  });

  test('host calls do not grow with the data: 100 and 100,000 feedback rows cost the same', () => {
    const run = (n: number): Record<string, number> => {
      const { env, gs } = setup({ locale: 'en_US' });
      buildWorkbook(env.ss, bulkFeedback(n));
      env.log.reset();
      const s = computeQ3(gs);
      expect(s.status).toBe('computed');
      return env.log.histogram();
    };
    const small = run(100);
    const large = run(100000);
    expect(large).toEqual(small);
    // One getValues per input tab (Staff, Feedback, Incidents), one setValues per output tab.
    expect(small['Range.getValues']).toBe(3);
    expect(small['Range.setNumberFormats']).toBe(small['Range.setValues']);
  }, 120000);

  test('a write that fails halfway leaves the previous output intact', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    computeQ3(gs);
    const before = snapshot(env);
    const order = env.ss.sheets.map((s) => s.name);
    // Change the data so a successful run would change the outputs, then fail the last tab's write.
    env.ss.byName('Feedback')!.load([[], [], [], ['2026-07-09', 'S02', 'nonsense']]);
    const inputsChanged = snapshot(env);
    const writes = env.log.count('Range.setValues');
    env.log.reset();
    expect(writes).toBe(6);
    env.log.failOn('Range.setValues', 3); // Ranking and Bonus written to temporary sheets, Statements fails
    const summary = computeQ3(gs);
    expect(summary.status).toBe('fatal');
    expect(summary.message!.en).toMatch(/nothing was changed/);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(order);
    const after = snapshot(env);
    for (const name of order) {
      expect(after[name]).toEqual(name === 'Feedback' ? inputsChanged[name] : before[name]);
    }
  });

  test('Statements: row references are rich-text links to #gid=…&range=A<row> of the input tab, never formulas (issue 15)', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    computeQ3(gs);
    const sheet = env.ss.byName('Statements 2026-Q3')!;
    expect(sheet.links.size).toBeGreaterThan(0);
    expect([...sheet.formulas.values()]).toEqual([]);
    const ids = new Map(env.ss.sheets.map((s) => [s.sheetId, s]));
    for (const [at, url] of sheet.links) {
      const m = /^#gid=(\d+)&range=A(\d+)$/.exec(url)!;
      expect(m).not.toBeNull();
      const target = ids.get(Number(m[1]))!;
      expect(['Feedback', 'Incidents', 'Staff']).toContain(target.name);
      const [r, c] = at.split(',').map(Number);
      // The cell's text names the row it links to.
      expect(String(sheet.cell(r, c))).toContain(`${target.name} row ${m[2]}`);
    }
    expect(env.log.count('Range.setRichTextValues')).toBe(1);
  });

  test('statement(tab, id): a person\'s block of the Statements tab as text, one read; the summary carries the ranking picture (issue 15)', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    const s = computeQ3(gs) as unknown as { winners: { staffId: string; name: string }[]; rankingCharts?: { title: string; bars: unknown[] }[] };
    expect(s.rankingCharts?.length).toBeGreaterThan(0);
    expect(s.rankingCharts![0].bars.length).toBeGreaterThan(0);
    const w = s.winners[0];
    const text = gs.statement('Statements 2026-Q3', w.staffId) as string;
    expect(text.split('\n')[0].startsWith(w.name ? `${w.name} (${w.staffId})` : w.staffId)).toBe(true);
    expect(text.split('\n').length).toBeGreaterThan(1);
    expect(gs.statement('Statements 2026-Q3', 'NOBODY')).toBeNull();
    expect(gs.statement('No such tab', w.staffId)).toBeNull();
  });

  test('Pictures: native bar charts on Ranking (measure per scope) and Bonus (paid against budget), one build per chart (issue 15)', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    computeQ3(gs);
    const ranking = env.ss.byName('Ranking 2026-Q3')!;
    const bonus = env.ss.byName('Bonus 2026-Q3')!;
    expect(ranking.charts.length).toBeGreaterThan(0);
    expect(bonus.charts).toHaveLength(1);
    expect(env.log.count('EmbeddedChartBuilder.build')).toBe(ranking.charts.length + 1);
    expect(env.log.count('Sheet.insertChart')).toBe(ranking.charts.length + 1);
    for (const c of ranking.charts) {
      expect(c.type).toBe('BAR');
      // Names (column 3) against the ranking measure (column 6), over the same rows.
      const [names, values] = c.ranges.map((r) => r.split(',').map(Number));
      expect([names[1], values[1], names[0], names[2]]).toEqual([3, 6, values[0], values[2]]);
      expect(String(c.options.title)).toMatch(/^Smile cards \(/);
    }
    expect(bonus.charts[0].ranges).toHaveLength(3); // items, amount, budget
    expect(String(bonus.charts[0].options.title)).toBe('Paid against budget per award');
  });

  test('a staff name =HYPERLINK(…) lands as text in every output tab', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    computeQ3(gs);
    for (const sheet of env.ss.sheets) expect([...sheet.formulas.values()]).toEqual([]);
    for (const name of ['Ranking 2026-Q3', 'Bonus 2026-Q3']) {
      const sheet = env.ss.byName(name)!;
      const rows = sheet.dump();
      const r = rows.findIndex((row) => row.includes(HYPERLINK_NAME));
      expect(r).toBeGreaterThan(0);
      expect(sheet.formats.get(`${r + 1},${rows[r].indexOf(HYPERLINK_NAME) + 1}`)).toBe('@');
    }
  });

  test('a formula-like cell value in a diagnostic lands as text in Data check', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    env.ss.byName('Feedback')!.load([[], [], ['2026-07-21', 'S01', HYPERLINK_NAME]]);
    computeQ3(gs);
    for (const sheet of env.ss.sheets) expect([...sheet.formulas.values()]).toEqual([]);
    const dc = env.ss.byName('Data check 2026-Q3')!;
    const rows = dc.dump();
    const r = rows.findIndex((row) => row.includes(HYPERLINK_NAME));
    expect(r).toBeGreaterThan(0);
    expect(dc.formats.get(`${r + 1},${rows[r].indexOf(HYPERLINK_NAME) + 1}`)).toBe('@');
  });

  test('menu Compute last quarter reports in a dialog', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    gs.menuComputeLastQuarter();
    expect(env.ui.alerts).toHaveLength(1);
    expect(env.ui.alerts[0].title).toBe('Service Star');
    expect(env.ui.alerts[0].text).toMatch(/^Computed \d{4}-Q\d: /);
  });
});

describe('sidebar round trip on the server', () => {
  test('getState remembers the preset of the last run; compute summary has budgets from the engine', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    const s = gs.compute({ period: '2026-07', preset: 'service-star-budget' }) as Summary & { awards: { award: string; paid: number; budget: number | null }[] };
    assertPlain(s);
    expect(s.status).toBe('computed');
    // Pools of the monthly awards, in yuan (SPEC §4 service-star-budget): nobody qualifies
    // (the fixture has ratings but no scores, and no Reviews), so nothing is paid and each budget is shown whole.
    const byId = Object.fromEntries(s.awards.map((a) => [a.award, [a.paid, a.budget]]));
    expect(byId.service_star).toEqual([0, 5000]);
    expect(byId.satisfaction_improvement).toEqual([0, 3000]);
    const state = gs.getState() as { scheme: { id: string; cadence: string; source: string }; tabs: { name: string }[] };
    assertPlain(state);
    expect(state.scheme).toMatchObject({ id: 'service-star-budget', cadence: 'month', source: 'preset' });
    // Output tabs and the Runs tab are not input tabs.
    expect(state.tabs.map((t) => t.name)).toEqual(['Staff', 'Feedback', 'Incidents']);
  });
});

describe('finalize', () => {
  test('compute → finalize → compute refuses → force recomputes', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    expect(computeQ3(gs).status).toBe('computed');
    const f = gs.finalize('2026-Q3') as { status: string; message: { en: string } };
    assertPlain(f);
    expect(f.status).toBe('final');
    const runs = env.ss.byName('Runs')!.dump();
    const status = (runs[0] as string[]).indexOf('Status');
    expect(runs.slice(1).map((r) => r[status])).toEqual(['final']);
    expect((gs.getState() as { finalPeriods: string[] }).finalPeriods).toEqual(['2026-Q3']);

    const before = snapshot(env);
    const refused = computeQ3(gs);
    expect(refused.status).toBe('refused');
    expect(refused.message!.en).toMatch(/2026-Q3/);
    expect(snapshot(env)).toEqual(before);

    expect(computeQ3(gs, { force: true }).status).toBe('computed');
  });

  test('finalizing a period never computed is refused; a held lock says already running', () => {
    const { env, gs } = setup({ locale: 'en_US' });
    buildWorkbook(env.ss);
    expect((gs.finalize('2026-Q2') as { status: string }).status).toBe('refused');
    expect(env.ss.byName('Runs')).toBeUndefined();
    env.lock.held = true;
    const busy = gs.finalize('2026-Q2') as { status: string; message: { en: string } };
    expect(busy.status).toBe('refused');
    expect(busy.message.en).toMatch(/already running/);
  });
});

describe('dates are calendar days in the spreadsheet time zone', () => {
  test('UTC+14: midnight of the first and last quarter days stays on its own day', () => {
    // In Pacific/Kiritimati (UTC+14, no DST) midnight of 2026-07-01 is 2026-06-30T10:00Z.
    const at = (day: string): Date => new Date(`${day}T00:00:00+14:00`);
    const { env, gs } = setup({ locale: 'en_US', timeZone: 'Pacific/Kiritimati' });
    env.ss.add('Staff', [
      ['staff_id', 'name', 'department', 'group', 'hire_date'],
      ['S04', 'Li', 'Service', 'B', at('2024-01-01')],
      ['S05', 'Dan', 'Service', 'B', at('2024-01-01')],
    ]);
    env.ss.add('Feedback', [
      ['date', 'staff_id', 'rating'],
      [at('2026-07-01'), 'S04', 'exceeded'], // in Q3: 2 smile cards for Li
      [at('2026-09-30'), 'S05', 'met'], // in Q3: 1 smile card for Dan
      [at('2026-10-01'), 'S05', 'exceeded'], // Q4: must not count
      [at('2026-10-01'), 'S05', 'exceeded'],
    ]);
    const s = computeQ3(gs);
    expect(s.status).toBe('computed');
    // Read as UTC days, Li's card would fall in Q2 and Dan's two Q4 ratings in Q3 (Dan would win with 5).
    expect(s.winners.map((w) => [w.staffId, w.amount])).toEqual([['S04', 800]]);
    const ranking = env.ss.byName('Ranking 2026-Q3')!.dump();
    const h = ranking[0] as string[];
    expect(ranking.slice(1).map((r) => [r[h.indexOf('Staff ID')], r[h.indexOf('Smile cards')]])).toEqual([['S04', 2], ['S05', 1]]);
  });
});
