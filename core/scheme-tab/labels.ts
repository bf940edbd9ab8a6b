/**
 * The words of the Scheme tab in Chinese and English: block titles, column and
 * setting labels, and the names of coded values (月 / month, 奖金池 / pool).
 * Only words live here; the layout comes from the scheme model (shape.ts), so a
 * field without a label here still appears, under its key.
 */
import type { Text } from '../scheme/model';
import { LEVELS, TAB_SPECS } from '../input/aliases';

const t = (zh: string, en: string): Text => ({ zh, en });

/** Block titles by block id (see layout.ts for ids). */
export const BLOCK_TITLES: Record<string, Text> = {
  settings: t('基本设置', 'Settings'),
  measures: t('指标', 'Measures'),
  'measures[].where': t('指标筛选条件', 'Measure filters'),
  score: t('评分设置', 'Score settings'),
  'score.components': t('评分项与权重', 'Score components'),
  'score.components[].parts': t('评分项组成', 'Component parts'),
  'score.deductions': t('扣分项', 'Deductions'),
  gates: t('参评资格', 'Gates'),
  stars: t('星级设置', 'Stars settings'),
  'stars.bands': t('星级档次', 'Star bands'),
  awards: t('奖项', 'Awards'),
  'awards[].tieBreak': t('并列比较', 'Tie-breaks'),
  'awards[].requirements': t('获奖条件', 'Award requirements'),
  penalties: t('处罚', 'Penalties'),
  points: t('积分设置', 'Points settings'),
  'points.rules': t('积分规则', 'Points rules'),
  flags: t('标记', 'Flags'),
  ranking: t('排名设置', 'Ranking'),
  departments: t('部门考核设置', 'Departments'),
  'departments.criteria': t('部门考核项', 'Department criteria'),
};

/** Header of the parent column of a child table. */
export const PARENT_LABELS: Record<string, Text> = {
  'measures[].where': t('所属指标', 'Measure'),
  'score.components[].parts': t('所属评分项', 'Component'),
  'awards[].tieBreak': t('所属奖项', 'Award'),
  'awards[].requirements': t('所属奖项', 'Award'),
};

/** Header row of a key/value block. */
export const KV_HEADERS = { key: t('项目', 'Setting'), value: t('值', 'Value'), note: t('说明', 'Note') };

const ID = t('编号', 'ID');
const LABEL_ZH = t('名称（中文）', 'Name (Chinese)');
const LABEL_EN = t('名称（英文）', 'Name (English)');

/** Labels of fields common to many blocks (key relative to the block's row). */
const COMMON: Record<string, Text> = {
  id: ID,
  'label.zh': LABEL_ZH,
  'label.en': LABEL_EN,
  'name.zh': LABEL_ZH,
  'name.en': LABEL_EN,
  kind: t('类型', 'Kind'),
  measure: t('指标', 'Measure'),
  op: t('比较', 'Operator'),
  value: t('值', 'Value'),
  weight: t('权重', 'Weight'),
  'normalize.min': t('折算下限', 'Normalize from'),
  'normalize.max': t('折算上限', 'Normalize to'),
  'fallback.measure': t('备用指标', 'Fallback measure'),
  'fallback.normalize.min': t('备用折算下限', 'Fallback normalize from'),
  'fallback.normalize.max': t('备用折算上限', 'Fallback normalize to'),
  points: t('积分', 'Points'),
  window: t('考察周期', 'Window'),
  'when.measure': t('指标', 'Measure'),
  'when.op': t('比较', 'Operator'),
  'when.value': t('阈值', 'Threshold'),
  'when.each': t('每个期间', 'Each'),
  'when.consecutive': t('连续期数', 'Consecutive'),
  'when.window': t('条件期间', 'Condition window'),
  'when.reason': t('原因代码', 'Reason code'),
  'when.label.zh': t('条件说明（中文）', 'Condition (Chinese)'),
  'when.label.en': t('条件说明（英文）', 'Condition (English)'),
  each: t('每个期间', 'Each'),
  consecutive: t('连续期数', 'Consecutive'),
  reason: t('原因代码', 'Reason code'),
  order: t('排序', 'Order'),
  scope: t('范围', 'Scope'),
  max: t('满分', 'Max points'),
  enabled: t('启用', 'Enabled'),
};

