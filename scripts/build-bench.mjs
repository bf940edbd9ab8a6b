// Bundles the benchmark (bench/bench.ts) into dist/bench/bench.js for `npm run bench`, and its CSV floor script.
// One esbuild call with npm packages left external, so it adds well under a second to every build.
import { build } from 'esbuild';

export default async function buildBench() {
  await build({
    entryPoints: ['bench/bench.ts'],
    outfile: 'dist/bench/bench.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // The CSV floor script: standalone, timed as its own process against the CLI.
  await build({
    entryPoints: ['bench/csv-floor.ts'],
    outfile: 'dist/bench/csv-floor.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}
