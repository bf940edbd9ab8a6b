/** scripts/build-office-addin.mjs: the dist layout, the production base URL in the manifest copy, and refusing a non-https base. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkManifest, manifestUrls } from './manifest-check';

const root = join(__dirname, '..', '..');
const SCRIPT = join(root, 'scripts', 'build-office-addin.mjs');

function buildTo(outdir: string, baseUrl?: string): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [SCRIPT], {
    cwd: root, encoding: 'utf8',
    env: { ...process.env, OFFICE_ADDIN_OUTDIR: outdir, OFFICE_ADDIN_QUIET: '1', OFFICE_ADDIN_BASE_URL: baseUrl ?? '' },
  });
}

test('production build: every manifest URL on the team host, the manifest still valid, the files it names present', () => {
  const out = join(root, 'out', 'office-addin-prod-test');
  const r = buildTo(out, 'https://addins.example.com/service-star/');
  expect(r.status).toBe(0);
  expect(readdirSync(out).sort()).toEqual(['assets', 'commands.html', 'compute-worker.js', 'manifest.xml', 'taskpane.html', 'taskpane.js']);
  const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
  expect(checkManifest(manifest)).toEqual([]);
  expect(manifest).not.toContain('localhost');
  const urls = manifestUrls(manifest);
  expect(urls).toHaveLength(6);
  for (const u of urls) {
    expect(u.startsWith('https://addins.example.com/service-star/')).toBe(true);
    expect(existsSync(join(out, u.slice('https://addins.example.com/service-star/'.length)))).toBe(true);
  }
  // The repository's manifest keeps the development URL.
  expect(readFileSync(join(root, 'manifest.xml'), 'utf8')).toContain('https://localhost:3000/taskpane.html');
});

test('a non-https base URL is refused with a reason and exit status 2', () => {
  const r = buildTo(join(root, 'out', 'office-addin-bad-test'), 'http://intranet.example.com/addin');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('must be https');
});

test('bundles carry no network APIs and no external URL except the Office.js loader in the page', () => {
  const out = join(root, 'out', 'office-addin-scan-test');
  expect(buildTo(out).status).toBe(0);
  for (const f of ['taskpane.js', 'compute-worker.js']) {
    const js = readFileSync(join(out, f), 'utf8');
    expect(js).not.toMatch(/\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/);
    // The only URL-like strings are zod's JSON Schema identifiers, its IPv6 URL template and the SVG namespace
    // (createElementNS for the pictures): names, never fetched.
    const urls = new Set(js.match(/https?:\/\/[^\s"'`)]+/g) ?? []);
    for (const u of urls) expect(u).toMatch(/^https?:\/\/(json-schema\.org\/|\[\$\{|www\.w3\.org\/2000\/svg$)/);
  }
  const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
  const external = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
  expect([...new Set(external)]).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
});
