import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build.mjs';

const ROOT = '/repo';

describe('webBuildIsStale', () => {
  it('knows when the browser build is stale', () => {
    const io = (built: number | null, newest: number) => ({
      root: ROOT,
      mtime: (p: string) => (p.endsWith(join('web', 'index.html')) ? built : newest),
      list: () => ['/repo/renderer/a.tsx'],
    });
    expect(webBuildIsStale(io(null, 1))).toBe(true);
    expect(webBuildIsStale(io(5, 9))).toBe(true);
    expect(webBuildIsStale(io(9, 5))).toBe(false);
  });
});
