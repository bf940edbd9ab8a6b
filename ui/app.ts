/**
 * The sidebar / task-pane UI shared by Google Sheets and Excel. It knows its host
 * only through a HostBridge (ui/bridge.ts). Plain DOM, no framework: every piece
 * of user data (tab names, staff names, messages) is inserted as a text node or
 * through textContent, never as HTML.
 */
import type { Lang } from '../core/types';
import type { PeriodKind } from '../core/periods';
import { lastCompletedPeriod, parsePeriod, periodOf, shiftPeriod } from '../core/periods';
import type { BridgeProgress, ComputeSummary, DiagnosticBrief, HostBridge, TemplateResult, WorkbookState } from './bridge';
import { CSS } from './styles';
import { TEXT, money, type Texts } from './i18n';
import { leftOutLines, outputTabTitle } from '../core/summary-lines';
import { createWhatIfPanel } from './whatif';
import { budgetChart, nearMissList, rankingCharts, statementPeople } from './explain';

export interface MountOptions {
  /** Force a language instead of the workbook's. */
  lang?: Lang;
  /** Open on the template picker (the host's *Insert template…* menu item). */
  view?: 'template';
}

export interface MountedApp {
  /** Re-read the workbook state (e.g. after the user edited tabs). */
  refresh(): Promise<void>;
  /** Switch the UI language. */
  setLang(lang: Lang): void;
}

/** Winners listed one by one; the rest are in the Bonus tab. */
export const WINNERS_SHOWN = 20;

type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown>;

/** Create an element; strings become text nodes (never parsed as HTML). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'disabled' || key === 'value' || key === 'selected') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

function injectCss(doc: Document): void {
  if (doc.getElementById('service-star-css')) return;
  const style = doc.createElement('style');
  style.id = 'service-star-css';
  style.textContent = CSS;
  doc.head.append(style);
}

/** Recent periods of a cadence for the picker: the current one and the eight before it. */
export function periodChoices(kind: PeriodKind, today: string): string[] {
  const current = periodOf(kind, today);
  const out: string[] = [];
  for (let i = 0; i <= 8; i++) out.push(shiftPeriod(current, -i).id);
  return out;
}

interface Model {
  lang: Lang;
  langForced: boolean;
  loading: boolean;
  loadError: string | null;
  state: WorkbookState | null;
  preset: string | null;
  period: string;
  periodTouched: boolean;
  running: boolean;
  step: string | null;
  summary: ComputeSummary | null;
  failure: string | null;
  notice: { kind: 'ok' | 'warning' | 'error'; text: string } | null;
  /** The period whose Finalize button was clicked once (the second click confirms). */
  confirmFinalize: string | null;
  /** The period whose finalizing was refused for pending appeals: offer to finalize anyway. */
  forceFinalize: string | null;
  /** Preset chosen in the template picker (null: the scheme preset). */
  templatePreset: string | null;
  /** The template picker is open (null: as `templateFirst`). */
  templateOpen: boolean | null;
  /** The picker comes first (an empty workbook or the *Insert template…* menu), decided on the first load. */
  templateFirst: boolean | null;
  inserting: boolean;
  /** The last insert's answer, kept in both languages (the 中文 / EN switch re-renders it). */
  template: { kind: 'ok' | 'warning' | 'error'; text: { zh: string; en: string } } | null;
  /** The person picked for a statement, and its text once read (null: not in the tab; undefined: reading). */
  statementFor: string | null;
  statementText: string | null | undefined;
}

