/**
 * Explain and share (SPEC §9): the small public entry the orchestrator, the
 * output tabs and the front ends call — near misses (core/explain/near-misses),
 * their words (text), the rows behind a figure (rows) and statements.
 */
export { nearMissesOf, nearMissesByPerson, type NearMiss } from './near-misses';
export { nearMissLines, nearMissNote, nearMissText, closestNearMisses, type NearMissBrief } from './text';
export { breakdownOf, rowsBehind, RowList, type Breakdown, type RowNote, type Term } from './rows';
export { eachStatement, statementsOf, statementOf, statementContext, scopeOrder, breakdownText, STATEMENT_ROWS, type PersonAppeals, type Statement, type StatementLine } from './statement';
export { buildStatementsTab, statementsTabName, statementHeading } from './statements-tab';
export { statementText, statementJson, statementHtml, safeFileNames, escapeHtml } from './render';
export { attachCharts, CHART_ROWS, CHART_SCOPES } from './charts';