/** Labels by block id, then field key. */
const BY_BLOCK: Record<string, Record<string, Text>> = {
  settings: {
    id: t('方案编号', 'Scheme id'),
    version: t('版本', 'Version'),
    'name.zh': t('方案名称（中文）', 'Scheme name (Chinese)'),
    'name.en': t('方案名称（英文）', 'Scheme name (English)'),
    'description.zh': t('方案说明（中文）', 'Description (Chinese)'),
    'description.en': t('方案说明（英文）', 'Description (English)'),
    cadence: t('默认周期', 'Default cadence'),
    currency: t('币种', 'Currency'),
    probationMonths: t('试用期（月）', 'Probation (months)'),
    appealDays: t('申诉期限（天）', 'Appeal deadline (days)'),
    'feedbackScale.min': t('客户评分最低', 'Feedback score min'),
    'feedbackScale.max': t('客户评分最高', 'Feedback score max'),
    requiredTabs: t('必需的表', 'Required tabs'),
  },
  measures: {
    tab: t('数据表', 'Tab'),
    agg: t('汇总方式', 'Aggregate'),
    field: t('字段', 'Field'),
    map: t('取值换算', 'Value map'),
    scale: t('倍数', 'Scale'),
    offset: t('期间偏移', 'Offset'),
    of: t('对象', 'Of'),
    op: t('运算', 'Operation'),
    measure: t('基于指标', 'Based on measure'),
    each: t('逐个期间', 'Each'),
    scope: t('范围', 'Scope'),
    award: t('奖项', 'Award'),
    component: t('评分项', 'Component'),
    unit: t('单位', 'Unit'),
  },
  'measures[].where': { field: t('字段', 'Field') },
  score: {
    floor: t('最低分', 'Floor'),
    cap: t('最高分', 'Cap'),
    missing: t('缺项处理', 'Missing components'),
  },
  'score.deductions': {
    points: t('每次扣分', 'Points each'),
    'label.zh': t('说明（中文）', 'Label (Chinese)'),
    'label.en': t('说明（英文）', 'Label (English)'),
  },
  gates: {
    id: t('原因代码', 'Reason code'),
    minMonths: t('最少司龄（月）', 'Min tenure (months)'),
    in: t('限于职级', 'Levels in'),
    notIn: t('排除职级', 'Levels not in'),
    types: t('事件类型', 'Incident types'),
    award: t('不得同期获得的奖项', 'Not a winner of'),
    size: t('评委人数', 'Committee size'),
    'share.num': t('法定比例（分子）', 'Quorum share (numerator)'),
    'share.den': t('法定比例（分母）', 'Quorum share (denominator)'),
  },
  stars: { measure: t('评定指标', 'Banded measure') },
  'stars.bands': {
    min: t('最低分', 'Min score'),
    stars: t('星级', 'Stars'),
    bonus: t('奖金（元）', 'Bonus'),
  },
  awards: {
    cadence: t('周期', 'Cadence'),
    scope: t('评选范围', 'Scope'),
    'candidates.winnersOf': t('候选人来自奖项', 'Candidates from awards'),
    'candidates.each': t('候选期间', 'Candidates each'),
    'nominations.from': t('候选人须经提名', 'Candidates nominated in'),
    'nominations.perNominator': t('每位推荐人最多提名', 'Nominations per nominator (max)'),
    'rankBy.measure': t('排名依据', 'Rank by'),
    'rankBy.order': t('排序', 'Order'),
    'quota.count': t('名额', 'Quota'),
    'quota.percent': t('名额比例（%）', 'Quota (%)'),
    'quota.fromTab': t('按名额表调整', 'Quotas tab overrides'),
    gates: t('参评资格', 'Gates'),
    'prize.kind': t('奖金方式', 'Prize kind'),
    'prize.amount': t('每人奖金（元）', 'Amount each'),
    'prize.budget': t('奖金总额（元）', 'Pool budget'),
    'extras.certificate': t('证书', 'Certificate'),
    'extras.trophy': t('奖杯', 'Trophy'),
    'extras.honourLeaveDays': t('荣誉假（天）', 'Honour leave (days)'),
    'extras.title.zh': t('称号（中文）', 'Title (Chinese)'),
    'extras.title.en': t('称号（英文）', 'Title (English)'),
    'payUp.award': t('上级奖编号', 'Manager award id'),
    'payUp.name.zh': t('上级奖名称（中文）', 'Manager award name (Chinese)'),
    'payUp.name.en': t('上级奖名称（英文）', 'Manager award name (English)'),
    'payUp.amounts': t('上级奖金（元，逐级）', 'Manager amounts (by level)'),
    'team.unit': t('团队评选单位', 'Team unit'),
    'team.minMembers': t('团队最少人数', 'Team min members'),
  },
  'awards[].requirements': {
    'label.zh': t('说明（中文）', 'Label (Chinese)'),
    'label.en': t('说明（英文）', 'Label (English)'),
  },
  penalties: {
    action: t('措施', 'Action'),
    amount: t('罚款（元）', 'Fine'),
    points: t('积分', 'Points'),
    'perUnit.measure': t('按数量计的指标', 'Per-unit measure'),
    'perUnit.amount': t('每单位罚款（元）', 'Fine per unit'),
    'perUnit.points': t('每单位积分', 'Points per unit'),
    'fund.zh': t('罚款去向（中文）', 'Fund (Chinese)'),
    'fund.en': t('罚款去向（英文）', 'Fund (English)'),
  },
  points: { redemptions: t('可兑换', 'Redemptions') },
  'points.rules': { points: t('每次积分', 'Points each'), to: t('积分给', 'Credited to') },
  ranking: {
    'by.measure': t('排名依据', 'Rank by'),
    'by.order': t('排序', 'Order'),
    scope: t('排名范围', 'Scope'),
    columns: t('额外显示的指标', 'Extra columns'),
  },
  departments: {
    'first.actions': t('第一名措施', 'First place actions'),
    'last.below': t('末位且低于', 'Last place below'),
    'last.actions': t('末位措施', 'Last place actions'),
    'last.headPoints': t('末位负责人积分', 'Last place head points'),
    headLevels: t('负责人职级（依次）', 'Head levels (in order)'),
    copyThreshold: t('抄袭判定相似度', 'Copy threshold'),
  },
  'departments.criteria': {
    'quota.award': t('名额奖项', 'Quota award'),
    'quota.aliases': t('名额奖项别名', 'Quota award aliases'),
    'quota.default': t('默认名额', 'Default quota'),
    'quota.per': t('名额周期', 'Quota per'),
  },
};

