// Bundles the command line into dist/cli/main.js (Node 20, CommonJS; npm packages stay external).
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
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(version) },
  });
}
