import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isTrustedRendererUrl,
  mimeTypeOf,
  rendererEntryUrl,
  resolveAsset,
  serveAsset,
  setupProtocol,
} = await import('./protocol.ts');
const electron = await import('../test/electron-mock.ts');

const ROOT = '/app/out/renderer';

describe('resolveAsset', () => {
  it.each([
    ['app://descent/', '/app/out/renderer/index.html'],
    ['app://descent/index.html', '/app/out/renderer/index.html'],
    ['app://descent/assets/solver-abc.js', '/app/out/renderer/assets/solver-abc.js'],
    ['app://descent/assets/KaTeX%20Main.woff2', '/app/out/renderer/assets/KaTeX Main.woff2'],
    ['app://descent/index.html?x=1#preset=bowl', '/app/out/renderer/index.html'],
    // The URL parser resolves dot segments first, so they cannot climb out of the root.
    ['app://descent/../main/index.js', '/app/out/renderer/main/index.js'],
    ['app://descent/%2e%2e/main/index.js', '/app/out/renderer/main/index.js'],
  ])('maps %s into the renderer folder', (url, file) => {
    expect(resolveAsset(ROOT, url)).toEqual({ ok: true, filePath: file });
  });

  it.each([
    ['app://descent/assets/..%2f..%2fmain%2findex.js', 403],
    ['app://descent/..%5c..%5cmain.js', 400],
    ['app://descent/%00.html', 400],
    ['app://descent/%E0%A4%A', 400],
    ['app://evil/index.html', 404],
    ['file:///etc/passwd', 404],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAsset(ROOT, url)).toEqual({ ok: false, status });
  });

  it('serves only GET and HEAD', () => {
    expect(resolveAsset(ROOT, APP_ENTRY_URL, 'POST')).toEqual({ ok: false, status: 405 });
    expect(resolveAsset(ROOT, APP_ENTRY_URL, 'HEAD').ok).toBe(true);
  });
});

describe('serveAsset', () => {
  const read = vi.fn(async (path: string) => {
    if (path.endsWith('missing.js')) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    return new TextEncoder().encode(`contents of ${path}`);
  });

  it('answers with the file, its type and the CSP', async () => {
    const res = await serveAsset(ROOT, { url: 'app://descent/assets/a.js', method: 'GET' }, read);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('contents of /app/out/renderer/assets/a.js');
  });

  it('answers 404 for a missing file and never reads outside the root', async () => {
    read.mockClear();
    expect(
      (await serveAsset(ROOT, { url: 'app://descent/missing.js', method: 'GET' }, read)).status,
    ).toBe(404);
    expect(
      (await serveAsset(ROOT, { url: 'app://descent/a%2f..%2f..%2fx', method: 'GET' }, read))
        .status,
    ).toBe(403);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('knows the types the renderer needs', () => {
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('runs only the app’s own scripts, never eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    // WebAssembly (the HDF5 reader) may compile; JavaScript eval stays refused.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });

  it('allows exactly what the renderer uses: a module worker, KaTeX styles and fonts, blob/data images', () => {
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('allows no remote origin anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('renderer origin', () => {
  it('loads app:// unless an unpackaged app runs under electron-vite dev on this machine', () => {
    expect(rendererEntryUrl({}, false)).toBe(APP_ENTRY_URL);
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe(
      'http://localhost:5173/',
    );
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBe(
      APP_ENTRY_URL,
    );
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'https://example.com' }, false)).toBe(
      APP_ENTRY_URL,
    );
    expect(rendererEntryUrl({ ELECTRON_RENDERER_URL: 'http://192.168.1.2:5173' }, false)).toBe(
      APP_ENTRY_URL,
    );
  });

  it('trusts only pages of that origin', () => {
    expect(isTrustedRendererUrl('app://descent/index.html#x', APP_ENTRY_URL)).toBe(true);
    expect(isTrustedRendererUrl('app://other/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedRendererUrl('https://descent/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedRendererUrl('file:///index.html', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('setupProtocol', () => {
  it('registers app:// as a secure standard scheme and serves it', async () => {
    setupProtocol(ROOT);
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] as [
      { scheme: string; privileges: Record<string, boolean> }[],
    ];
    expect(schemes[0]).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
    expect(schemes[0]?.privileges['bypassCSP']).toBeUndefined();
    await Promise.resolve();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
