// Bundles the command line into dist/cli/main.js (Node 20, CommonJS; zod inside, the workbook libraries external).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

export default async function buildCli() {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  await build({
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli/main.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // zod is bundled (tree-shaken, and compiled once into the code cache with the rest: loading the whole
    // package from node_modules was most of the start-up); the workbook libraries stay external and load only when used.
    external: ['exceljs', '@e965/xlsx'],
    sourcemap: true,
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(version) },
  });
}
