/**
 * No network (issue 9): the BUILT bundles carry no network API and no external URL.
 *
 * Scanned (built here first, as the other tests build them): dist/apps-script/Code.js
 * and Sidebar.html, every dist/office-addin/*.js and *.html, dist/cli/main.js, plus the
 * two manifests (dist/apps-script/appsscript.json, dist/office-addin/manifest.xml).
 *
 * URLs allowed, exactly, and why:
 *  - https://appsforoffice.microsoft.com/lib/1/hosted/office.js — the Office.js loader,
 *    which every Office add-in page must load (taskpane.html, commands.html);
 *  - https://www.googleapis.com/auth/spreadsheets.currentonly and …/auth/script.container.ui
 *    — the two OAuth scopes in appsscript.json (names, not endpoints; no external_request
 *    scope, so Apps Script would refuse UrlFetchApp even if it were there);
 *  - schemas.microsoft.com, www.w3.org and https://localhost:3000 in the manifest (XML
 *    namespaces and the development host), and the https://your.host/path placeholder
 *    in the manifest's comment;
 *  - inside bundled third-party code (zod, in Code.js, taskpane.js, compute-worker.js):
 *    the JSON Schema identifiers http://json-schema.org/draft-04/schema#, …/draft-07/schema#
 *    and https://json-schema.org/draft/2020-12/schema (values of "$schema" in zod's
 *    toJSONSchema, never fetched), and the template `http://[${e}]` with which zod's
 *    IPv6 validator builds a string for `new URL()` to parse (no request). Unavoidable
 *    short of patching zod.
 *  - http://www.w3.org/2000/svg in the shared UI (Sidebar.html, taskpane.js): the SVG
 *    namespace that document.createElementNS needs to draw the pictures (a name, never
 *    fetched).
 * The CLI bundle requires no Node networking module (http, https, http2, net, tls,
 * dgram, dns); its runtime dependencies (exceljs, csv-parse, zod) stay external.
 *
 * A browser that records every request: the Chromium runs of the sidebar
 * (test/ui/sidebar.test.ts, "no request left the machine") and of the task pane
 * (test/office-addin/taskpane.test.ts, "no request left the loopback interface")
 * assert zero outbound requests; test/security/ui-injection.test.ts does the same for
 * its own run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../cli/helpers';

const root = join(__dirname, '..', '..');
const dist = (...p: string[]) => join(root, 'dist', ...p);

/** Network APIs of browsers, Apps Script and workers. */
const NETWORK_APIS: [string, RegExp][] = [
  ['fetch(', /\bfetch\s*\(/],
  ['XMLHttpRequest', /XMLHttpRequest/],
  ['WebSocket', /WebSocket/],
  ['UrlFetchApp', /UrlFetchApp/],
  ['navigator.sendBeacon', /sendBeacon/],
  ['EventSource', /EventSource/],
  ['importScripts', /\bimportScripts\b/],
  ['RTCPeerConnection', /RTCPeerConnection/],
];
const NODE_NET = /require\(\s*["'](?:node:)?(?:https?|http2|net|tls|dgram|dns)["']\s*\)|from\s+["'](?:node:)?(?:https?|http2|net|tls|dgram|dns)["']/;
const URL_RE = /\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]*/g;

const ZOD_URLS = ['http://json-schema.org/draft-04/schema#', 'http://json-schema.org/draft-07/schema#', 'https://json-schema.org/draft/2020-12/schema', 'http://[${e}]'];
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Namespace names an .xlsx file's parts declare (identifiers in the file format, not addresses anything is fetched from). */
const OOXML_NAMESPACES = [
  'http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/terms/', 'http://www.w3.org/2001/XMLSchema-instance',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
];

function apisIn(text: string): string[] {
  return NETWORK_APIS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

function urlsIn(text: string): string[] {
  return [...new Set(text.match(URL_RE) ?? [])].sort();
}

function officeFiles(ext: string): string[] {
  return readdirSync(dist('office-addin')).filter((f) => f.endsWith(ext)).map((f) => dist('office-addin', f));
}

beforeAll(() => {
  // The CLI bundle through the CLI tests' locked, build-if-stale helper: other test files
  // run it while this one scans (esbuild does not replace it atomically).
  ensureBuilt();
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script', 'office-addin'], {
    cwd: root, stdio: 'pipe', env: { ...process.env, OFFICE_ADDIN_QUIET: '1' },
  });
}, 180000);

describe('the scanner itself', () => {
  test('finds each network API and URL in a planted text, and nothing in a clean one', () => {
    const planted = 'a=fetch (u);new XMLHttpRequest;new WebSocket(x);UrlFetchApp.fetch(y);navigator.sendBeacon(z);new EventSource(q);importScripts("w");new RTCPeerConnection()';
    expect(apisIn(planted)).toEqual(NETWORK_APIS.map(([n]) => n));
    expect(apisIn('const prefetched = 1; // WebSockets are not used')).toEqual(['WebSocket']);
    expect(apisIn('const refetchCount = 2; fetchAll; x.fetchRows()')).toEqual([]);
    expect(urlsIn('see "https://evil.example/x?a=1" and wss://h:1/p `http://[${e}]`')).toEqual(['http://[${e}]', 'https://evil.example/x?a=1', 'wss://h:1/p']);
    expect(NODE_NET.test('require("https")')).toBe(true);
    expect(NODE_NET.test('require("node:net")')).toBe(true);
    expect(NODE_NET.test('require("node:path")')).toBe(false);
  });
});

describe('built bundles', () => {
  test('every bundle named in the brief exists', () => {
    for (const f of [dist('apps-script', 'Code.js'), dist('apps-script', 'Sidebar.html'), dist('cli', 'main.js')]) expect(existsSync(f)).toBe(true);
    expect(officeFiles('.js').map((f) => f.split('/').pop()).sort()).toEqual(expect.arrayContaining(['compute-worker.js', 'taskpane.js']));
    expect(officeFiles('.html').map((f) => f.split('/').pop()).sort()).toEqual(expect.arrayContaining(['commands.html', 'taskpane.html']));
  });

  test('Apps Script: Code.js and Sidebar.html have no network API; only zod\'s schema identifiers as URLs', () => {
    const code = readFileSync(dist('apps-script', 'Code.js'), 'utf8');
    expect(apisIn(code)).toEqual([]);
    expect(urlsIn(code)).toEqual([...ZOD_URLS].sort());
    const sidebar = readFileSync(dist('apps-script', 'Sidebar.html'), 'utf8');
    expect(apisIn(sidebar)).toEqual([]);
    expect(urlsIn(sidebar).filter((u) => u !== SVG_NS)).toEqual([]);
    // No <script src> or <link href> to anything: the sidebar is one self-contained file.
    expect(sidebar).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|@import/i);
  });

  test('Apps Script manifest: the two current-spreadsheet scopes only, no external requests, no URL whitelist', () => {
    const manifest = JSON.parse(readFileSync(dist('apps-script', 'appsscript.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
    ]);
    expect(manifest).not.toHaveProperty('urlFetchWhitelist');
    expect(JSON.stringify(manifest)).not.toMatch(/external_request|drive|gmail|webapp/);
  });

  test('Excel add-in: scripts have no network API; pages load nothing external but the Office.js loader', () => {
    for (const f of officeFiles('.js')) {
      const js = readFileSync(f, 'utf8');
      expect([f, apisIn(js)]).toEqual([f, []]);
      for (const u of urlsIn(js).filter((x) => x !== SVG_NS)) expect([f, ZOD_URLS.includes(u) ? 'zod' : u]).toEqual([f, 'zod']);
    }
    for (const f of officeFiles('.html')) {
      const html = readFileSync(f, 'utf8');
      expect([f, apisIn(html)]).toEqual([f, []]);
      expect([f, urlsIn(html)]).toEqual([f, [OFFICE_JS]]);
    }
  });

  test('Excel manifest: XML namespaces, the development host and the placeholder in its comment only', () => {
    const xml = readFileSync(dist('office-addin', 'manifest.xml'), 'utf8');
    for (const u of urlsIn(xml)) {
      expect(u).toMatch(/^(http:\/\/schemas\.microsoft\.com\/office\/|http:\/\/www\.w3\.org\/2001\/XMLSchema-instance$|https:\/\/localhost:3000(\/|$)|https:\/\/your\.host\/path$)/);
    }
    // The placeholder is inside the XML comment, not an attribute.
    const comment = xml.slice(xml.indexOf('<!--'), xml.indexOf('-->'));
    expect(comment).toContain('https://your.host/path');
    expect(xml.replace(comment, '')).not.toContain('your.host');
  });

  test('CLI: no network API, no Node networking module, no URL', () => {
    const js = readFileSync(dist('cli', 'main.js'), 'utf8');
    expect(apisIn(js)).toEqual([]);
    expect(js).not.toMatch(NODE_NET);
    // Only names, never fetched: zod's schema identifiers (zod is bundled into the CLI for start-up time) and
    // the XML namespaces an .xlsx file declares (the CLI writes SpreadsheetML itself for large --out files).
    const zodTemplate = /^http:\/\/\[\$\{\w+\}\]$/;
    const others = urlsIn(js).filter((u) => !ZOD_URLS.includes(u) && !zodTemplate.test(u) && !OOXML_NAMESPACES.includes(u));
    expect(others).toEqual([]);
  });
});
