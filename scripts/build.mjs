// Runs every scripts/build-*.mjs (one per front end: cli, apps-script, office-addin, bench).
// Each exports `default async function build()`; they run in sequence so output is deterministic.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(here).filter((f) => /^build-.*\.mjs$/.test(f)).sort()) {
  const name = file.slice('build-'.length, -'.mjs'.length);
  if (only.length && !only.includes(name)) continue;
  const mod = await import(pathToFileURL(join(here, file)).href);
  await mod.default();
}