/** The label of a field in a block (falls back to the key itself). */
export function fieldLabel(blockId: string, key: string): Text {
  const own = BY_BLOCK[blockId]?.[key];
  if (own) return own;
  // Child tables share the labels of their parent table's kind of row.
  const common = COMMON[key];
  if (common) return common;
  return t(key, key);
}

/** The title of a block (falls back to its id). */
export function blockTitle(blockId: string): Text {
  return BLOCK_TITLES[blockId] ?? t(blockId, blockId);
}

export function parentLabel(blockId: string, parentTitle: Text): Text {
  return PARENT_LABELS[blockId] ?? t(`所属${parentTitle.zh}`, parentTitle.en);
}

/** Names of coded values. English keeps the code itself; Chinese shows a word. */
const VALUE_ZH: Record<string, string> = {
  // period kinds
  month: '月', quarter: '季度', half: '半年', year: '年',
  // scopes
  company: '公司', department: '部门', group: '组别',
  // orders
  desc: '从高到低', asc: '从低到高',
  // prizes
  fixed: '固定金额', pool: '奖金池',
  // missing components
  rescale: '按比例折算', zero: '计为 0',
  // gate kinds
  tenure: '司龄', regular: '已转正', active: '在职', level: '职级', no_incident: '无事件', full_attendance: '全勤',
  position: '岗位', hired_within: '期内入职', not_winner: '未同期获奖', quorum: '评委法定人数',
  // gate and condition windows
  period: '本期', year_to_date: '本年累计',
  // measure kinds
  rows: '按行统计', combine: '组合', score: '总分', stars: '星级', component: '评分项', over: '逐期汇总',
  wins: '获奖次数', scope_mean: '范围平均', turnover: '人员流失率',
  // aggregates and operations
  count: '计数', sum: '求和', mean: '平均', min: '最小', max: '最大', distinct: '去重计数', difference: '相减', ratio: '相除', first: '取第一个有数据的',
  // filter operators
  in: '属于', not_in: '不属于',
  // who earns points
  self: '本人', department_head: '部门负责人',
};
// Tabs and levels use the data contract's own words.
for (const [id, spec] of Object.entries(TAB_SPECS)) VALUE_ZH[id] ??= spec.zh;
for (const [id, names] of Object.entries(LEVELS)) VALUE_ZH[id] ??= names[0];

/** The word shown for a coded value. */
export function valueLabel(value: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? VALUE_ZH[value] ?? value : value;
}

/** Every accepted spelling of a coded value (code, Chinese word). */
export function valueSpellings(value: string): string[] {
  const zh = VALUE_ZH[value];
  return zh ? [value, zh] : [value];
}

export const BOOL_WORDS = { zh: { true: '是', false: '否' }, en: { true: 'yes', false: 'no' } } as const;

/** Help text for settings (the Note column of key/value blocks). */
export const NOTES: Record<string, Text> = {
  'settings:id': t('方案的唯一编号，结果中显示', 'Unique id of the scheme, shown in the results'),
  'settings:cadence': t('侧边栏默认提供的期间类型', 'The kind of period offered by default'),
  'settings:probationMonths': t('员工表未填转正日期时，按入职日期加此月数', 'Used when Staff has no regular date: hire date + these months'),
  'settings:appealDays': t('期间最后一天之后超过此天数提交的申诉不予受理；留空则不限', 'Appeals filed more than this many days after the period\'s last day are not applied; blank: no deadline'),
  'settings:requiredTabs': t('缺少这些表时不计算', 'The run does not start without these tabs'),
  'score:missing': t('某评分项无数据时：按比例折算其余项，或计为 0', 'A component without data: rescale the others, or count it as 0'),
  'stars:measure': t('留空则按总分评定', 'Blank: the total score'),
  'points:redemptions': t('是否从“积分兑换”表扣减', 'Spend points from the Redemptions tab'),
  'ranking:by.measure': t('留空则按总分排名', 'Blank: the total score'),
};
