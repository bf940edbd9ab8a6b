/**
 * Stand-in for office.js in the task-pane injection test: an Excel host whose workbook
 * is the hostile workbook (hostile.ts), exposed as window.__wb for assertions.
 */
import { installExcelStub } from '../office-addin/office-stub';
import { hostileTabs } from './hostile';

installExcelStub(hostileTabs(), 'en-US');