/** Mount the UI into `root` and load the workbook state. */
export function mountApp(root: HTMLElement, bridge: HostBridge, options: MountOptions = {}): MountedApp {
  const doc = root.ownerDocument;
  injectCss(doc);
  const m: Model = {
    lang: options.lang ?? 'en', langForced: options.lang !== undefined, loading: true, loadError: null, state: null,
    preset: null, period: '', periodTouched: false, running: false, step: null, summary: null, failure: null, notice: null, confirmFinalize: null, forceFinalize: null,
    templatePreset: null, templateOpen: null, templateFirst: options.view === 'template' ? true : null, inserting: false, template: null,
    statementFor: null, statementText: undefined,
  };
  let computeButton: HTMLButtonElement | null = null;
  // *Try a change* (issue 17): its own state; Apply re-reads the workbook (the scheme is then the Scheme tab).
  const whatIf = createWhatIfPanel(bridge, () => render(), () => refresh());

  const t = (): Texts => TEXT[m.lang] as Texts;

  function cadence(): PeriodKind {
    const s = m.state;
    if (!s) return 'quarter';
    if (s.scheme && s.scheme.source === 'tab') return s.scheme.cadence;
    const preset = s.presets.find((p) => p.id === m.preset);
    return preset ? preset.cadence : s.scheme ? s.scheme.cadence : 'quarter';
  }

  function schemeBlocks(): boolean {
    const s = m.state?.scheme;
    return !!s && !s.valid;
  }

  function canCompute(): boolean {
    return !m.running && !m.inserting && !!m.state && !m.state.blocking && !schemeBlocks() && parsePeriod(m.period) !== null;
  }

  function activate(name: string): void {
    bridge.activateTab(name).catch((e: unknown) => {
      m.failure = errorText(e);
      render();
    });
  }

  async function refresh(): Promise<void> {
    m.loading = true;
    m.loadError = null;
    render();
    try {
      const state = await bridge.getState();
      m.state = state;
      if (!m.langForced) m.lang = state.lang === 'zh' ? 'zh' : 'en';
      if (m.preset === null || !state.presets.some((p) => p.id === m.preset)) {
        m.preset = state.scheme && state.scheme.source === 'preset' ? state.scheme.id : state.presets[0]?.id ?? null;
      }
      if (!m.periodTouched) m.period = state.defaultPeriod;
      if (m.templateFirst === null) m.templateFirst = state.tabs.length === 0;
    } catch (e) {
      m.loadError = errorText(e);
    } finally {
      m.loading = false;
      render();
    }
  }

  async function runCompute(force: boolean): Promise<void> {
    if (!canCompute()) return;
    m.running = true;
    m.step = null;
    m.summary = null;
    m.failure = null;
    m.notice = null;
    render();
    const onProgress: BridgeProgress = (step, fraction) => {
      m.step = step;
      const el = root.querySelector('.ss-step');
      // A long read (Excel streams a large workbook block by block) shows how far it is.
      const share = step === 'read' && fraction > 0 && fraction < 1 ? ` ${Math.floor(fraction * 100)}%` : '';
      if (el) el.textContent = (t().steps[step] ?? t().computing) + share;
    };
    whatIf.reset();
    m.statementFor = null;
    m.statementText = undefined;
    try {
      const usesTab = m.state?.scheme?.source === 'tab';
      m.summary = await bridge.compute({ period: m.period.trim(), preset: usesTab ? null : m.preset, force }, onProgress);
      const dataCheck = m.summary.outputs.find((o) => o.kind === 'datacheck');
      if (m.state && dataCheck) m.state = { ...m.state, dataCheckTab: dataCheck.name };
    } catch (e) {
      m.failure = errorText(e);
    } finally {
      m.running = false;
      m.step = null;
      render();
    }
  }

  async function runOptional(action: () => Promise<{ status: string; message: { zh: string; en: string } }>, refreshAfter: boolean): Promise<void> {
    m.notice = null;
    m.failure = null;
    try {
      const r = await action();
      m.notice = { kind: r.status === 'fatal' ? 'error' : r.status === 'refused' || r.status === 'exists' ? 'warning' : 'ok', text: r.message[m.lang] };
    } catch (e) {
      m.failure = errorText(e);
    }
    if (refreshAfter) await refresh();
    else render();
  }

  /** Insert a preset's template; the host adds only the tabs the workbook lacks. */
  async function runInsert(preset: string): Promise<void> {
    if (!bridge.insertTemplate || m.inserting || m.running) return;
    m.inserting = true;
    m.template = null;
    render();
    try {
      const r: TemplateResult = await bridge.insertTemplate(preset);
      const kind = r.status === 'inserted' ? 'ok' : r.status === 'fatal' ? 'error' : 'warning';
      m.template = { kind, text: { zh: r.message.zh, en: r.message.en } };
    } catch (e) {
      const reason = errorText(e);
      m.template = { kind: 'error', text: { zh: TEXT.zh.failed + reason, en: TEXT.en.failed + reason } };
    }
    m.inserting = false;
    m.templateOpen = true;
    // The new tabs (a Scheme tab among them) change what is in force and the default period.
    await refresh();
  }

  // ---- rendering ----

  function header(): HTMLElement {
    return h('div', { class: 'ss-head' },
      h('h1', {}, t().title),
      h('button', {
        class: 'ss-lang', type: 'button', title: t().otherLangTitle, 'data-testid': 'lang',
        onclick: () => { m.lang = m.lang === 'zh' ? 'en' : 'zh'; m.langForced = true; render(); },
      }, t().otherLang));
  }

  function schemeSection(s: WorkbookState): HTMLElement {
    const sec = h('section', { class: 'ss-sec', 'data-testid': 'scheme' }, h('h2', {}, t().scheme));
    const scheme = s.scheme;
    if (scheme && scheme.source === 'tab') {
      const tab = scheme.tab ?? '';
      sec.append(h('div', { 'data-testid': 'scheme-source' }, `${t().inForce}${t().schemeTab} `,
        h('button', { class: 'ss-link', type: 'button', onclick: () => activate(tab) }, tab),
        scheme.valid ? ` — ${scheme.name[m.lang]}` : null));
    } else if (s.presets.length > 0) {
      sec.append(h('div', { class: 'ss-hint', 'data-testid': 'scheme-source' }, `${t().inForce}${t().presetNoTab}`));
      const select = h('select', {
        'aria-label': t().preset, 'data-testid': 'preset',
        onchange: (ev: Event) => {
          m.preset = (ev.target as HTMLSelectElement).value;
          if (!m.periodTouched && m.state) m.period = lastCompletedPeriod(cadence(), m.state.today).id;
          render();
        },
      }, ...s.presets.map((p) => h('option', { value: p.id, selected: p.id === m.preset }, `${p.name[m.lang]} (${t().cadence[p.cadence]})`)));
      sec.append(select);
    } else {
      sec.append(h('div', { class: 'ss-hint' }, t().noPreset));
    }
    if (scheme) {
      const applies = scheme.source === 'tab' || scheme.id === m.preset;
      if (applies) {
        sec.append(h('div', { class: scheme.valid ? 'ss-ok ss-hint' : 'ss-bad ss-hint', 'data-testid': 'scheme-state' },
          scheme.valid ? `✓ ${t().valid} · ${t().cadence[scheme.cadence]}` : `✗ ${t().invalid}`));
        // The first error, where it is: what to fix before Compute is offered.
        const first = scheme.valid ? -1 : scheme.problems.findIndex((p) => p.severity === 'error');
        scheme.problems.forEach((p, i) => sec.append(i === first
          ? h('div', { class: 'ss-msg error', role: 'alert', 'data-testid': 'scheme-error' }, p.text[m.lang])
          : diagLine(p)));
      }
    }
    return sec;
  }

  /** The template picker: a preset, what it adds, and Insert (only when the host can insert). */
  function templateSection(s: WorkbookState, open: boolean): HTMLElement | null {
    const insert = bridge.insertTemplate;
    if (!insert || s.presets.length === 0) return null;
    const chosen = m.templatePreset ?? m.preset ?? s.presets[0].id;
    const select = h('select', {
      'aria-label': t().templatePreset, 'data-testid': 'template-preset',
      onchange: (ev: Event) => { m.templatePreset = (ev.target as HTMLSelectElement).value; },
    }, ...s.presets.map((p) => h('option', { value: p.id, selected: p.id === chosen }, `${p.name[m.lang]} (${t().cadence[p.cadence]})`)));
    const details = h('details', {
      class: 'ss-sec ss-details ss-template', 'data-testid': 'template', open,
      ontoggle: () => { m.templateOpen = details.open; },
    },
    h('summary', {}, t().templateTitle),
    h('div', { class: 'ss-hint' }, t().templateHint),
    select,
    h('button', {
      class: 'ss-btn secondary', type: 'button', 'data-testid': 'insert-template', disabled: m.inserting || m.running,
      onclick: () => { void runInsert(select.value); },
    }, m.inserting ? t().inserting : t().insertTemplate),
    m.template ? h('div', { class: `ss-msg ${m.template.kind}`, 'data-testid': 'template-result' }, m.template.text[m.lang]) : null);
    return details;
  }

  function periodSection(s: WorkbookState): HTMLElement {
    const listId = 'ss-periods';
    const invalid = parsePeriod(m.period) === null;
    const hint = h('div', { class: invalid ? 'ss-hint ss-bad' : 'ss-hint', 'data-testid': 'period-hint' }, invalid ? t().periodInvalid : t().periodHint);
    const input = h('input', {
      type: 'text', value: m.period, list: listId, 'aria-label': t().period, 'data-testid': 'period',
      'aria-invalid': invalid ? 'true' : 'false', spellcheck: 'false', autocomplete: 'off',
      oninput: (ev: Event) => {
        m.period = (ev.target as HTMLInputElement).value;
        m.periodTouched = true;
        const bad = parsePeriod(m.period) === null;
        input.setAttribute('aria-invalid', bad ? 'true' : 'false');
        hint.className = bad ? 'ss-hint ss-bad' : 'ss-hint';
        hint.textContent = bad ? t().periodInvalid : t().periodHint;
        if (computeButton) computeButton.disabled = !canCompute();
        showFinal();
      },
    });
    // Updated in place, never by a re-render: a re-render when the field loses focus would
    // replace the button being clicked (Compute, a tab link) between mousedown and click.
    const finalSlot = h('div', {});
    const showFinal = (): void => {
      const canonical = parsePeriod(m.period)?.id ?? null;
      finalSlot.replaceChildren(...(canonical !== null && s.finalPeriods.includes(canonical)
        ? [h('div', { class: 'ss-hint', 'data-testid': 'period-final' }, `🔒 ${t().isFinal(canonical)}`)] : []));
    };
    showFinal();
    return h('section', { class: 'ss-sec' }, h('h2', {}, t().period), input,
      h('datalist', { id: listId }, ...periodChoices(cadence(), s.today).map((p) => h('option', { value: p }))), hint, finalSlot);
  }

  function counts(d: { error: number; warning: number; info: number }): HTMLElement {
    return h('div', { 'data-testid': 'counts' },
      h('span', { class: `ss-badge${d.error ? ' error' : ''}` }, t().errors(d.error)),
      h('span', { class: `ss-badge${d.warning ? ' warning' : ''}` }, t().warnings(d.warning)),
      h('span', { class: 'ss-badge' }, t().infos(d.info)));
  }

  function diagLine(d: DiagnosticBrief): HTMLElement {
    return h('div', { class: `ss-diag ${d.severity === 'error' ? 'ss-bad' : ''}` }, d.text[m.lang]);
  }

  function dataSection(s: WorkbookState): HTMLElement {
    const sec = h('section', { class: 'ss-sec', 'data-testid': 'data' }, h('h2', {}, t().data));
    if (s.blocking) sec.append(h('div', { class: 'ss-msg error', role: 'alert', 'data-testid': 'blocking' }, s.blocking[m.lang]));
    if (s.tabs.length === 0) sec.append(h('div', { class: 'ss-hint' }, t().noInputTabs));
    else sec.append(h('ul', { class: 'ss-tabs' }, ...s.tabs.map((tab) =>
      h('li', {}, h('button', { class: 'ss-link', type: 'button', onclick: () => activate(tab.name) }, tab.name), h('span', { class: 'n' }, t().rows(tab.rows))))));
    sec.append(counts(s.diagnostics));
    if (s.topDiagnostics.length) {
      sec.append(h('details', { class: 'ss-details' }, h('summary', {}, t().details), ...s.topDiagnostics.map(diagLine)));
    }
    if (s.dataCheckTab) {
      const name = s.dataCheckTab;
      sec.append(h('button', { class: 'ss-link', type: 'button', 'data-testid': 'open-datacheck', onclick: () => activate(name) }, `${t().openDataCheck} (${name})`));
    }
    return sec;
  }

  function computeSection(): HTMLElement {
    computeButton = h('button', {
      class: 'ss-btn', type: 'button', 'data-testid': 'compute', disabled: !canCompute(),
      onclick: () => { void runCompute(false); },
    }, m.running ? t().computing : t().compute);
    const sec = h('section', { class: 'ss-sec' }, computeButton);
    if (m.running) {
      sec.append(h('div', { class: 'ss-progress', role: 'progressbar', 'aria-label': t().computing }, h('div', {})),
        h('div', { class: 'ss-step' }, (m.step && t().steps[m.step]) || t().computing));
    }
    if (schemeBlocks() && !m.running) sec.append(h('div', { class: 'ss-hint ss-bad', 'data-testid': 'compute-hint' }, t().fixSchemeFirst));
    if (bridge.finalize && m.summary?.status === 'computed' && !m.running && !m.state?.finalPeriods.includes(m.summary.period)) {
      const period = m.summary.period;
      const confirming = m.confirmFinalize === period;
      sec.append(h('button', {
        class: 'ss-btn secondary', type: 'button', 'data-testid': 'finalize',
        onclick: () => {
          if (!confirming) {
            m.confirmFinalize = period;
            render();
            return;
          }
          m.confirmFinalize = null;
          void runOptional(async () => {
            const r = await bridge.finalize!(period);
            // Refused while pending appeals have stakes (SPEC §10): the user may finalize anyway.
            m.forceFinalize = r.status === 'refused' && m.summary?.disputes?.length ? period : null;
            return r;
          }, true);
        },
      }, confirming ? t().confirmFinalize(period) : `${t().finalize} ${period}`));
      if (m.forceFinalize === period) {
        sec.append(h('button', {
          class: 'ss-btn secondary', type: 'button', 'data-testid': 'finalize-force',
          onclick: () => {
            m.forceFinalize = null;
            void runOptional(() => bridge.finalize!(period, true), true);
          },
        }, t().finalizeAnyway(period)));
      }
    }
    if (m.notice) sec.append(h('div', { class: `ss-msg ${m.notice.kind}`, 'data-testid': 'notice' }, m.notice.text));
    if (m.failure) sec.append(h('div', { class: 'ss-msg error', role: 'alert', 'data-testid': 'failure' }, t().failed + m.failure));
    return sec;
  }

  /** The Disputes section: each pending appeal with what it puts at stake, in words (names rendered as text). */
  function disputesPart(list: NonNullable<ComputeSummary['disputes']>): HTMLElement[] {
    return [
      h('h2', {}, t().disputes),
      h('div', { class: 'ss-hint' }, t().disputesHint),
      h('ul', { class: 'ss-list', 'data-testid': 'disputes' }, ...list.map((d) =>
        h('li', {},
          h('div', { class: 'who' }, d.alternative[m.lang].charAt(0).toUpperCase() + d.alternative[m.lang].slice(1)),
          h('div', { class: 'meta' }, t().disputeRef(d.row, d.staffId, d.target.tab, d.target.row))))),
    ];
  }

  /** Pick a person, read their statement from the Statements tab through the host (SPEC §9); shown as selectable text. */
  function statementSection(s: ComputeSummary): HTMLElement[] | null {
    const tab = s.outputs.find((o) => o.kind === 'statements');
    const people = statementPeople(s);
    if (!bridge.statement || !tab || people.length === 0) return null;
    const pick = async (id: string): Promise<void> => {
      m.statementFor = id || null;
      m.statementText = undefined;
      render();
      if (!id) return;
      try {
        const text = await bridge.statement!(tab.name, id);
        if (m.statementFor === id) m.statementText = text;
      } catch (e) {
        m.failure = errorText(e);
      }
      render();
    };
    const select = h('select', {
      'aria-label': t().pickPerson, 'data-testid': 'statement-person',
      onchange: (ev: Event) => { void pick((ev.target as HTMLSelectElement).value); },
    }, h('option', { value: '', selected: m.statementFor === null }, t().pickPerson),
    ...people.map((p) => h('option', { value: p.staffId, selected: p.staffId === m.statementFor }, p.name ? `${p.name} (${p.staffId})` : p.staffId)));
    const out: HTMLElement[] = [h('h2', { style: 'margin-top:10px' }, t().statement), select];
    if (m.statementFor !== null) {
      out.push(m.statementText === undefined ? h('div', { class: 'ss-hint', 'data-testid': 'statement-loading' }, t().statementLoading)
        : m.statementText === null ? h('div', { class: 'ss-hint', 'data-testid': 'statement-missing' }, t().noStatement)
          : h('pre', { class: 'ss-statement', 'data-testid': 'statement' }, m.statementText));
    }
    return out;
  }

  function resultSection(s: ComputeSummary): HTMLElement {
    const sec = h('section', { class: 'ss-sec', 'data-testid': 'result' });
    if (s.status !== 'computed') {
      const kind = s.status === 'fatal' ? 'error' : 'warning';
      sec.append(h('div', { class: `ss-msg ${kind}`, role: 'alert', 'data-testid': 'result-message' }, s.message ? s.message[m.lang] : s.status));
      if (s.status === 'refused') {
        sec.append(h('button', { class: 'ss-btn secondary', type: 'button', 'data-testid': 'force', onclick: () => { void runCompute(true); } }, t().force));
      }
      return sec;
    }
    sec.append(h('div', { class: 'ss-msg ok', 'data-testid': 'result-message' }, t().computed(s.period)));
    // Rows left out could change the results: shown before them (SPEC §8).
    if (s.leftOut) {
      const l = leftOutLines(s.leftOut, m.lang);
      sec.append(h('div', { class: 'ss-msg warning', role: 'alert', 'data-testid': 'left-out' },
        h('div', {}, l.headline), ...l.details.map((d) => h('div', { class: 'meta' }, d))));
    }
    for (const e of s.emptyWindows ?? []) sec.append(h('div', { class: 'ss-msg warning', 'data-testid': 'empty-window' }, e[m.lang]));

    // Pending appeals could change the results below: they come first (SPEC §8, §10).
    if (s.disputes?.length) sec.append(...disputesPart(s.disputes));

    sec.append(h('h2', {}, t().winners));
    if (s.winners.length === 0) sec.append(h('div', { class: 'ss-hint' }, t().noWinners));
    else {
      const shown = s.winners.slice(0, WINNERS_SHOWN);
      sec.append(h('ul', { class: 'ss-list', 'data-testid': 'winners' }, ...shown.map((w) =>
        h('li', {},
          h('span', { class: 'amt' }, money(w.amount)),
          h('div', { class: 'who' }, h('span', { class: 'name' }, w.name || w.staffId), w.tie ? h('span', { class: 'ss-badge tie' }, t().tie) : null,
            w.pending ? h('span', { class: 'ss-badge pending', 'data-testid': 'pending-badge' }, t().pendingAppeal) : null),
          h('div', { class: 'meta' }, (w.forWinner
            ? [w.awardName[m.lang], t().forWinner(w.forWinner.name || w.forWinner.staffId), w.staffId]
            : [w.awardName[m.lang], w.scope ? w.scopeName?.[m.lang] ?? w.scope : '', `#${w.rank}`, w.staffId]).filter(Boolean).join(' · '))))));
      const bonusTab = s.outputs.find((o) => o.kind === 'bonus');
      if (s.winners.length > shown.length) {
        const more = t().moreWinners(s.winners.length - shown.length);
        sec.append(bonusTab
          ? h('button', { class: 'ss-link', type: 'button', 'data-testid': 'more-winners', onclick: () => activate(bonusTab.name) }, `${more} — ${bonusTab.name}`)
          : h('div', { class: 'ss-hint', 'data-testid': 'more-winners' }, more));
      }
    }

    // Rank and gap of the people nearest the last winning place (SPEC §8), from the same standings as the Ranking tab.
    const runners = s.runnersUp ?? [];
    if (runners.length) {
      sec.append(h('h2', { style: 'margin-top:10px' }, t().runnersUp));
      sec.append(h('ul', { class: 'ss-list', 'data-testid': 'runners-up' }, ...runners.slice(0, WINNERS_SHOWN).map((r) =>
        h('li', {},
          h('span', { class: 'amt' }, r.gap[m.lang]),
          h('div', { class: 'who' }, h('span', { class: 'name' }, r.name || r.staffId)),
          h('div', { class: 'meta' }, [r.awardName[m.lang], r.scopeName[m.lang], `#${r.rank}`, r.staffId].filter(Boolean).join(' · '))))));
    }

    // "差一点" (SPEC §9): the closest near misses per award, as sentences (text nodes).
    sec.append(...nearMissList(doc, s, m.lang, t()));

    // Which data changed for the people whose result moved since the last run (SPEC §8).
    if (s.dataChanges?.length) {
      sec.append(h('h2', { style: 'margin-top:10px' }, t().dataChanges));
      sec.append(h('ul', { class: 'ss-list', 'data-testid': 'data-changes' }, ...s.dataChanges.slice(0, WINNERS_SHOWN).map((c) => h('li', {}, c))));
    }

    if (s.awards.length) {
      sec.append(h('h2', { style: 'margin-top:10px' }, t().paidVsBudget));
      const list = h('ul', { class: 'ss-list', 'data-testid': 'budgets' });
      for (const a of s.awards) {
        const li = h('li', {}, h('span', { class: 'amt' }, a.budget === null ? money(a.paid) : `${money(a.paid)} / ${money(a.budget)}`), h('div', {}, a.name[m.lang]));
        if (a.budget !== null && a.budget > 0) {
          const pct = Math.max(0, Math.min(100, (a.paid / a.budget) * 100));
          li.append(h('div', { class: 'ss-bar' }, h('div', { style: `width:${pct.toFixed(1)}%` })));
          if (a.budget > a.paid) li.append(h('div', { class: 'meta' }, t().unspent(money(a.budget - a.paid))));
        }
        list.append(li);
      }
      list.append(h('li', {}, h('span', { class: 'amt' }, money(s.totalPaid)), h('div', { class: 'who' }, t().total)));
      sec.append(list);
    }

    // Pictures (SPEC §9): inline SVG built with DOM calls; labels are text nodes.
    const pictures = [...rankingCharts(doc, s), budgetChart(doc, s, m.lang, t())].filter((p): p is SVGElement => p !== null);
    if (pictures.length) sec.append(h('h2', { style: 'margin-top:10px' }, t().pictures), h('div', { class: 'ss-charts', 'data-testid': 'pictures' }, ...pictures));

    const statementPart = statementSection(s);
    if (statementPart) sec.append(...statementPart);

    if (s.diagnostics.error + s.diagnostics.warning > 0) {
      sec.append(h('h2', { style: 'margin-top:10px' }, t().warningsTitle), counts(s.diagnostics), ...s.warnings.map(diagLine));
    }

    if (s.outputs.length) {
      sec.append(h('h2', { style: 'margin-top:10px' }, t().outputs));
      sec.append(h('ul', { class: 'ss-tabs', 'data-testid': 'outputs' }, ...s.outputs.map((o) =>
        h('li', {}, h('button', { class: 'ss-link', type: 'button', onclick: () => activate(o.name) }, outputTabTitle(o, m.lang))))));
    }
    return sec;
  }

  function render(): void {
    const app = h('div', { class: 'ss-app', lang: m.lang === 'zh' ? 'zh-CN' : 'en' }, header());
    computeButton = null;
    if (m.loading && !m.state) {
      app.append(h('div', { class: 'ss-hint', 'data-testid': 'loading' }, t().loading));
    } else if (m.loadError && !m.state) {
      app.append(h('div', { class: 'ss-msg error', role: 'alert', 'data-testid': 'load-error' }, t().loadFailed + m.loadError),
        h('button', { class: 'ss-btn secondary', type: 'button', onclick: () => { void refresh(); } }, t().retry));
    } else if (m.state) {
      // An empty workbook, or the menu's *Insert template…*: the picker comes first, open.
      const first = m.templateFirst === true;
      const template = templateSection(m.state, m.templateOpen ?? first);
      if (first && template) app.append(template);
      app.append(schemeSection(m.state), periodSection(m.state), dataSection(m.state), computeSection());
      const tryChange = whatIf.section({ lang: m.lang, period: m.period.trim(), preset: m.state.scheme?.source === 'tab' ? null : m.preset, busy: m.running });
      if (tryChange) app.append(tryChange);
      if (m.summary) app.append(resultSection(m.summary));
      if (!first && template) app.append(template);
    }
    root.replaceChildren(app);
  }

  void refresh();
  return {
    refresh,
    setLang(lang: Lang) {
      m.lang = lang;
      m.langForced = true;
      render();
    },
  };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
