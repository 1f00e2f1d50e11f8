// The static server for the browser build (dist/web) on 127.0.0.1: `npm start` serves the app
// with it and `descent render` and the benchmarks serve the page they drive.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { mimeTypeOf } from './mime.mjs';

/**
 * The file under `dir` a request path names, or null when it would leave `dir`.
 * @param {string} dir
 * @param {string} urlPath
 */
export function staticPath(dir, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = normalize(join(dir, pathname));
  const rel = relative(dir, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/**
 * A static file server for `dir` (GET and HEAD only, no listings).
 * @param {string} dir
 */
export function createStaticServer(dir) {
  return createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = staticPath(dir, req.url ?? '/');
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': mimeTypeOf(file),
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404).end(),
    );
  });
}

/**
 * Starts the static server on 127.0.0.1 (port 0: any free port) and resolves with its URL.
 * @param {string} dir
 * @param {number} port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve(dir, port) {
  const server = createStaticServer(dir);
  return new Promise((resolveServe, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveServe({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(() => done(undefined))),
      });
    });
  });
}
