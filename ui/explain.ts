/**
 * The result's explanations in the sidebar / task pane (SPEC §9): the near misses
 * ("差一点") and the paid-against-budget picture, drawn as inline SVG with DOM APIs.
 * Names and labels are text nodes (createTextNode), never markup, so a staff or
 * award name written as HTML stays text.
 */
import type { Lang } from '../core/types';
import type { ComputeSummary } from './bridge';
import { money, type Texts } from './i18n';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(doc: Document, tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = doc.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.append(doc.createTextNode(text));
  return el;
}

/** The "差一点" list: one sentence per near miss, as text. */
export function nearMissList(doc: Document, s: ComputeSummary, lang: Lang, t: Texts): HTMLElement[] {
  const list = s.nearMisses ?? [];
  if (list.length === 0) return [];
  const h2 = doc.createElement('h2');
  h2.style.marginTop = '10px';
  h2.textContent = t.nearMisses;
  const ul = doc.createElement('ul');
  ul.className = 'ss-list';
  ul.setAttribute('data-testid', 'near-misses');
  for (const n of list) {
    const li = doc.createElement('li');
    li.textContent = n.text[lang];
    ul.append(li);
  }
  return [h2, ul];
}

/** Horizontal bars: per line a label, the bar (a longer `max` bar behind it), then the value right-aligned. */
export function barChart(doc: Document, testId: string, title: string,
  bars: { label: string; value: number; max: number; valueText: string }[]): SVGElement {
  const width = 260;
  const rowH = 42;
  const top = 18;
  const svg = svgEl(doc, 'svg', { width, height: top + bars.length * rowH + 4, viewBox: `0 0 ${width} ${top + bars.length * rowH + 4}`, role: 'img', 'data-testid': testId, class: 'ss-chart' });
  svg.append(svgEl(doc, 'title', {}, title));
  svg.append(svgEl(doc, 'text', { x: 0, y: 12, class: 'ss-chart-title' }, title));
  const scale = Math.max(1, ...bars.map((b) => Math.max(b.value, b.max)));
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    // Value on its own line above the bar, right-aligned, so a long label never hides it.
    svg.append(svgEl(doc, 'text', { x: 0, y: y + 10, class: 'ss-chart-label' }, b.label));
    const barW = width - 2;
    if (b.max > 0) svg.append(svgEl(doc, 'rect', { x: 0, y: y + 14, width: (b.max / scale) * barW, height: 10, class: 'ss-chart-budget' }));
    svg.append(svgEl(doc, 'rect', { x: 0, y: y + 14, width: Math.max(1, (b.value / scale) * barW), height: 10, class: 'ss-chart-bar' }));
    svg.append(svgEl(doc, 'text', { x: width, y: y + 34, 'text-anchor': 'end', class: 'ss-chart-value' }, b.valueText));
  });
  return svg;
}

/** Paid against budget per award (budget drawn behind paid; fixed prizes have no budget bar). */
export function budgetChart(doc: Document, s: ComputeSummary, lang: Lang, t: Texts): SVGElement | null {
  if (s.awards.length === 0) return null;
  return barChart(doc, 'chart-budget', t.chartBudget, s.awards.map((a) => ({
    label: a.name[lang], value: a.paid, max: a.budget ?? 0,
    valueText: a.budget === null ? money(a.paid) : `${money(a.paid)} / ${money(a.budget)}`,
  })));
}

/** The ranking measure per scope: one SVG per scope chart of the Ranking tab (its first bars). */
export function rankingCharts(doc: Document, s: ComputeSummary): SVGElement[] {
  return (s.rankingCharts ?? []).map((c) => {
    return barChart(doc, 'chart-ranking', c.title, c.bars.map((b) => ({
      label: b.name || b.staffId, value: Math.max(0, b.value), max: 0, valueText: formatValue(b.value),
    })));
  });
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** People the picker offers: the winners, the closest to winning and the near misses (compact whatever the staff size). */
export function statementPeople(s: ComputeSummary): { staffId: string; name: string }[] {
  const seen = new Map<string, string>();
  const add = (id: string, name: string): void => {
    if (!id) return;
    if (!seen.has(id) || (!seen.get(id) && name)) seen.set(id, name);
  };
  for (const w of s.winners) add(w.staffId, w.name);
  for (const r of s.runnersUp ?? []) add(r.staffId, r.name);
  for (const n of s.nearMisses ?? []) add(n.staffId, '');
  return [...seen].map(([staffId, name]) => ({ staffId, name }));
}
