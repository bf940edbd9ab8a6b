/** Entry of the Sheets sidebar page (bundled into Sidebar.html): mount the shared UI on the google.script.run bridge. */
import { mountApp } from '../ui/app';
import { createGoogleScriptBridge } from './client-bridge';

const root = document.getElementById('app');
// *Insert template…* in the menu opens the page on the template picker (apps-script/main.ts sidebarWithView).
if (root) mountApp(root, createGoogleScriptBridge(), { view: root.dataset.view === 'template' ? 'template' : undefined });
