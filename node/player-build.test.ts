import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  externalReference,
  inlineWorkers,
  katexFonts,
  packInlineWorkers,
  UNUSED_KATEX_FAMILIES,
} from '../renderer/vite.player.config.ts';
import { PLAYER_HTML, playerBuildIsStale } from './player-build.mjs';

const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));

const ROOT = '/repo';

describe('playerBuildIsStale', () => {
  it('knows when the lesson player page is missing or older than a source', () => {
    const io = (built: number | null, newest: number) => ({
      root: ROOT,
      mtime: (p: string) => (p === join(ROOT, PLAYER_HTML) ? built : newest),
      list: (dir: string) => [join(dir, 'a.tsx')],
    });
    expect(playerBuildIsStale(io(null, 1))).toBe(true);
    expect(playerBuildIsStale(io(5, 9))).toBe(true);
    expect(playerBuildIsStale(io(9, 5))).toBe(false);
  });

  it('watches the renderer (entry, page, config), shared/, package.json and the lock file', () => {
    const listed: string[] = [];
    const checked: string[] = [];
    playerBuildIsStale({
      root: ROOT,
      mtime: (p) => {
        checked.push(p);
        return 1;
      },
      list: (dir) => {
        listed.push(dir);
        return [];
      },
    });
    expect(listed).toEqual([join(ROOT, 'renderer'), join(ROOT, 'shared')]);
    expect(checked).toContain(join(ROOT, 'package.json'));
    expect(checked).toContain(join(ROOT, 'package-lock.json'));
  });
});

/** Calls a plugin's transform hook (object form) as the bundler would, failing on this.error. */
function transform(plugin: Plugin, code: string, id: string): { code: string } | undefined {
  const hook = plugin.transform as { handler: (...args: unknown[]) => unknown };
  const context = {
    error: (message: string) => {
      throw new Error(message);
    },
  };
  return hook.handler.call(context, code, id) as { code: string } | undefined;
}

describe('the player build’s plugins (renderer/vite.player.config.ts)', () => {
  it('finds references to files outside the page, and none in inline code or data: URIs', () => {
    const ok = [
      '<html><head><link rel="icon" href="data:," />',
      '<script type="module">const a = \'<img src="x.png">\';</script>',
      '<style>@font-face{src:url(data:font/woff2;base64,AAAA) format("woff2")} a{filter:url(#f)}</style>',
      '</head><body><a href="#top">top</a></body></html>',
    ].join('');
    expect(externalReference(ok)).toBeNull();
    expect(externalReference('<script type="module" src="./player.js"></script>')).toMatch(
      /player\.js/,
    );
    expect(externalReference('<link rel="stylesheet" href="style.css">')).toMatch(/style\.css/);
    expect(externalReference('<img src=https://example.com/a.png>')).toMatch(/example\.com/);
    expect(externalReference('<style>@font-face{src:url(fonts/a.woff2)}</style>')).toMatch(
      /fonts\/a\.woff2/,
    );
    expect(externalReference('<style>@import "b.css";</style>')).toMatch(/@import/);
  });

  it('rewrites URL-constructed module workers to inline ones', () => {
    const source = [
      "const w = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });",
      'const other = new Worker(url);',
    ].join('\n');
    const out = transform(inlineWorkers(), source, '/repo/renderer/src/solver/client.ts');
    expect(out?.code).toContain(
      'import __descentInlineWorker0 from "./solver.worker.ts?worker&inline";',
    );
    expect(out?.code).toContain('const w = new __descentInlineWorker0();');
    expect(out?.code).toContain('const other = new Worker(url);');
    expect(transform(inlineWorkers(), 'const other = new Worker(url);', '/repo/a.ts')).toBe(
      undefined,
    );
  });

  it('packs an inline worker gzipped, and refuses a module it does not recognise', () => {
    const worker = 'self.onmessage = (e) => postMessage(`\t${e.data}`);\n'.repeat(50);
    const vite = `const jsContent = ${JSON.stringify(worker)};\nexport default function WorkerWrapper(options) {}`;
    const out = transform(packInlineWorkers(), vite, '/repo/a.worker.ts?worker&inline');
    const packed = /^const packed = ("[^"]*");/.exec(out?.code ?? '');
    expect(packed).not.toBeNull();
    const bytes = Buffer.from(JSON.parse(packed![1]!) as string, 'base64');
    expect(gunzipSync(bytes).toString('utf8')).toBe(worker);
    expect(out!.code.length).toBeLessThan(vite.length);
    expect(out!.code).toContain('new Worker(url');
    expect(() =>
      transform(packInlineWorkers(), 'export default 1;', '/repo/a.worker.ts?worker&inline'),
    ).toThrow(/unexpected inline worker module/);
  });

  it("keeps only the woff2 source of KaTeX's fonts, and only the families formulas use", () => {
    const css = readFileSync(join(ROOT_DIR, 'node_modules/katex/dist/katex.min.css'), 'utf8');
    const out = transform(katexFonts(), css, '/repo/node_modules/katex/dist/katex.min.css');
    const trimmed = out?.code ?? '';
    expect(trimmed).not.toMatch(/\.woff\)|\.ttf\)/);
    expect(trimmed).toContain('KaTeX_Main-Regular.woff2');
    expect(trimmed).toContain('KaTeX_Size1-Regular.woff2');
    const faces = (text: string) =>
      [...text.matchAll(/@font-face\s*\{[^}]*font-family:\s*["']?(\w+)/g)].map((m) => m[1]);
    expect(faces(css)).toEqual(expect.arrayContaining(UNUSED_KATEX_FAMILIES));
    expect(faces(trimmed)).toHaveLength(11);
    for (const family of UNUSED_KATEX_FAMILIES) expect(faces(trimmed)).not.toContain(family);
    // The rest of the stylesheet (the classes naming those families) is left alone.
    expect(trimmed.length).toBeGreaterThan(css.length / 2);
  });
});
