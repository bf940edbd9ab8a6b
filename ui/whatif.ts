/**
 * *Try a change* (SPEC §11) in the shared sidebar / task pane: the scheme's
 * common one-cell edits with their current values, *Preview* (the difference,
 * nothing written) and *Apply* (the edited scheme into the Scheme tab; Compute
 * then writes the results). Talks to the host only through the bridge's
 * optional previewWhatIf / applyWhatIf. User data is always a text node.
 */
import type { Lang } from '../core/types';
import type { HostBridge, WhatIfView } from './bridge';

const TEXTS = {
  zh: {
    open: '试算改动', close: '收起试算', title: '试算改动（不写入工作簿）', loading: '正在读取…', previewing: '正在试算…',
    preview: '预览', apply: '应用到“方案”表', applying: '正在写入…', none: '请先修改至少一项', yes: '是', no: '否',
    hint: '修改下面的数值后点击“预览”：只显示结果会如何变化，不写入任何表。',
  },
  en: {
    open: 'Try a change', close: 'Close Try a change', title: 'Try a change (nothing is written)', loading: 'Reading…', previewing: 'Previewing…',
    preview: 'Preview', apply: 'Apply to the Scheme tab', applying: 'Writing…', none: 'Change at least one value first', yes: 'yes', no: 'no',
    hint: 'Change values below, then Preview: you see what would change; nothing is written.',
  },
} as const;

export interface WhatIfContext {
  lang: Lang;
  period: string;
  /** Preset id when the workbook has no Scheme tab, else null. */
  preset: string | null;
  /** Another task (Compute) is running. */
  busy: boolean;
}

