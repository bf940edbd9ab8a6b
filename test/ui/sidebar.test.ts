/**
 * The built Sidebar.html in real Chromium (playwright-core, Debian's /usr/bin/chromium),
 * served from a loopback http server, with a stubbed `google.script.run` (test/ui/sidebar-harness.ts).
 * Screenshots go to out/ (and to docs/ with SS_SCREENSHOTS=docs, to refresh the README's).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ComputeSummary, TemplateResult, WorkbookState } from '../../ui/bridge';
import { SidebarHarness, runnerScript } from './sidebar-harness';
import { CsvFolderHost } from '../../cli/csv-host';
import { inspectWorkbook } from '../../core/inspect';
import { planInputTabs, runCompute } from '../../core/orchestrator';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';

const root = join(__dirname, '..', '..');

const XSS_NAME = '<img src=x onerror=alert(1)>';

function state(overrides: Partial<WorkbookState> = {}): WorkbookState {
  return {
    lang: 'en',
    today: '2026-11-22',
    tabs: [
      { name: 'Staff', kind: 'staff', rows: 42 },
      { name: 'Feedback', kind: 'feedback', rows: 1280 },
      { name: 'Incidents', kind: 'incidents', rows: 37 },
    ],
    blocking: null,
    scheme: { source: 'preset', tab: null, id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter', valid: true, problems: [] },
    presets: [
      { id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter' },
      { id: 'star-rating', name: { zh: '星级服务', en: 'Star rating' }, cadence: 'month' },
    ],
    defaultPeriod: '2026-Q3',
    diagnostics: { error: 1, warning: 2, info: 0 },
    topDiagnostics: [{ severity: 'error', code: 'not_a_date', tab: 'Feedback', row: 12, column: 'date', text: { zh: '「Feedback」 第 12 行 「date」列：“2026-13-01”不是日期', en: 'Feedback, row 12, column date: "2026-13-01" is not a date' } }],
    dataCheckTab: null,
    finalPeriods: [],
    ...overrides,
  };
}

function computed(overrides: Partial<ComputeSummary> = {}): ComputeSummary {
  return {
    status: 'computed', message: null, lang: 'en', period: '2026-Q3', scheme: 'smile-cards',
    winners: [
      { award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: 'S01', name: 'Alice', scope: 'A', rank: 1, amount: 800, tie: false },
      { award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: 'S04', name: 'Li Ming', scope: 'B', rank: 1, amount: 800, tie: true },
    ],
    awards: [
      { award: 'service_star', name: { zh: '服务之星', en: 'Service star' }, winners: 2, paid: 1600, budget: null },
      { award: 'referral', name: { zh: '推荐奖', en: 'Referral' }, winners: 1, paid: 2000, budget: 10000 },
    ],
    totalPaid: 3600,
    diagnostics: { error: 1, warning: 2, info: 0 },
    warnings: [{ severity: 'warning', code: 'weights_rescaled', tab: 'Scheme', row: null, column: 'score', text: { zh: '权重合计 110，已按比例换算为 100', en: 'Weights sum to 110; rescaled to 100' } }],
    outputs: [
      { name: 'Ranking 2026-Q3', kind: 'ranking' },
      { name: 'Bonus 2026-Q3', kind: 'bonus' },
      { name: 'Data check 2026-Q3', kind: 'datacheck' },
    ],
    ...overrides,
  };
}

/**
 * The README's screenshots come from the demo data (examples/csv-zh|csv-en), read through the
 * CLI's folder host and computed by the one orchestrator; state and summary are built the way
 * the hosts build them (core/inspect, core/summary). Nothing is written back to the folder.
 */
async function demoScenario(lang: 'zh' | 'en'): Promise<{ state: WorkbookState; compute: ComputeSummary; headers: string[] }> {
  const host = new CsvFolderHost(join(root, 'examples', lang === 'zh' ? 'csv-zh' : 'csv-en'));
  const names = await host.listTabs();
  const tabs = await host.readTabs(planInputTabs(names));
  const demoState = inspectWorkbook(tabs, { today: '2026-10-08', preset: 'smile-cards', lang: null }, names);
  const outcome = await runCompute(host, { period: '2026-Q3', preset: 'smile-cards', now: '2026-10-08T09:30:00.000+08:00', force: false });
  const summary = summarizeOutcome(outcome, summaryContextFor(tabs, 'smile-cards'));
  const staffNames = Object.values(summaryContextFor(tabs, 'smile-cards').staffNames ?? {});
  const headers = [...staffNames, ...tabs.flatMap((t) => (t.rows[0] ?? []).map((c) => String(c ?? '')))];
  return { state: demoState as unknown as WorkbookState, compute: JSON.parse(JSON.stringify(summary)) as ComputeSummary, headers };
}

