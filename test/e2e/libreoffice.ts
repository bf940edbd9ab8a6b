/**
 * LibreOffice for the end-to-end tests: where soffice is, and opening a file in it
 * and saving it again as .xlsx (a private profile, headless, no restore).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { tempDir } from '../cli/helpers';

export function findSoffice(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) if (existsSync(p)) return p;
  const w = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  return w.status === 0 && w.stdout.trim() ? w.stdout.trim() : null;
}

/** Open `file` in LibreOffice and save it again as .xlsx into `dir`/lo; returns the saved copy. */
export function throughLibreOffice(soffice: string, file: string, dir: string): string {
  const out = join(dir, 'lo');
  const profile = tempDir('ss-lo-profile-');
  const lo = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, file], {
    encoding: 'utf8', timeout: 800000, env: { ...process.env, HOME: profile },
  });
  const saved = `${basename(file, extname(file))}.xlsx`;
  expect(lo.status).toBe(0);
  expect(readdirSync(out)).toEqual([saved]);
  return join(out, saved);
}
