/**
 * The one-pass floor for the command line on a CSV folder: a bare Node script
 * (no validation, no scheme, no diagnostics) that reads the same three CSV files
 * the smile-cards run needs (员工, 客户反馈, 奖惩记录), counts the same smile and
 * anger cards for 2026-Q3 and prints each group's winners as JSON. The whole
 * CLI process ÷ this whole process is the command line's overhead over the
 * cheapest program that gives the same answer. Built to dist/bench/csv-floor.js;
 * run as `node dist/bench/csv-floor.js <folder>`. The generated files hold no
 * quoted fields, which is what lets it split on commas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FROM = '2026-07-01';
const TO = '2026-09-30';

function lines(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  const out: string[][] = [];
  for (const line of text.split('\n')) if (line !== '') out.push(line.replace(/\r$/, '').split(','));
  return out;
}

interface Totals { smile: number; anger: number; exceeded: number }

function main(folder: string): void {
  const byStaff = new Map<string, Totals>();
  const get = (id: string): Totals => {
    let t = byStaff.get(id);
    if (!t) { t = { smile: 0, anger: 0, exceeded: 0 }; byStaff.set(id, t); }
    return t;
  };
  const feedback = lines(join(folder, '客户反馈.csv'));
  for (let i = 1; i < feedback.length; i++) {
    const [date, id, , rating] = feedback[i];
    if (date < FROM || date > TO) continue;
    const t = get(id);
    if (rating === '超越') { t.smile += 2; t.exceeded++; } else if (rating === '达到') t.smile += 1; else if (rating === '低于') t.anger += 2;
  }
  const incidents = lines(join(folder, '奖惩记录.csv'));
  for (let i = 1; i < incidents.length; i++) {
    const [date, id, type] = incidents[i];
    if (date < FROM || date > TO) continue;
    if (type === '愤怒卡' || type === '作业未达标') get(id).anger++;
  }
  const staff = lines(join(folder, '员工.csv'));
  const best = new Map<string, { smile: number; exceeded: number; ids: string[] }>();
  for (let i = 1; i < staff.length; i++) {
    const [id, , department, group, , , hire, , left] = staff[i];
    if (hire > TO || (left && left < TO)) continue;
    const t = byStaff.get(id);
    if (!t || t.anger !== 0 || t.smile < 1) continue;
    const key = group || department;
    const b = best.get(key);
    if (!b || t.smile > b.smile || (t.smile === b.smile && t.exceeded > b.exceeded)) best.set(key, { smile: t.smile, exceeded: t.exceeded, ids: [id] });
    else if (t.smile === b.smile && t.exceeded === b.exceeded) b.ids.push(id);
  }
  const winners: Record<string, string[]> = {};
  for (const [group, b] of [...best].sort((a, c) => (a[0] < c[0] ? -1 : 1))) winners[group] = b.ids.sort();
  process.stdout.write(`${JSON.stringify({ winners })}\n`);
}

main(process.argv[2]);
