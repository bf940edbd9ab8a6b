/**
 * ShownTexts (core/explain/rows.ts), the table that keeps one text per shown row
 * of a statement: against a Map on random keys (large ones too, past 2^31, and
 * keys that collide in the table), through growth and through clears.
 */
import { ShownTexts } from '../../../core/explain/rows';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('ShownTexts', () => {
  test('answers as a Map would, person after person, through growth', () => {
    const r = rng(7);
    const table = new ShownTexts();
    let checked = 0;
    for (let person = 0; person < 200; person++) {
      table.clear();
      const map = new Map<number, string>();
      // Some people show a few rows, some many (the table grows past its first size).
      const n = person % 10 === 0 ? 2000 : Math.floor(r() * 60);
      for (let k = 0; k < n; k++) {
        // Row positions times 1024 plus a kind, as eachShown makes them; now and then a key past 2^31,
        // and keys 256 apart, which land in the same slot of a table of 256.
        const key = r() < 0.1 ? 4294967296 * 3 + Math.floor(r() * 1e6) : r() < 0.2 ? 256 * Math.floor(r() * 50) : Math.floor(r() * 1_000_000) * 1024 + (k % 3);
        expect(table.get(key)).toBe(map.get(key));
        const text = `${person}:${key}`;
        if (!map.has(key)) {
          map.set(key, text);
          table.set(key, text);
        }
        checked++;
      }
      for (const [key, text] of map) expect(table.get(key)).toBe(text);
      // A key never set this person is not found, whatever an earlier person left.
      expect(table.get(-1)).toBeUndefined();
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  test('keys that differ only past 32 bits are different keys', () => {
    const table = new ShownTexts();
    const low = 12 * 1024 + 1;
    table.set(low, 'low');
    table.set(low + 2 ** 32, 'high');
    table.set(low + 2 ** 33, 'higher');
    expect([table.get(low), table.get(low + 2 ** 32), table.get(low + 2 ** 33)]).toEqual(['low', 'high', 'higher']);
  });

  test('a clear forgets everything set before it', () => {
    const table = new ShownTexts();
    for (let k = 0; k < 1000; k++) table.set(k * 1024, `t${k}`);
    table.clear();
    for (let k = 0; k < 1000; k++) expect(table.get(k * 1024)).toBeUndefined();
    table.set(5 * 1024, 'again');
    expect(table.get(5 * 1024)).toBe('again');
  });
});
