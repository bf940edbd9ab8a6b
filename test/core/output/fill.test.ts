/**
 * `fill` splits each template once and keeps it: it must give exactly what the
 * one-line regex replacement it replaced gave, on odd templates too, and the
 * second time a template is used (from the kept split) as the first.
 */
import fc from 'fast-check';
import { fill } from '../../../core/output/labels';

const reference = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));

const CASES: [string, Record<string, string | number>][] = [
  ['', {}], ['abc', {}], ['{a}', { a: 1 }], ['{a}{b}', { a: 'x', b: 'y' }], ['x{a}y{zz}z', { a: '{b}', b: 'no' }],
  ['{missing} and {a}', { a: 0 }], ['{a', { a: 1 }], ['a}', {}], ['{{a}}', { a: 'q' }], ['{a-b}{a_b}', { a_b: 3 }],
  ['$&{a}$1', { a: '$&' }], ['{名字}', { 名字: 1 }], ['{a}{a}{a}', { a: 'r' }], ['差 {gap}（{measure}）', { gap: 14, measure: '微笑卡' }],
];

test.each(CASES)('%j as the regex replacement gave it, twice', (template, values) => {
  expect(fill(template, values)).toBe(reference(template, values));
  expect(fill(template, values)).toBe(reference(template, values));
});

test('random templates and values', () => {
  const piece = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('{a}', '{b}', '{c_1}', '{', '}', '{}', '{x'));
  fc.assert(fc.property(
    fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
    fc.record({ a: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), b: fc.constantFrom('{a}', '$&', '') }, { requiredKeys: [] }),
    (template, values) => fill(template, values) === reference(template, values) && fill(template, values) === reference(template, values),
  ), { numRuns: 2000, seed: 7 });
});
