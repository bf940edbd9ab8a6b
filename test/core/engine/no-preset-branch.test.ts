/**
 * Schemes are data (SPEC §3): no engine code path names a preset, an award or a
 * preset-specific measure. Greps every .ts file of core/ outside core/presets/
 * (comments stripped) for the shipped ids written as a string literal — the only
 * way code can branch on them (`x === 'service_star'`, `case 'smile-cards':`);
 * an id used as an example inside a longer message is not a branch.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p === join(root, 'presets') ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const PRESET_IDS = ['smile-cards', 'star-rating', 'weighted-quarterly', 'service-star-budget', 'surprise-points', 'annual-star', 'case-collection', 'team-star', 'itsm-quarterly', 'property-stars', 'annual-best', 'committee-quarterly'];
const AWARD_IDS = ['service_star', 'service_star_manager', 'quarter_star', 'satisfaction_improvement', 'revisit_excellence', 'outstanding_contribution', 'annual_star', 'promotion_priority', 'smile_cards', 'anger_cards', 'most_likes', 'itsm_star', 'committee_score', 'excellent_employee', 'best_newcomer', '客服管家', 'best_employee', 'best_service', 'best_innovation', 'best_image', 'benchmark_team', '职业形象', 'quarter_service_star', 'annual_service_star', 'committee_reviewers', 'disciplinary_record_ytd'];
/** Single words that are also ordinary vocabulary. */
const LITERALS = ['revisit', 'referral'];
/**
 * Preset or award ids that are also words of the data contract (SPEC §1: the incident
 * type surprise_service, the Feedback column likes): forbidden outside the readers
 * (and the fingerprint's list of each tab's fields).
 */
const ALSO_INCIDENT_TYPES = ['surprise_service', 'likes'];
const READERS = new Set(['aliases.ts', 'tabs.ts', 'cells.ts', 'schemes.ts', 'fingerprint.ts']);

describe('no preset-specific branch in the engine', () => {
  const all = files(root);
  test('there are engine files to check', () => {
    expect(all.some((f) => f.includes(join('core', 'engine')))).toBe(true);
  });
  test.each([...PRESET_IDS, ...AWARD_IDS, ...LITERALS])('"%s" is never a string literal in core/ outside core/presets/', (id) => {
    const re = new RegExp(`['"\`]${id}['"\`]`);
    const hits = all.filter((f) => re.test(code(f))).map((f) => relative(root, f));
    expect(hits).toEqual([]);
  });
  test.each(ALSO_INCIDENT_TYPES)('"%s" is a string literal only in the input readers', (id) => {
    const re = new RegExp(`['"\`]${id}['"\`]`);
    const hits = all.filter((f) => !READERS.has(relative(root, f).split(/[\\/]/).pop()!) && re.test(code(f))).map((f) => relative(root, f));
    expect(hits).toEqual([]);
  });
});
