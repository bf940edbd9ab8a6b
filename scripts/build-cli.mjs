// Bundles the command line into dist/cli/main.js (Node 20, CommonJS; zod inside, the workbook libraries external).
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/cli/main.js';

export default async function buildCli() {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const options = {
    entryPoints: ['cli/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // zod is bundled (tree-shaken, and compiled once into the code cache with the rest: loading the whole
    // package from node_modules was most of the start-up); the workbook libraries stay external and load only when used.
    external: ['exceljs', '@e965/xlsx'],
    logLevel: 'warning',
    define: { __VERSION__: JSON.stringify(version) },
  };
  await build({ ...options, outfile: OUT, sourcemap: true });
  await asciiOnly(options);
}

/**
 * Make the bundle pure ASCII. esbuild escapes non-ASCII characters in strings, cooked
 * templates and names, but leaves them in comments and regular-expression literals
 * (年, ，, → …). One such character makes V8 hold the whole 1 MB source as a two-byte
 * string: reading it took about 7 ms instead of 3.5 before the first progress line,
 * and every lazily compiled function scans the wider text. Each is written as its
 * \uXXXX escape, which means the same character in a regular expression (with or
 * without the u flag; a surrogate pair as two escapes is one code point under u) and
 * in a string; in a comment it is only text. A backslash before the character (an
 * identity escape) is folded into the escape.
 *
 * The one place where the escape would not mean the same is the raw text of a tagged
 * template (`tag\`年\``: the tag would see a backslash and "u5E74"). The check below
 * builds once more with template literals lowered, where esbuild turns every tagged
 * template into a __template([...], [...]) call with escaped strings, and stops the
 * build if one holds a non-ASCII character, except as the raw text of a `new
 * RegExp(String.raw\`…\`)` (core/input/cells.ts), where the RegExp reads the escape
 * as the character itself.
 */
async function asciiOnly(options) {
  const text = readFileSync(OUT, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const lowered = await build({ ...options, write: false, supported: { 'template-literal': false } });
  const code = lowered.outputFiles[0].text;
  for (const line of code.split('\n')) {
    if (!line.includes('__template(')) continue;
    const escapes = [...line.matchAll(/\\u([0-9a-fA-F]{4})/g)].filter((m) => parseInt(m[1], 16) > 0x7f);
    if (escapes.length && !/new RegExp\(String\.raw\(/.test(line)) {
      throw new Error(`build-cli: a tagged template holds non-ASCII text, which the ASCII-only bundle cannot escape:\n${line.trim().slice(0, 300)}`);
    }
  }
  const ascii = text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
    const escape = `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    // An odd run of backslashes ends in an identity escape of the character: that backslash becomes the escape's own.
    return slashes.length % 2 ? slashes.slice(1) + escape : slashes + escape;
  });
  writeFileSync(OUT, ascii);
}
