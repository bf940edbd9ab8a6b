// Builds the Excel add-in into dist/office-addin/: taskpane.html + taskpane.js (UI, bridge, Excel
// adapter), compute-worker.js (the engine, run off the UI thread), commands.html, icons, and a copy of
// manifest.xml whose URLs point at the host the add-in will be served from.
//
//   node scripts/build-office-addin.mjs                     # dev: https://localhost:3000
//   OFFICE_ADDIN_BASE_URL=https://addins.example.com/service-star node scripts/build-office-addin.mjs
//   OFFICE_ADDIN_OUTDIR=out/somewhere ...                   # another output folder (tests)
//
// The base URL must be https (Office refuses anything else). The repository's manifest.xml keeps the
// development URL; only the copy in the output folder is rewritten.
import { build as esbuild } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_BASE_URL = 'https://localhost:3000';

/**
 * @param {string} raw
 * @returns {string} the base URL without a trailing slash
 * @throws {Error} when it is not an absolute https URL
 */
export function checkBaseUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`OFFICE_ADDIN_BASE_URL "${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`OFFICE_ADDIN_BASE_URL must be https (Office loads add-ins only over https), got "${raw}"`);
  if (url.search || url.hash) throw new Error(`OFFICE_ADDIN_BASE_URL must not have a query or fragment, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/**
 * zod's classic API re-exports ~50 message locales that Service Star never uses (its messages are its
 * own zh/en); keep English only. Bundled, the locales are about 190 KB of each bundle.
 */
const zodEnglishOnly = {
  name: 'zod-english-locale-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: root,
    }));
  },
};

export default async function buildOfficeAddin() {
  const base = checkBaseUrl(process.env.OFFICE_ADDIN_BASE_URL || DEV_BASE_URL);
  const outdir = resolve(root, process.env.OFFICE_ADDIN_OUTDIR || 'dist/office-addin');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'assets'), { recursive: true });

  const common = {
    bundle: true,
    platform: 'browser',
    // Excel for Microsoft 365 / 2021+ (WebView2, Safari) and Excel on the web; the old IE11 webview is not supported.
    target: ['es2020'],
    format: 'iife',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    charset: 'utf8',
    plugins: [zodEnglishOnly],
  };
  await esbuild({ ...common, entryPoints: ['office-addin/taskpane.ts'], outfile: join(outdir, 'taskpane.js') });
  await esbuild({ ...common, entryPoints: ['office-addin/compute-worker.ts'], outfile: join(outdir, 'compute-worker.js') });

  copyFileSync(join(root, 'office-addin/taskpane.html'), join(outdir, 'taskpane.html'));
  copyFileSync(join(root, 'office-addin/commands.html'), join(outdir, 'commands.html'));
  for (const f of readdirSync(join(root, 'office-addin/assets')).filter((f) => f.endsWith('.png'))) {
    copyFileSync(join(root, 'office-addin/assets', f), join(outdir, 'assets', f));
  }
  const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8').split(DEV_BASE_URL).join(base);
  writeFileSync(join(outdir, 'manifest.xml'), manifest);

  const sizes = Object.fromEntries(['taskpane.html', 'taskpane.js', 'compute-worker.js'].map((f) => [f, statSync(join(outdir, f)).size]));
  if (process.env.OFFICE_ADDIN_QUIET !== '1') {
    console.log(`office-addin: ${outdir} (${base}) ${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ')}`);
  }
  return { outdir, base, sizes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildOfficeAddin().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
