import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, staticPath } from './static-server.mjs';

describe('static server', () => {
  it('maps request paths inside the folder only', () => {
    expect(staticPath('/srv', '/')).toBe('/srv/index.html');
    expect(staticPath('/srv', '/assets/a.js?v=1')).toBe('/srv/assets/a.js');
    expect(staticPath('/srv', '/..%2f..%2fetc/passwd')).toBeNull();
    expect(staticPath('/srv', '/%5c..%5cx')).toBeNull();
  });

  it('serves the build on 127.0.0.1 with the right types', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-start-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dir, 'assets', 'worker.js'), 'self.onmessage = () => {};');
    const server = await serve(dir, 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const worker = await fetch(new URL('assets/worker.js', server.url));
      expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect((await fetch(new URL('missing.js', server.url))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
