/**
 * The server bundle's entry: everything exported here becomes `ServiceStar.<name>`
 * and gets a top-level function stub in Code.js (see scripts/build-apps-script.mjs).
 */
export {
  onOpen, onInstall, showSidebar, menuInsertTemplate, menuComputeLastQuarter,
  getState, compute, activateTab, finalize, insertTemplate, previewWhatIf, applyWhatIf, statement,
} from './main';
