/**
 * The `app://` protocol: serves the built renderer (out/renderer) to the app's windows with a
 * strict Content-Security-Policy. Nothing is loaded over `file://` or from the network.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { app, protocol } from 'electron';
import { mimeTypeOf } from '../../node/mime.mjs';

/** Scheme of the renderer's origin. */
export const APP_SCHEME = 'app';
/** Host of the renderer's origin (a standard scheme needs one). */
export const APP_HOST = 'descent';
/** The renderer's origin, `app://descent`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page every window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer's CSP. Scripts only from the app itself (the solver compiles expressions
 * without eval, so no 'unsafe-eval'; 'wasm-unsafe-eval' lets the HDF5 reader that opens loss
 * landscapes compile its own WebAssembly, and allows no JavaScript eval); the solver is a module worker from 'self' (blob: for
 * bundlers that inline workers); KaTeX sets inline styles and loads its fonts (data: when
 * small ones are inlined); exports preview through blob: URLs. No network at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Content type for a file name (one table with `npm start`'s server). */
export { mimeTypeOf };

/** Where a request maps to, or why it does not. */
export type AssetResolution =
  { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404 | 405 };

/**
 * Maps an `app://descent/...` request to a file under `root`. Refuses other hosts, methods
 * other than GET/HEAD, and any path that would leave `root` (`..`, encoded separators,
 * absolute paths), so a page can never read outside the renderer bundle.
 */
export function resolveAsset(root: string, requestUrl: string, method = 'GET'): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // A decoded backslash or NUL could smuggle a separator or truncate the path on Windows.
  if (pathname.includes('\\') || pathname.includes('\0')) return { ok: false, status: 400 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const filePath = normalize(join(root, pathname));
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, status: 403 };
  }
  return { ok: true, filePath };
}

/** Headers every app:// response carries. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/** Reads a file; injectable so tests need no renderer build. */
export type ReadAsset = (filePath: string) => Promise<Uint8Array>;

/** Answers one app:// request from files under `root`. */
export async function serveAsset(
  root: string,
  request: { url: string; method: string },
  read: ReadAsset = readFile,
): Promise<Response> {
  const resolved = resolveAsset(root, request.url, request.method);
  if (!resolved.ok) return new Response(null, { status: resolved.status });
  let body: Uint8Array;
  try {
    body = await read(resolved.filePath);
  } catch {
    // Missing files and directories alike: no listings, no detail about the disk.
    return new Response(null, { status: 404 });
  }
  const headers = securityHeaders(mimeTypeOf(resolved.filePath));
  return new Response(request.method === 'HEAD' ? null : Buffer.from(body), {
    status: 200,
    headers,
  });
}

/** Folder of the built renderer, next to the built main process (out/main → out/renderer). */
export function rendererRoot(): string {
  return join(import.meta.dirname, '..', 'renderer');
}

/**
 * The URL windows load: app://descent/index.html, or electron-vite's dev server during
 * `electron-vite dev` (only in an unpackaged app, and only from this machine).
 */
export function rendererEntryUrl(
  env: Record<string, string | undefined> = process.env,
  isPackaged: boolean = app.isPackaged,
): string {
  const dev = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && dev) {
    try {
      const url = new URL(dev);
      if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
        return url.href;
      }
    } catch {
      // Fall through to the bundled renderer.
    }
  }
  return APP_ENTRY_URL;
}

/** True when `url` belongs to the renderer's own origin (the only one trusted for IPC). */
export function isTrustedRendererUrl(url: string, entryUrl: string = rendererEntryUrl()): boolean {
  try {
    // Compare scheme and host, not URL.origin: WHATWG gives custom schemes the origin "null".
    const candidate = new URL(url);
    const entry = new URL(entryUrl);
    return (
      candidate.protocol === entry.protocol && candidate.host === entry.host && entry.host !== ''
    );
  } catch {
    return false;
  }
}

/**
 * Registers app:// as a privileged standard scheme (must happen before `ready`) and, once
 * ready, serves the renderer from it. Standard + secure gives the page a real origin, so
 * 'self' in the CSP, module workers and fetch of its own assets work as on https.
 */
export function setupProtocol(root: string = rendererRoot()): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        stream: true,
        codeCache: true,
      },
    },
  ]);
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) =>
      serveAsset(root, { url: request.url, method: request.method }),
    );
  });
}
