/** Shared helpers for the engine golden tests: load a hand-built fixture and compute it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook, type ComputeOutcome } from '../../../core/orchestrator';
import type { Cell, Lang, OutputTab, RawTab } from '../../../core/types';

export function fixture(name: string): RawTab[] {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'presets', `${name}.json`), 'utf8')) as RawTab[];
}

export function run(tabs: RawTab[], preset: string, period: string, lang: Lang = 'en'): ComputeOutcome {
  return computeWorkbook(tabs, { period, preset, lang, now: '2026-12-31T00:00:00Z' });
}

export function tab(out: ComputeOutcome, kind: OutputTab['kind']): OutputTab {
  const t = out.outputs.find((o) => o.kind === kind);
  if (!t) throw new Error(`no ${kind} tab`);
  return t;
}

/** Rows of an output tab as objects keyed by header. */
export function records(t: OutputTab): Record<string, Cell>[] {
  const [header, ...rows] = t.rows;
  return rows.filter((r) => r.length).map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? null])));
}

/** Ranking rows by staff id. */
export function rankingById(out: ComputeOutcome): Record<string, Record<string, Cell>> {
  const t = tab(out, 'ranking');
  const header = t.rows[0].map(String);
  const idCol = header.findIndex((h) => h === 'Staff ID' || h === '工号');
  return Object.fromEntries(records(t).map((r) => [String(r[header[idCol]]), r]));
}

export function diagCodes(out: ComputeOutcome): string[] {
  return out.diagnostics.map((d) => `${d.severity}:${d.code}:${d.tab}:${d.row ?? ''}:${d.column}`);
}
