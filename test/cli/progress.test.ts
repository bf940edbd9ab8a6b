/** Progress lines: quiet for quick runs in a pipe, throttled, live on a terminal, never on stdout. */
import { Progress } from '../../cli/progress';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, sink: { isTTY, write: (t: string) => { out.push(t); } } };
}

describe('Progress', () => {
  test('in a pipe: nothing during the first second, then one line per step with its time', () => {
    let t = 0;
    const { out, sink: s } = sink(false);
    const p = new Progress(s, 'en', { clock: () => t });
    t = 400; p.step('read', '1,000 rows');
    t = 900; p.step('validate');
    expect(out).toEqual([]);
    t = 1200; p.step('compute');
    t = 1500; p.step('write');
    expect(out).toEqual(['service-star: compute (1.2 s)\n', 'service-star: write (1.5 s)\n']);
  });

  test('in a pipe: repeated counts of one step at most every two seconds', () => {
    let t = 1000;
    const { out, sink: s } = sink(false);
    const p = new Progress(s, 'zh', { clock: () => t, quietMs: 0 });
    p.step('read', '20,000 rows');
    t = 2500; p.step('read', '40,000 rows');
    t = 3100; p.step('read', '60,000 rows');
    t = 3200; p.step('validate');
    expect(out).toEqual([
      'service-star: 读取 20,000 rows (0.0 s)\n',
      'service-star: 读取 60,000 rows (2.1 s)\n',
      'service-star: 校验 (2.2 s)\n',
    ]);
  });

  test('in a pipe: a count held back by the throttle is shown before the next step, so the last count is never lost', () => {
    let t = 0;
    const { out, sink: s } = sink(false);
    const p = new Progress(s, 'zh', { clock: () => t, quietMs: 0 });
    p.step('read');
    t = 100; p.step('read', '5 行');
    t = 200; p.step('read', '41 行');
    t = 300; p.step('read', '575 行');
    t = 400; p.step('validate');
    t = 500; p.step('compute');
    expect(out).toEqual([
      'service-star: 读取 (0.0 s)\n',
      'service-star: 读取 5 行 (0.1 s)\n',
      'service-star: 读取 575 行 (0.3 s)\n',
      'service-star: 校验 (0.4 s)\n',
      'service-star: 计算 (0.5 s)\n',
    ]);
  });

  test('on a terminal: a live line from the start, cleared at the end', () => {
    let t = 0;
    const { out, sink: s } = sink(true);
    const p = new Progress(s, 'en', { clock: () => t });
    t = 50; p.step('read', '10 rows');
    t = 300; p.step('compute');
    p.finish();
    expect(out).toEqual(['\r\x1b[Kservice-star: read 10 rows (0.1 s)', '\r\x1b[Kservice-star: compute (0.3 s)', '\r\x1b[K']);
  });
});
