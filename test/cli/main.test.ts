/** The entry's error boundary, in process: an unexpected error is exit 1 and one line (stack only on request). */
import { run } from '../../cli/main';
import { csvFolder } from './helpers';

jest.mock('../../core/orchestrator', () => {
  const actual = jest.requireActual('../../core/orchestrator');
  return { ...actual, runCompute: () => { throw new TypeError('boom: cannot read x\n    at fake (core/x.ts:1:1)'); } };
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => { out.push(t); }, stderr: { isTTY: false, write: (t: string) => { err.push(t); } } } };
}

const folder = () => csvFolder({ 'Staff.csv': 'staff_id,name,department,hire_date\nS01,张三,客服部,2024-01-15\n' });

describe('internal errors', () => {
  test('exit 1 with one line naming the error, no stack, nothing on stdout', async () => {
    const t = io();
    const code = await run(['compute', folder(), '--period', '2026-Q3', '--preset', 'smile-cards', '--json'], t.io, { LANG: 'C' });
    expect(code).toBe(1);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toBe('service-star: internal error: boom: cannot read x\n');
  });

  test('in Chinese with --lang zh; the stack only with SERVICE_STAR_DEBUG=1', async () => {
    const t = io();
    const code = await run(['compute', folder(), '--period', '2026-Q3', '--lang', 'zh'], t.io, { SERVICE_STAR_DEBUG: '1' });
    expect(code).toBe(1);
    expect(t.err[0]).toBe('service-star: 内部错误: boom: cannot read x\n');
    expect(t.err[1]).toMatch(/^TypeError: boom/);
  });

  test('a refusal found before computing is still exit 2 (bad period checked first)', async () => {
    const t = io();
    expect(await run(['compute', folder(), '--period', '2026-13'], t.io, {})).toBe(2);
    expect(t.err).toEqual(['service-star: Period "2026-13" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026\n']);
  });

  test('help goes to stdout with exit 0, in the locale\'s language; no command is one line and exit 2', async () => {
    const a = io();
    expect(await run(['--help'], a.io, {})).toBe(0);
    expect(a.out.join('')).toMatch(/^Usage:\n  service-star compute/);
    const z = io();
    expect(await run(['help'], z.io, { LANG: 'zh_CN.UTF-8' })).toBe(0);
    expect(z.out.join('')).toMatch(/^用法：/);
    const b = io();
    expect(await run([], b.io, { LANG: 'zh_CN.UTF-8' })).toBe(2);
    expect(b.out).toEqual([]);
    expect(b.err).toEqual(['service-star: 请指定命令：compute、template、finalize、whatif 或 demo（service-star --help 查看用法）\n']);
  });
});