export interface WhatIfPanel {
  /** The section, or null when the host has no what-if. */
  section(ctx: WhatIfContext): HTMLElement | null;
  /** Forget the list and the difference (after a Compute: values may have changed). */
  reset(): void;
}

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = String(v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'disabled' || k === 'value' || k === 'selected') (e as unknown as Record<string, unknown>)[k] = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** `rerender` redraws the whole UI; `afterApply` re-reads the workbook (the scheme is now the Scheme tab). */
export function createWhatIfPanel(bridge: HostBridge, rerender: () => void, afterApply: () => Promise<void>): WhatIfPanel {
  const s = {
    open: false, loading: false, applying: false,
    options: null as WhatIfView | null,
    values: new Map<string, string>(),
    result: null as WhatIfView | null,
    message: null as { kind: 'ok' | 'error'; text: { zh: string; en: string } } | null,
    key: '',
  };

  const edits = () => (s.options?.edits ?? [])
    .filter((e) => s.values.has(e.key) && s.values.get(e.key)!.trim() !== e.value[s.options!.lang].trim() && s.values.get(e.key)!.trim() !== e.value.zh.trim() && s.values.get(e.key)!.trim() !== e.value.en.trim())
    .map((e) => ({ key: e.key, value: s.values.get(e.key)!.trim() }));

  async function load(ctx: WhatIfContext): Promise<void> {
    s.loading = true;
    s.result = null;
    s.message = null;
    rerender();
    try {
      s.options = await bridge.previewWhatIf!({ period: ctx.period, preset: ctx.preset, edits: [] });
      s.values = new Map();
      if (s.options.status === 'fatal' && s.options.message) s.message = { kind: 'error', text: s.options.message };
    } catch (e) {
      s.message = { kind: 'error', text: { zh: String((e as Error).message ?? e), en: String((e as Error).message ?? e) } };
    } finally {
      s.loading = false;
      rerender();
    }
  }

  async function preview(ctx: WhatIfContext): Promise<void> {
    const list = edits();
    s.message = null;
    if (!list.length) {
      s.message = { kind: 'error', text: { zh: TEXTS.zh.none, en: TEXTS.en.none } };
      rerender();
      return;
    }
    s.loading = true;
    rerender();
    try {
      s.result = await bridge.previewWhatIf!({ period: ctx.period, preset: ctx.preset, edits: list });
      if (s.result.status !== 'previewed' && s.result.message) s.message = { kind: 'error', text: s.result.message };
    } catch (e) {
      s.message = { kind: 'error', text: { zh: String((e as Error).message ?? e), en: String((e as Error).message ?? e) } };
    } finally {
      s.loading = false;
      rerender();
    }
  }

  async function apply(ctx: WhatIfContext): Promise<void> {
    const list = edits();
    if (!list.length || !bridge.applyWhatIf) return;
    s.applying = true;
    rerender();
    try {
      const out = await bridge.applyWhatIf({ period: ctx.period, preset: ctx.preset, edits: list });
      s.message = out.message ? { kind: out.status === 'applied' ? 'ok' : 'error', text: out.message } : null;
      if (out.status === 'applied') {
        s.options = null;
        s.result = null;
        s.values = new Map();
        s.open = false;
        await afterApply();
      }
    } catch (e) {
      s.message = { kind: 'error', text: { zh: String((e as Error).message ?? e), en: String((e as Error).message ?? e) } };
    } finally {
      s.applying = false;
      rerender();
    }
  }

  function editRow(e: WhatIfView['edits'][number], lang: Lang): HTMLElement {
    const t = TEXTS[lang];
    const current = s.values.get(e.key) ?? e.value[lang];
    const set = (v: string) => { s.values.set(e.key, v); };
    const input = e.input === 'boolean'
      ? el('select', { 'data-key': e.key, 'aria-label': e.label[lang], onchange: (ev: Event) => set((ev.target as HTMLSelectElement).value) },
        el('option', { value: t.yes, selected: current === TEXTS.zh.yes || current === TEXTS.en.yes }, t.yes),
        el('option', { value: t.no, selected: current === TEXTS.zh.no || current === TEXTS.en.no }, t.no))
      : el('input', { type: 'text', inputmode: e.input === 'text' ? undefined : 'decimal', 'data-key': e.key, 'aria-label': e.label[lang], value: current, oninput: (ev: Event) => set((ev.target as HTMLInputElement).value) });
    return el('li', { class: 'ss-whatif-row' }, el('label', {}, el('span', { class: 'ss-whatif-label' }, e.label[lang]), input));
  }

  return {
    reset() {
      s.options = null;
      s.result = null;
      s.values = new Map();
    },
    section(ctx) {
      if (!bridge.previewWhatIf) return null;
      const t = TEXTS[ctx.lang];
      const key = `${ctx.period}\u0000${ctx.preset ?? ''}`;
      if (key !== s.key) {
        s.key = key;
        s.options = null;
        s.result = null;
      }
      const toggle = el('button', {
        class: 'ss-btn secondary', type: 'button', 'data-testid': 'whatif-open', disabled: ctx.busy || s.loading,
        onclick: () => { s.open = !s.open; if (s.open && !s.options) void load(ctx); else rerender(); },
      }, s.open ? t.close : t.open);
      const sec = el('section', { class: 'ss-sec', 'data-testid': 'whatif' }, toggle);
      if (s.message && !s.open) sec.append(el('div', { class: `ss-msg ${s.message.kind}`, 'data-testid': 'whatif-message' }, s.message.text[ctx.lang]));
      if (!s.open) return sec;
      sec.append(el('h2', {}, t.title), el('div', { class: 'ss-hint' }, t.hint));
      if (s.loading && !s.options) {
        sec.append(el('div', { class: 'ss-hint' }, t.loading));
        return sec;
      }
      if (s.options?.edits.length) {
        sec.append(el('ul', { class: 'ss-whatif', 'data-testid': 'whatif-edits' }, ...s.options.edits.map((e) => editRow(e, ctx.lang))));
        sec.append(el('div', { class: 'ss-row' },
          el('button', { class: 'ss-btn', type: 'button', 'data-testid': 'whatif-preview', disabled: ctx.busy || s.loading || s.applying, onclick: () => { void preview(ctx); } }, s.loading ? t.previewing : t.preview),
          bridge.applyWhatIf && s.result?.status === 'previewed'
            ? el('button', { class: 'ss-btn secondary', type: 'button', 'data-testid': 'whatif-apply', disabled: ctx.busy || s.loading || s.applying, onclick: () => { void apply(ctx); } }, s.applying ? t.applying : t.apply)
            : null));
      }
      if (s.message) sec.append(el('div', { class: `ss-msg ${s.message.kind}`, role: s.message.kind === 'error' ? 'alert' : undefined, 'data-testid': 'whatif-message' }, s.message.text[ctx.lang]));
      if (s.result?.status === 'previewed') {
        const out = el('div', { class: 'ss-whatif-result', 'data-testid': 'whatif-result' });
        for (const part of s.result.sections[ctx.lang]) {
          out.append(el('h3', {}, part.title), el('ul', {}, ...part.lines.map((l) => el('li', {}, l))));
        }
        sec.append(out);
      }
      return sec;
    },
  };
}