interface Scenario {
  state?: WorkbookState;
  compute?: ComputeSummary;
  /** compute resolves only when the test calls window.__release(). */
  holdCompute?: boolean;
  failGetState?: string;
  /** Successive compute answers (overrides `compute`). */
  computeSequence?: ComputeSummary[];
  finalize?: { status: string; message: { zh: string; en: string } };
  /** getState's answer once finalize was called. */
  stateAfterFinalize?: WorkbookState;
  insertTemplate?: TemplateResult;
  /** statement(tab, staffId) answers, keyed `tab|staffId`. */
  statements?: Record<string, string>;
  /** getState's answer once insertTemplate was called. */
  stateAfterInsert?: WorkbookState;
}

/** A google.script.run stand-in: each runner call goes to __impl[name], handlers called asynchronously. */
/** A google.script.run stand-in answering from the scenario; calls recorded (sidebar-harness runnerScript). */
function stubScript(s: Scenario): string {
  return `
    const scenario = ${JSON.stringify(s)};
    let release = null;
    let finalized = false;
    let inserted = false;
    let computes = 0;
    window.__release = () => { if (release) release(); };
  ` + runnerScript(`{
      getState: () => scenario.failGetState ? Promise.reject(new Error(scenario.failGetState))
        : Promise.resolve(finalized && scenario.stateAfterFinalize ? scenario.stateAfterFinalize
          : inserted && scenario.stateAfterInsert ? scenario.stateAfterInsert : scenario.state),
      compute: (args) => {
        const answer = scenario.computeSequence ? scenario.computeSequence[computes++] : scenario.compute;
        return scenario.holdCompute ? new Promise((ok) => { release = () => ok(answer); }) : Promise.resolve(answer);
      },
      activateTab: () => Promise.resolve(null),
      finalize: () => { finalized = true; return Promise.resolve(scenario.finalize); },
      insertTemplate: () => { inserted = true; return Promise.resolve(scenario.insertTemplate); },
      statement: (tab, id) => Promise.resolve((scenario.statements || {})[tab + '|' + id] ?? null),
    }`);
}

const sidebar = new SidebarHarness();
/** Every URL any page asked for. */
const requests = sidebar.requests;

beforeAll(() => sidebar.start(), 120000);
afterAll(() => sidebar.stop());

function open(s: Scenario, lang: 'en' | 'zh' = 'en', path = ''): Promise<Page> {
  return sidebar.open(lang, stubScript(s), path);
}

async function calls(page: Page): Promise<{ name: string; args: unknown[] }[]> {
  return page.evaluate(() => (window as unknown as { __calls: { name: string; args: unknown[] }[] }).__calls);
}

