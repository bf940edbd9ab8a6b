/** Which tab is the scheme: every Scheme alias of core/input/aliases.ts is read as the scheme in force. */
import { isSchemeTabName, resolveScheme } from '../../../core/scheme/resolve';
import { buildSchemeTab } from '../../../core/scheme-tab/index';
import { getPreset } from '../../../core/presets/index';
import { planTemplateInsert } from '../../../core/templates/index';
import type { RawTab } from '../../../core/types';

function schemeTabNamed(name: string): RawTab {
  const tab = buildSchemeTab(getPreset('weighted-quarterly'), 'zh');
  return { name, rows: tab.rows };
}

describe('isSchemeTabName', () => {
  test.each(['Scheme', '方案', '评选方案', '奖惩方案', ' 奖惩方案 ', 'SCHEME', '  scheme\u3000'])('%p is the Scheme tab', (name) => {
    expect(isSchemeTabName(name)).toBe(true);
  });

  test.each(['Schemes old', '方案备份', 'Ranking 2026-Q3', '员工', 'Runs', ''])('%p is not', (name) => {
    expect(isSchemeTabName(name)).toBe(false);
  });
});

describe('resolveScheme with an aliased Scheme tab', () => {
  test.each(['评选方案', '奖惩方案'])('a tab named %p is read, not the preset', (name) => {
    // The tab holds weighted-quarterly while smile-cards is the preset chosen: the tab wins.
    const r = resolveScheme([schemeTabNamed(name)], 'smile-cards');
    expect(r.source).toBe('tab');
    expect(r.tabName).toBe(name);
    expect(r.scheme?.id).toBe('weighted-quarterly');
  });

  test('a template is not inserted over a 评选方案 tab: its Scheme tab is skipped', () => {
    const plan = planTemplateInsert(['评选方案'], 'smile-cards', 'zh');
    expect(plan.add.map((t) => t.name)).not.toContain('方案');
    expect(plan.skipped).toContainEqual({ name: '方案', existing: '评选方案' });
  });
});
