/** Entry of the Sheets sidebar page (bundled into Sidebar.html): mount the shared UI on the google.script.run bridge. */
import { mountApp } from '../ui/app';
import { createGoogleScriptBridge } from './client-bridge';

const root = document.getElementById('app');
if (root) mountApp(root, createGoogleScriptBridge());
