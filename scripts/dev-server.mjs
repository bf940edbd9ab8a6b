// Development server for the Excel add-in: builds dist/office-addin/ and serves it over https on
// https://localhost:3000 (the URLs in manifest.xml) with the Office development certificate from
// office-addin-dev-certs (created and trusted on first run; the OS may ask for confirmation).
//
//   npm run dev-server            # then sideload manifest.xml (README, "Excel add-in")
//   PORT=3001 npm run dev-server  # another port (build with OFFICE_ADDIN_BASE_URL to match)
//
// Not used by the tests (they serve the build over plain http on the loopback interface).
import { createServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import buildOfficeAddin from './build-office-addin.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const port = Number(process.env.PORT || 3000);
if (!process.env.OFFICE_ADDIN_BASE_URL && port !== 3000) process.env.OFFICE_ADDIN_BASE_URL = `https://localhost:${port}`;
const { outdir } = await buildOfficeAddin();
const rootDir = resolve(outdir);

const server = createServer(await getHttpsServerOptions(), async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname);
    const file = normalize(join(rootDir, path === '/' ? 'taskpane.html' : path));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) throw Object.assign(new Error('outside'), { status: 403 });
    if (!(await stat(file)).isFile()) throw Object.assign(new Error('not a file'), { status: 404 });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(await readFile(file));
  } catch (error) {
    res.writeHead(error.status ?? 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }
});
server.listen(port, 'localhost', () => {
  console.log(`Service Star add-in: https://localhost:${port}/taskpane.html (serving ${rootDir})`);
  console.log('Sideload manifest.xml in Excel; press Ctrl+C to stop.');
});
