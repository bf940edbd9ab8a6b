#!/usr/bin/env node
// Entry of `npx service-star`: runs the bundled CLI, building it first on a fresh
// checkout or when the TypeScript sources are newer than the bundle.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const main = join(root, 'dist', 'cli', 'main.js');

/**
 * Newest modification time of the sources under the given folders (0 when none): the
 * .ts files, and the .json files they import (the presets are bundled from core/presets/*.json).
 * Paths are joined as plain strings: path.join normalising each of the ~140 entries
 * was most of this walk's cost at start-up (about 5 of 8 ms).
 */
function newestSource(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) {
        const t = statSync(p).mtimeMs;
        if (t > newest) newest = t;
      }
    }
  };
  for (const d of dirs) walk(`${root}/${d}`);
  return newest;
}

// Only a checkout with the build script and esbuild can rebuild: an installed copy skips the walk.
const canBuild = existsSync(join(root, 'scripts', 'build.mjs')) && existsSync(join(root, 'node_modules', 'esbuild'));
const stale = !existsSync(main) || (canBuild && newestSource(['cli', 'core']) > statSync(main).mtimeMs);
if (stale && canBuild) {
  // Build quietly: stdout must stay clean for `--json`; show the build's errors only when nothing can run.
  // child_process is loaded only here: it pulls in net, streams and dgram, a tenth of the start-up.
  const { execFileSync } = require('node:child_process');
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'cli'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const detail = String((err && err.stderr) || err).split('\n').find((l) => /error/i.test(l)) || 'build failed';
    if (!existsSync(main)) {
      process.stderr.write(`service-star: cannot build the command line: ${detail.trim()}\n`);
      process.exit(1);
    }
    process.stderr.write(`service-star: rebuild failed (${detail.trim()}); using the previous build\n`);
  }
}
loadWithCodeCache(main).cliMain();

/**
 * Load the bundle through V8's code cache (dist/cli/main.js.cache, next to it):
 * compiling the 750 KB bundle was most of the time from process start to the
 * first progress line. The cache is written after a run that had none (or had
 * one for another bundle, or one V8 refused), with the functions that run
 * compiled, atomically (a temporary file renamed), and never when it cannot be
 * (a read-only install simply runs without one). Node 22's
 * module.enableCompileCache does the same; Node 20 has no such switch.
 *
 * The cache starts with the size and modification time of the bundle it was made
 * from, and is used only for that bundle: V8 itself checks no more than the
 * source's length, so after a rebuild of the same length it would run the previous
 * bundle's compiled functions.
 */
function loadWithCodeCache(file) {
  const { readFileSync, writeFileSync, renameSync, unlinkSync } = require('node:fs');
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = `${file}.cache`;
  const st = statSync(file);
  const stamp = Buffer.alloc(16);
  stamp.writeDoubleLE(st.size, 0);
  stamp.writeDoubleLE(st.mtimeMs, 8);
  let cachedData;
  try {
    const bytes = readFileSync(cacheFile);
    if (bytes.length > 16 && bytes.subarray(0, 16).equals(stamp)) cachedData = bytes.subarray(16);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(require('node:path').dirname(file));
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, require('node:path').dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, Buffer.concat([stamp, script.createCachedData()]));
        renameSync(tmp, cacheFile);
      } catch {
        try { unlinkSync(tmp); } catch { /* nothing written */ }
      }
    });
  }
  return mod.exports;
}