function screenshotPath(name: string): string {
  const dir = process.env.SS_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

describe('sidebar in Chromium', () => {
  test('full Compute flow: defaults, disabled while running, results with links', async () => {
    const page = await open({ state: state(), compute: computed(), holdCompute: true });
    const period = page.getByTestId('period');
    await expect(period.inputValue()).resolves.toBe('2026-Q3');
    await expect(page.getByTestId('preset').inputValue()).resolves.toBe('smile-cards');
    await expect(page.getByTestId('scheme-state').textContent()).resolves.toContain('Scheme is valid');
    await expect(page.getByTestId('data').textContent()).resolves.toMatch(/Staff.*42 rows.*Feedback.*1280 rows.*Incidents.*37 rows/);
    await expect(page.getByTestId('counts').first().textContent()).resolves.toBe('1 error2 warnings0 info');

    const button = page.getByTestId('compute');
    await button.click();
    await page.waitForSelector('[role=progressbar]');
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe('Computing…');
    // A second click while running sends nothing.
    await button.click({ force: true });
    expect((await calls(page)).filter((c) => c.name === 'compute')).toEqual([
      { name: 'compute', args: [{ period: '2026-Q3', preset: 'smile-cards', force: false }] },
    ]);

    await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
    await page.waitForSelector('[data-testid=result]');
    expect(await page.getByTestId('result-message').textContent()).toBe('Computed 2026-Q3');
    const winners = await page.getByTestId('winners').locator('li').allTextContents();
    expect(winners).toHaveLength(2);
    expect(winners[0]).toBe('800.00AliceService star · A · #1 · S01');
    expect(winners[1]).toContain('tie');
    const budgets = await page.getByTestId('budgets').locator('li').allTextContents();
    expect(budgets).toEqual(['1,600.00Service star', '2,000.00 / 10,000.00Referral8,000.00 unspent', '3,600.00Total']);
    expect(await button.isDisabled()).toBe(false);

    await page.getByTestId('outputs').getByText('Bonus 2026-Q3').click();
    await page.getByTestId('open-datacheck').click();
    await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.filter((c) => c.name === 'activateTab').length === 2);
    expect((await calls(page)).filter((c) => c.name === 'activateTab').map((c) => c.args)).toEqual([['Bonus 2026-Q3'], ['Data check 2026-Q3']]);
    await page.close();
  });

  test('a staff name written as HTML is shown as text and never runs', async () => {
    const winner = { award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: 'S04', name: XSS_NAME, scope: 'B', rank: 1, amount: 800, tie: false };
    const page = await open({ state: state({ tabs: [{ name: XSS_NAME, kind: 'staff', rows: 1 }] }), compute: computed({ winners: [winner] }) });
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=winners]');
    // Tab names are user data too.
    await expect(page.getByTestId('data').getByText(XSS_NAME, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('winners').getByText(XSS_NAME, { exact: true }).isVisible()).resolves.toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __dialogs: number }).__dialogs)).toBe(0);
    await page.close();
  });

  test('missing Staff tab: the clear message is shown and Compute is not offered', async () => {
    const blocking = { zh: '缺少“员工”工作表（员工 / 员工名单 / 人员）', en: 'The Staff tab is missing (Staff / 员工 / 员工名单 / 人员)' };
    const page = await open({ state: state({ blocking, tabs: [{ name: 'Feedback', kind: 'feedback', rows: 3 }] }) });
    await expect(page.getByTestId('blocking').textContent()).resolves.toBe(blocking.en);
    expect(await page.getByTestId('compute').isDisabled()).toBe(true);
    await page.close();
  });

  test('a run that cannot start shows the one message from compute', async () => {
    const message = { zh: '缺少“员工”工作表', en: 'The Staff tab is missing' };
    const page = await open({ state: state(), compute: computed({ status: 'fatal', message, winners: [], awards: [], outputs: [] }) });
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=result-message]');
    expect(await page.getByTestId('result-message').textContent()).toBe(message.en);
    expect(await page.getByTestId('result-message').getAttribute('class')).toContain('error');
    await page.close();
  });

  test('"already running" from the host lock', async () => {
    const message = { zh: '服务之星正在计算中，请等当前计算完成后再试。', en: 'Service Star is already running. Please wait for the current computation to finish.' };
    const page = await open({ state: state(), compute: computed({ status: 'busy', message, winners: [], awards: [], outputs: [] }) });
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=result-message]');
    expect(await page.getByTestId('result-message').textContent()).toBe(message.en);
    await page.close();
  });

  test('an invalid period disables Compute with a hint; a valid one enables it', async () => {
    const page = await open({ state: state() });
    await page.getByTestId('period').fill('2026-Q5');
    expect(await page.getByTestId('compute').isDisabled()).toBe(true);
    expect(await page.getByTestId('period-hint').textContent()).toMatch(/Not a period/);
    await page.getByTestId('period').fill('2026-07');
    expect(await page.getByTestId('compute').isDisabled()).toBe(false);
    await page.close();
  });

  test('typing a period and clicking Compute straight away computes it with that one click', async () => {
    const page = await open({ state: state(), compute: computed({ period: '2026-Q2' }) });
    await page.getByTestId('period').fill('2026-Q2');
    // The click moves focus out of the field (its change event) and must still reach Compute.
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=result]');
    expect((await calls(page)).filter((c) => c.name === 'compute').map((c) => c.args)).toEqual([[{ period: '2026-Q2', preset: 'smile-cards', force: false }]]);
    await page.close();
  });

  test('changing to a monthly preset moves the default period to the last month', async () => {
    const page = await open({ state: state() });
    await page.getByTestId('preset').selectOption('star-rating');
    await expect(page.getByTestId('period').inputValue()).resolves.toBe('2026-10');
    await page.close();
  });

  test('getState failure: the reason and a retry button', async () => {
    const page = await open({ failGetState: 'Authorisation is required' });
    await page.waitForSelector('[data-testid=load-error]');
    expect(await page.getByTestId('load-error').textContent()).toBe('Could not read the spreadsheet: Authorisation is required');
    await page.close();
  });

  test('zh-CN: Chinese workbook state renders in Chinese', async () => {
    const zhState = state({
      lang: 'zh',
      tabs: [
        { name: '员工', kind: 'staff', rows: 42 },
        { name: '客户反馈', kind: 'feedback', rows: 1280 },
        { name: '奖惩记录', kind: 'incidents', rows: 37 },
      ],
      topDiagnostics: [],
      dataCheckTab: '数据检查 2026-Q2',
    });
    const zhSummary = computed({
      lang: 'zh',
      winners: [
        { award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: 'S01', name: '王小红', scope: '售后A组', rank: 1, amount: 800, tie: false },
        { award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: 'S04', name: '李明', scope: '售后B组', rank: 1, amount: 800, tie: false },
      ],
      awards: [{ award: 'service_star', name: { zh: '服务之星', en: 'Service star' }, winners: 2, paid: 1600, budget: null },
        { award: 'service_star_manager', name: { zh: '服务之星主管奖', en: 'Service star manager award' }, winners: 2, paid: 1600, budget: null }],
      totalPaid: 3200,
      // A Runs tab an English run made keeps its name: listed with what it is in Chinese.
      outputs: [{ name: '排名 2026-Q3', kind: 'ranking' }, { name: '奖金 2026-Q3', kind: 'bonus' }, { name: '数据检查 2026-Q3', kind: 'datacheck' }, { name: 'Runs', kind: 'runs' }],
    });
    const page = await open({ state: zhState, compute: zhSummary }, 'zh');
    await expect(page.getByTestId('compute').textContent()).resolves.toBe('计算');
    await expect(page.getByTestId('data').textContent()).resolves.toContain('员工42 行');
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=winners]');
    expect(await page.getByTestId('result-message').textContent()).toBe('已计算 2026-Q3');
    expect(await page.getByTestId('outputs').locator('li').allTextContents()).toEqual(['排名 2026-Q3', '奖金 2026-Q3', '数据检查 2026-Q3', 'Runs（运行记录）']);
    await page.getByTestId('outputs').getByText('Runs（运行记录）').click();
    await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.some((c) => c.name === 'activateTab'));
    expect((await calls(page)).filter((c) => c.name === 'activateTab').map((c) => c.args)).toEqual([['Runs']]);
    // The language toggle switches to English in place.
    await page.getByTestId('lang').click();
    expect(await page.getByTestId('compute').textContent()).toBe('Compute');
    await page.close();
  });

  test('finalize asks for a second click, then marks the period final', async () => {
    const finalize = { status: 'final', message: { zh: '2026-Q3 已定稿', en: '2026-Q3 is now final' } };
    const page = await open({ state: state(), compute: computed(), finalize, stateAfterFinalize: state({ finalPeriods: ['2026-Q3'] }) });
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=finalize]');
    expect(await page.getByTestId('finalize').textContent()).toBe('Finalize period 2026-Q3');
    await page.getByTestId('finalize').click();
    expect(await page.getByTestId('finalize').textContent()).toMatch(/^Confirm: finalize 2026-Q3/);
    expect((await calls(page)).some((c) => c.name === 'finalize')).toBe(false);
    await page.getByTestId('finalize').click();
    await page.waitForSelector('[data-testid=period-final]');
    expect(await page.getByTestId('notice').textContent()).toBe('2026-Q3 is now final');
    expect(await page.getByTestId('period-final').textContent()).toContain('2026-Q3 is final');
    expect((await calls(page)).filter((c) => c.name === 'finalize').map((c) => c.args)).toEqual([['2026-Q3']]);
    // A final period offers no second Finalize.
    expect(await page.getByTestId('finalize').count()).toBe(0);
    await page.close();
  });

  test('a refused compute (final period) offers "Recompute anyway", which sends force', async () => {
    const refused = computed({ status: 'refused', message: { zh: '2026-Q3 已定稿', en: '2026-Q3 is final; inputs changed in Feedback' }, winners: [], awards: [], outputs: [] });
    const page = await open({ state: state({ finalPeriods: ['2026-Q3'] }), computeSequence: [refused, computed()] });
    await expect(page.getByTestId('period-final').textContent()).resolves.toContain('2026-Q3 is final');
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=force]');
    expect(await page.getByTestId('result-message').textContent()).toBe('2026-Q3 is final; inputs changed in Feedback');
    await page.getByTestId('force').click();
    await page.waitForSelector('[data-testid=winners]');
    expect((await calls(page)).filter((c) => c.name === 'compute').map((c) => (c.args[0] as { force: boolean }).force)).toEqual([false, true]);
    await page.close();
  });

  test('a long winners list shows 20 and links the rest to the Bonus tab', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      award: 'service_star', awardName: { zh: '服务之星', en: 'Service star' }, staffId: `S${String(i + 1).padStart(2, '0')}`,
      name: `Person ${i + 1}`, scope: '', rank: i + 1, amount: 100, tie: false,
    }));
    const page = await open({ state: state(), compute: computed({ winners: many }) });
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=winners]');
    expect(await page.getByTestId('winners').locator('li').count()).toBe(20);
    expect(await page.getByTestId('more-winners').textContent()).toBe('and 3 more — Bonus 2026-Q3');
    await page.getByTestId('more-winners').click();
    await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.some((c) => c.name === 'activateTab'));
    expect((await calls(page)).filter((c) => c.name === 'activateTab').map((c) => c.args)).toEqual([['Bonus 2026-Q3']]);
    await page.close();
  });

  test('empty workbook: the template picker comes first, inserts the chosen preset, then the Scheme tab is in force', async () => {
    const blocking = { zh: '缺少“员工”工作表', en: 'The Staff tab is missing' };
    const empty = state({ tabs: [], blocking, diagnostics: { error: 1, warning: 0, info: 0 }, topDiagnostics: [] });
    const after = state({
      scheme: { source: 'tab', tab: 'Scheme', id: 'star-rating', name: { zh: '星级服务', en: 'Star rating' }, cadence: 'month', valid: true, problems: [] },
      defaultPeriod: '2026-10', diagnostics: { error: 0, warning: 0, info: 0 }, topDiagnostics: [],
    });
    const result: TemplateResult = {
      status: 'inserted', added: ['Staff', 'Feedback', 'Reviews', 'Scheme'], skipped: [XSS_NAME],
      message: { zh: '已添加', en: `Added Staff, Feedback, Reviews, Scheme; kept as they are: ${XSS_NAME}. The example rows are for 2026-10: compute that period to see results` },
    };
    const page = await open({ state: empty, insertTemplate: result, stateAfterInsert: after });
    await page.waitForSelector('[data-testid=template]');
    // First section after the header, open, the scheme's preset chosen by default.
    const order = await page.$$eval('.ss-app > section, .ss-app > details', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order[0]).toBe('template');
    expect(await page.getByTestId('template').getAttribute('open')).not.toBeNull();
    await expect(page.getByTestId('template-preset').inputValue()).resolves.toBe('smile-cards');
    expect(await page.getByTestId('compute').isDisabled()).toBe(true);

    await page.getByTestId('template-preset').selectOption('star-rating');
    await page.getByTestId('insert-template').click();
    await page.waitForSelector('[data-testid=template-result]');
    expect((await calls(page)).filter((c) => c.name === 'insertTemplate').map((c) => c.args)).toEqual([['star-rating']]);
    await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.filter((c) => c.name === 'getState').length === 2);
    await page.waitForSelector('[data-testid=scheme-source] button');
    // The result names the tabs as text (a tab named as HTML stays text).
    expect(await page.getByTestId('template-result').textContent()).toBe(result.message.en);
    expect(await page.getByTestId('template-result').getAttribute('class')).toContain('ok');
    expect(await page.locator('img').count()).toBe(0);
    // The new Scheme tab is in force, valid, monthly; Compute is offered for its period.
    expect(await page.getByTestId('scheme-source').textContent()).toBe('In force: Scheme tab Scheme — Star rating');
    expect(await page.getByTestId('scheme-state').textContent()).toBe('✓ Scheme is valid · monthly');
    await expect(page.getByTestId('period').inputValue()).resolves.toBe('2026-10');
    expect(await page.getByTestId('compute').isDisabled()).toBe(false);
    // The answer follows the language switch.
    await page.getByTestId('lang').click();
    expect(await page.getByTestId('template-result').textContent()).toBe('已添加');
    await page.close();
  });

  test('menu *Insert template…*: the page opens on the picker even in a workbook with data', async () => {
    const page = await open({ state: state() }, 'en', 'template');
    await page.waitForSelector('[data-testid=template]');
    const order = await page.$$eval('.ss-app > section, .ss-app > details', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order[0]).toBe('template');
    expect(await page.getByTestId('template').getAttribute('open')).not.toBeNull();
    expect(await page.getByTestId('insert-template').isVisible()).toBe(true);
    await page.close();
  });

  test('opened normally on a workbook with data: the picker waits, folded, at the end', async () => {
    const exists: TemplateResult = { status: 'exists', added: [], skipped: ['Staff', 'Feedback', 'Scheme'], message: { zh: '都已存在', en: 'Every tab of the template is already there; nothing was changed' } };
    const page = await open({ state: state(), insertTemplate: exists });
    await page.waitForSelector('[data-testid=template]');
    const order = await page.$$eval('.ss-app > section, .ss-app > details', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order[order.length - 1]).toBe('template');
    expect(await page.getByTestId('template').getAttribute('open')).toBeNull();
    expect(await page.getByTestId('insert-template').isVisible()).toBe(false);
    await page.locator('[data-testid=template] summary').click();
    await page.getByTestId('insert-template').click();
    await page.waitForSelector('[data-testid=template-result]');
    expect(await page.getByTestId('template-result').textContent()).toBe(exists.message.en);
    expect(await page.getByTestId('template-result').getAttribute('class')).toContain('warning');
    // Still open after the refresh, so the answer stays in view.
    expect(await page.getByTestId('template').getAttribute('open')).not.toBeNull();
    await page.close();
  });

  test('a broken Scheme tab: not valid, its first located error shown, Compute off and never sent', async () => {
    const located = { severity: 'error' as const, code: 'not_a_number', tab: 'Scheme', row: 24, column: 'Quota', text: { zh: '「Scheme」「奖项」第 24 行「名额」列：“ten”不是数字', en: 'Awards, row 24, column Quota: “ten” is not a number' } };
    const warning = { severity: 'warning' as const, code: 'unknown_column', tab: 'Scheme', row: 23, column: 'Colour', text: { zh: '未知列', en: 'Awards, row 23: unknown column "Colour"; it is ignored' } };
    const broken = state({
      scheme: { source: 'tab', tab: XSS_NAME, id: XSS_NAME, name: { zh: XSS_NAME, en: XSS_NAME }, cadence: 'quarter', valid: false, problems: [located, warning] },
    });
    const page = await open({ state: broken, compute: computed() });
    await page.waitForSelector('[data-testid=scheme-error]');
    // Which scheme: the tab, by its name as text (here an HTML-looking name).
    expect(await page.getByTestId('scheme-source').textContent()).toBe(`In force: Scheme tab ${XSS_NAME}`);
    expect(await page.getByTestId('scheme-state').textContent()).toBe('✗ The scheme has errors; fix them first');
    expect(await page.getByTestId('scheme-error').textContent()).toBe(located.text.en);
    await expect(page.getByTestId('scheme').textContent()).resolves.toContain(warning.text.en);
    expect(await page.getByTestId('preset').count()).toBe(0);
    const button = page.getByTestId('compute');
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByTestId('compute-hint').textContent()).toBe('Compute is available once the Scheme tab is fixed');
    await button.click({ force: true });
    // A valid period does not turn Compute on while the scheme is broken.
    await page.getByTestId('period').fill('2026-07');
    expect(await button.isDisabled()).toBe(true);
    await page.getByTestId('scheme-source').getByText(XSS_NAME, { exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { __calls: { name: string }[] }).__calls.some((c) => c.name === 'activateTab'));
    expect((await calls(page)).filter((c) => c.name === 'compute')).toEqual([]);
    expect((await calls(page)).filter((c) => c.name === 'activateTab').map((c) => c.args)).toEqual([[XSS_NAME]]);
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });

  test('zh: the broken Scheme tab message and the picker in Chinese', async () => {
    const located = { severity: 'error' as const, code: 'not_a_number', tab: '方案', row: 24, column: '名额', text: { zh: '「方案」「奖项」第 24 行「名额」列：“十”不是数字', en: 'Awards, row 24, column Quota: “十” is not a number' } };
    const page = await open({ state: state({ lang: 'zh', scheme: { source: 'tab', tab: '方案', id: '方案', name: { zh: '方案', en: '方案' }, cadence: 'quarter', valid: false, problems: [located] } }) }, 'zh');
    await page.waitForSelector('[data-testid=scheme-error]');
    expect(await page.getByTestId('scheme-source').textContent()).toBe('当前使用：方案工作表 方案');
    expect(await page.getByTestId('scheme-error').textContent()).toBe(located.text.zh);
    expect(await page.getByTestId('compute-hint').textContent()).toBe('“方案”工作表改正后才能计算');
    expect(await page.locator('[data-testid=template] summary').textContent()).toBe('插入模板…');
    await page.close();
  });

  test('explain (SPEC §9): near misses listed, ranking-per-scope and paid-against-budget SVGs with text labels, the statement of a picked person as text; an HTML name stays text (screenshots)', async () => {
    const nearMisses = [
      { award: 'service_star', staffId: 'S07', text: { zh: `${XSS_NAME}（S07）差一点获得服务之星：差 2 张微笑卡`, en: `${XSS_NAME} (S07) nearly won Service star: 2 smile cards short` } },
      { award: 'referral', staffId: 'S09', text: { zh: '赵六（S09）差一点获得推荐奖：差 1 次推荐', en: 'Zhao Liu (S09) nearly won Referral: 1 referral short' } },
    ];
    const awards = [
      { award: 'service_star', name: { zh: '服务之星', en: 'Service star' }, winners: 2, paid: 1600, budget: null },
      { award: 'referral', name: { zh: XSS_NAME, en: XSS_NAME }, winners: 1, paid: 2000, budget: 10000 },
    ];
    for (const lang of ['en', 'zh'] as const) {
      const rankingCharts = [
        { title: lang === 'zh' ? '微笑卡（A）' : 'Smile cards (A)', bars: [{ staffId: 'S01', name: 'Alice', value: 12 }, { staffId: 'S07', name: XSS_NAME, value: 9.5 }] },
        { title: lang === 'zh' ? '微笑卡（B）' : 'Smile cards (B)', bars: [{ staffId: 'S04', name: 'Li Ming', value: 7 }] },
      ];
      const statementsTab = lang === 'zh' ? '个人说明 2026-Q3' : 'Statements 2026-Q3';
      const outputs = [{ name: statementsTab, kind: 'statements' as const }];
      const statementText = `${XSS_NAME} (S07) · D · A · 2026-Q3\n${lang === 'zh' ? '微笑卡 · 9.5 · 第 3 名' : 'Smile cards · 9.5 · rank 3'}`;
      const page = await open({ state: state({ lang }), compute: computed({ lang, nearMisses, awards, rankingCharts, outputs }), statements: { [`${statementsTab}|S07`]: statementText } }, lang);
      await page.getByTestId('compute').click();
      await page.waitForSelector('[data-testid=near-misses]');
      const items = await page.getByTestId('near-misses').locator('li').allTextContents();
      expect(items).toEqual(nearMisses.map((n) => n.text[lang]));
      expect(await page.locator('h2', { hasText: lang === 'zh' ? '差一点' : 'Near misses' }).count()).toBe(1);
      const svg = page.locator('svg[data-testid=chart-budget]');
      expect(await svg.count()).toBe(1);
      const labels = await svg.locator('text').allTextContents();
      expect(labels).toEqual(expect.arrayContaining([lang === 'zh' ? '各奖项发放与预算' : 'Paid against budget per award', XSS_NAME, '2,000.00 / 10,000.00', '1,600.00']));
      expect(await svg.locator('rect.ss-chart-bar').count()).toBe(2);
      const ranking = page.locator('svg[data-testid=chart-ranking]');
      expect(await ranking.count()).toBe(2);
      expect(await ranking.first().locator('text').allTextContents()).toEqual([rankingCharts[0].title, 'Alice', '12', XSS_NAME, '9.5']);
      expect(await ranking.nth(1).locator('text').allTextContents()).toEqual([rankingCharts[1].title, 'Li Ming', '7']);
      expect(await page.locator('img').count()).toBe(0);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as unknown as { __dialogs: number }).__dialogs)).toBe(0);
      // Pick a person: the host reads their block of the Statements tab; shown as selectable text.
      const options = await page.getByTestId('statement-person').locator('option').allTextContents();
      expect(options).toEqual([lang === 'zh' ? '选择一个人' : 'Pick a person', 'Alice (S01)', 'Li Ming (S04)', 'S07', 'S09']);
      await page.getByTestId('statement-person').selectOption('S07');
      await page.waitForSelector('[data-testid=statement]');
      expect(await page.getByTestId('statement').textContent()).toBe(statementText);
      expect(await page.getByTestId('statement').evaluate((el) => el.tagName)).toBe('PRE');
      expect((await calls(page)).filter((c) => c.name === 'statement').map((c) => c.args)).toEqual([[statementsTab, 'S07']]);
      await page.getByTestId('statement-person').selectOption('S09');
      await page.waitForSelector('[data-testid=statement-missing]');
      expect(await page.getByTestId('statement-missing').textContent()).toBe(lang === 'zh' ? '“个人说明”工作表中没有此人' : 'This person is not in the Statements tab');
      await page.getByTestId('statement-person').selectOption('S07');
      await page.waitForSelector('[data-testid=statement]');
      expect(await page.locator('img').count()).toBe(0);
      // Hostile test data: never a README picture (those come from the demo data, 'README screenshot' below).
      mkdirSync(join(root, 'out'), { recursive: true });
      await page.screenshot({ path: join(root, 'out', `sidebar-explain-${lang}.png`), fullPage: true });
      await page.close();
    }
  });

  test.each(['zh', 'en'] as const)('README screenshot %s: the demo data computed by the orchestrator, no id, one language', async (lang) => {
    const demo = await demoScenario(lang);
    expect(demo.compute.status).toBe('computed');
    expect(demo.compute.winners.length).toBeGreaterThan(0);
    const page = await open({ state: demo.state, compute: demo.compute }, lang);
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=winners]');
    expect(await page.getByTestId('result-message').textContent()).toBe(lang === 'zh' ? '已计算 2026-Q3' : 'Computed 2026-Q3');
    const text = (await page.locator('body').innerText());
    // What the user reads: no snake_case id; zh without English words, en without Chinese
    // except names from the data (staff, tabs, scopes).
    const dataNames = [...demo.headers, ...demo.compute.winners.flatMap((w) => [w.name, w.scope ?? '', w.scopeName?.[lang] ?? '']),
      ...demo.state.tabs.map((t) => t.name), ...demo.compute.outputs.map((o) => o.name)].filter(Boolean);
    let rest = text;
    for (const n of dataNames.sort((a, b) => b.length - a.length)) rest = rest.split(n).join(' ');
    // Quoted cell values in diagnostics are the user's data too.
    rest = rest.replace(/“[^”]*”|"[^"]*"/g, ' ');
    expect(rest.match(/[a-z]+_[a-z_]+/g) ?? []).toEqual([]);
    // zh: the language toggle "EN" and the ITSM preset's own Chinese name are the only Latin letters.
    if (lang === 'zh') expect(rest.replace(/ITSM/g, '').match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
    // en: the language toggle "中文" is the only Chinese.
    else expect(rest.replace(/中文/g, '').match(/[\u3400-\u9fff]+/g) ?? []).toEqual([]);
    await page.screenshot({ path: screenshotPath(`sidebar-${lang}.png`), fullPage: true });
    await page.close();
  });

  test('no request left the machine (only the loopback page itself)', () => {
    expect(requests.length).toBeGreaterThan(0);
    const outbound = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:)/.test(u));
    expect(outbound).toEqual([]);
  });
});
