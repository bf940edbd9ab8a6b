/**
 * Stand-in for office.js in the Chromium tests of the task pane: an Excel host over the
 * recording fake (office-stub.ts). The Office display language is `?lang=` when the page
 * has one, else the page's locale (navigator.language). The workbook is the one a test
 * put in window.__workbook before the page loaded (the demo data, demo-workbook.ts),
 * else the fixture (English or Chinese by that language).
 */
import type { Value } from './fake-excel';
import { smileWorkbook, smileWorkbookZh } from './fixture';
import { installExcelStub } from './office-stub';

const lang = new URLSearchParams(location.search).get('lang') ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US');
const given = (window as unknown as { __workbook?: Record<string, Value[][]> }).__workbook;
installExcelStub(given ?? (lang.startsWith('zh') ? smileWorkbookZh() : smileWorkbook()), lang);
