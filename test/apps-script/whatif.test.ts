/**
 * What-if in the built Apps Script bundle (SPEC §11, issue 17) on the recording
 * fake of SpreadsheetApp: a Preview is one server call with the reads of a
 * Compute and no write; Apply writes only the Scheme tab; a Compute after it
 * pays what the preview said.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCode, makeEnv } from './fake-gas';
import { buildWorkbook } from './fixture';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

/** Methods that change the spreadsheet. */
const WRITE = /set|insert|delete|clear|copy|remove|append|flush|protect|hide|autoResize|activate/i;

interface View {
  status: string;
  edits: { key: string; value: { zh: string; en: string } }[];
  sections: { zh: { title: string; lines: string[] }[]; en: { title: string; lines: string[] }[] };
  json: { gained: unknown[]; lost: unknown[]; paid: { before: number; after: number } } | null;
  message: { zh: string; en: string } | null;
}

function setup() {
  const env = makeEnv({ locale: 'zh_CN' });
  const gs = loadCode(env);
  buildWorkbook(env.ss);
  return { env, gs };
}

test('Preview: the reads of a Compute, no write; the edits listed with their values', () => {
  const a = setup();
  a.env.log.reset();
  a.gs.compute({ period: '2026-Q3', preset: 'smile-cards' });
  // Compute's document lock is for its writes: a preview writes nothing and takes none.
  // Nor does it take the run's time (Compute reads the spreadsheet's time zone and formats now for the Runs tab).
  const calls = a.env.log.calls.filter((c, k, all) => !(c.method === 'Utilities.formatDate' && String(c.args[0]).includes('XXX'))
    && !(c.method === 'Spreadsheet.getSpreadsheetTimeZone' && all[k + 1]?.method === 'Utilities.formatDate' && String(all[k + 1].args[0]).includes('XXX')));
  const compute = calls.map((c) => c.method).filter((m) => !WRITE.test(m) && !/Lock/.test(m));

  const b = setup();
  const before = b.env.ss.sheets.map((s) => [s.name, JSON.stringify(s.dump())]);
  b.env.log.reset();
  const view = b.gs.previewWhatIf({ period: '2026-Q3', preset: 'smile-cards', edits: [{ key: 'awards.service_star.prize.amount', value: '1000' }] }) as View;
  const preview = b.env.log.calls.map((c) => c.method);
  expect(view.status).toBe('previewed');
  expect(preview.filter((m) => WRITE.test(m))).toEqual([]);
  expect(b.env.ss.sheets.map((s) => [s.name, JSON.stringify(s.dump())])).toEqual(before);
  // The reads of a Compute before its writes, no more (the writes' own reads left out of the count).
  const readsOfCompute = compute.slice(0, preview.length);
  expect(preview).toEqual(readsOfCompute);
  expect(view.edits.find((e) => e.key === 'awards.service_star.prize.amount')!.value.zh).toBe('800');
  expect(view.json!.gained).toEqual([]);
  expect(view.sections.zh[0].lines).toEqual(['奖项 › 服务之星 › 每人奖金（元）：800 → 1,000']);
});

test('Apply writes only the Scheme tab; Compute after it pays what the preview said', () => {
  const { env, gs } = setup();
  const inputs = env.ss.sheets.map((s) => [s.name, JSON.stringify(s.dump())]);
  const edits = [{ key: 'awards.service_star.prize.amount', value: '1000' }];
  const view = gs.previewWhatIf({ period: '2026-Q3', preset: 'smile-cards', edits }) as View;
  const applied = gs.applyWhatIf({ period: '2026-Q3', preset: 'smile-cards', edits }) as View;
  expect(applied.status).toBe('applied');
  const now = env.ss.sheets.map((s) => [s.name, JSON.stringify(s.dump())]);
  expect(now.filter(([n]) => n !== '方案')).toEqual(inputs);
  expect(now.map(([n]) => n)).toEqual([...inputs.map(([n]) => n), '方案']);
  const summary = gs.compute({ period: '2026-Q3' }) as { status: string; paid: number };
  expect(summary.status).toBe('computed');
  const again = gs.previewWhatIf({ period: '2026-Q3', edits: [] }) as View;
  expect(again.json!.paid.before).toBe(view.json!.paid.after);
});

test('a key that names nothing: invalid, bilingual, nothing written', () => {
  const { env, gs } = setup();
  env.log.reset();
  const view = gs.previewWhatIf({ period: '2026-Q3', preset: 'smile-cards', edits: [{ key: 'awards.service_star.prize.amout', value: '1' }] }) as View;
  expect(view.status).toBe('invalid');
  expect(view.message!.zh).toContain('awards.service_star.prize.amount');
  const applied = gs.applyWhatIf({ period: '2026-Q3', preset: 'smile-cards', edits: [{ key: 'nope', value: '1' }] }) as View;
  expect(applied.status).toBe('invalid');
  expect(env.log.calls.map((c) => c.method).filter((m) => WRITE.test(m) && !/flush/.test(m))).toEqual([]);
});
