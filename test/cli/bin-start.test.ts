/**
 * bin/service-star.js on a checkout of its own (a temporary copy with a stand-in
 * bundle and build script): it rebuilds the bundle when a source under cli/ or
 * core/ (at any depth; .ts, or .json such as a preset) is newer, runs the previous bundle otherwise, and never
 * walks or builds where esbuild is missing (an installed copy).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers';

const bundle = (word: string) => `exports.cliMain = () => { process.stdout.write('${word}\\n'); };\n`;

function checkout(): string {
  const root = tempDir('ss-bin-');
  for (const dir of ['bin', 'dist/cli', 'scripts', 'node_modules/esbuild', 'cli/commands', 'core/engine/deep', 'core/presets']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  copyFileSync(join(ROOT, 'bin', 'service-star.js'), join(root, 'bin', 'service-star.js'));
  // The stand-in build writes a bundle that says "rebuilt".
  writeFileSync(join(root, 'scripts', 'build.mjs'),
    `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('../dist/cli/main.js', import.meta.url), ${JSON.stringify(bundle('rebuilt'))});\n`);
  for (const file of ['cli/main.ts', 'cli/commands/compute.ts', 'core/engine/deep/x.ts', 'core/presets/p.json', 'core/notes.md']) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  }
  writeFileSync(join(root, 'dist', 'cli', 'main.js'), bundle('previous'));
  utimesSync(join(root, 'dist', 'cli', 'main.js'), new Date('2026-06-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'));
  return root;
}

const run = (root: string) => spawnSync(process.execPath, [join(root, 'bin', 'service-star.js')], { cwd: root, encoding: 'utf8' });
const touch = (root: string, file: string) => utimesSync(join(root, file), new Date(), new Date());

describe('bin/service-star.js: the bundle is rebuilt only when a source is newer', () => {
  test('sources older than the bundle: the bundle runs as it is, and its code cache is written', () => {
    const root = checkout();
    expect(run(root).stdout).toBe('previous\n');
    expect(existsSync(join(root, 'dist', 'cli', 'main.js.cache'))).toBe(true);
    expect(run(root).stdout).toBe('previous\n');
  });

  test.each(['cli/main.ts', 'cli/commands/compute.ts', 'core/engine/deep/x.ts', 'core/presets/p.json'])('%s newer than the bundle: rebuilt before it runs', (file) => {
    const root = checkout();
    touch(root, file);
    expect(run(root).stdout).toBe('rebuilt\n');
  });

  test('a newer file that is neither TypeScript nor JSON does not rebuild', () => {
    const root = checkout();
    touch(root, 'core/notes.md');
    expect(run(root).stdout).toBe('previous\n');
  });

  test('no esbuild (an installed copy): the bundle runs as it is, even with newer sources', () => {
    const root = checkout();
    rmSync(join(root, 'node_modules'), { recursive: true });
    touch(root, 'cli/main.ts');
    expect(run(root).stdout).toBe('previous\n');
  });

  test('a bundle changed to one of the same length runs as changed, not from the previous code cache', () => {
    // V8 checks only the source's length against a code cache: the cache must name its bundle.
    const root = checkout();
    expect(run(root).stdout).toBe('previous\n');
    expect(run(root).stdout).toBe('previous\n');
    writeFileSync(join(root, 'dist', 'cli', 'main.js'), bundle('changed!'));
    utimesSync(join(root, 'dist', 'cli', 'main.js'), new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    expect(run(root).stdout).toBe('changed!\n');
    expect(run(root).stdout).toBe('changed!\n');
  });

  test('no bundle yet: built first', () => {
    const root = checkout();
    rmSync(join(root, 'dist', 'cli', 'main.js'));
    expect(run(root).stdout).toBe('rebuilt\n');
  });
});
