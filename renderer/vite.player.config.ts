/**
 * Build of the lesson player (src/player.tsx): ONE self-contained HTML file in
 * dist/player/index.html — scripts, styles, KaTeX's fonts and the solver worker all inlined — that
 * plays a lesson from a double-clicked file (file:// URL) without any network request.
 * `descent render LESSON -o lesson.html` (cli/src/render/html.ts) copies it with the lesson
 * injected into `<script type="application/json" id="descent-lesson">`.
 * Run from the repository root: `npm run build:player`.
 *
 * The editor's sources stay as they are; what a single file needs is done here by plugins:
 * - workers created as `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`
 *   are rewritten to vite's `?worker&inline` import, and its code is kept gzipped in the page
 *   (a third of its size) and started as a classic worker from a blob: URL that unpacks it
 *   (see `worker.format` below and {@link packInlineWorkers});
 * - KaTeX's @font-face rules keep only their woff2 source, and the font families the app's
 *   formulas never use are left out; vite-plugin-singlefile's inlining turns the fonts into
 *   data: URIs;
 * - the page gets a Content-Security-Policy that allows the inline code and nothing from any
 *   network, and the build fails if anything was left outside the HTML file.
 */
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

// fileURLToPath, not URL.pathname: on Windows that would be `/C:/…` with %-escapes.
const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The player's policy: its code is inline (so 'unsafe-inline' scripts), the solver worker runs
 * from a blob: URL and loads its unpacked code from another (so blob: scripts; a blob: URL can
 * only be made by code already running in the page), fonts are data: URIs, and no fetch, image,
 * font or frame may come from anywhere else.
 */
export const PLAYER_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  'worker-src blob:',
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'descent-player-csp',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes('<meta charset="UTF-8" />')) {
        throw new Error('player.html has no <meta charset="UTF-8" /> to put the policy after');
      }
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${PLAYER_CSP}" />`,
      );
    },
  };
}

/** `new Worker(new URL('./a.worker.ts', import.meta.url), { type: 'module' })`. */
const WORKER_RE =
  /new\s+Worker\(\s*new\s+URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*,\s*\{\s*type:\s*['"]module['"]\s*,?\s*\}\s*\)/g;

/**
 * Rewrites URL-constructed module workers to vite's inline workers: the worker is bundled into
 * the importing chunk as a string and started from a blob: URL, so no worker file is needed.
 */
export function inlineWorkers(): Plugin {
  return {
    name: 'descent-inline-workers',
    enforce: 'pre',
    transform: {
      // Only modules that construct a worker reach the handler (rolldown filters natively).
      filter: { id: { exclude: /[/\\]node_modules[/\\]/ }, code: 'new Worker(' },
      handler(code, id) {
        if (!/\.[cm]?[jt]sx?$/.test(id.split('?')[0]!)) return;
        const imports: string[] = [];
        const out = code.replace(WORKER_RE, (_match, _quote: string, path: string) => {
          const name = `__descentInlineWorker${imports.length}`;
          imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
          return `new ${name}()`;
        });
        if (imports.length === 0) return;
        return { code: `${imports.join('\n')}\n${out}`, map: null };
      },
    },
  };
}

/**
 * Runs inside the worker, before its code: unpacks the gzipped code (`packed`, base64, put in
 * front of this script), runs it, then hands it the messages that arrived meanwhile. A failure
 * is thrown outside the promise, so the page hears it as the worker's `error` event.
 */
const WORKER_BOOT = `
URL.revokeObjectURL(self.location.href);
const queued = [];
self.onmessage = (event) => queued.push(event);
const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')))
  .text()
  .then((code) => {
    self.onmessage = null;
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    try {
      importScripts(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    for (const event of queued) {
      self.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
    }
  })
  .catch((error) => setTimeout(() => { throw error; }));
`;

/**
 * Replaces the module vite makes for a `?worker&inline` import (the worker's code as a string,
 * started from a blob: URL) with one that keeps the code gzipped and base64'd — about a third
 * of the size — and starts a small classic worker that unpacks and runs it ({@link WORKER_BOOT};
 * DecompressionStream: Chrome 80, Firefox 113, Safari 16.4). Fails the build when vite's module
 * no longer looks as expected, rather than shipping something untested.
 */
export function packInlineWorkers(): Plugin {
  return {
    name: 'descent-pack-inline-workers',
    enforce: 'post',
    transform: {
      filter: { id: /[?&]worker&inline(?:&|$)/ },
      handler(code, id) {
        const match = /^\s*const jsContent = ("(?:[^"\\]|\\[\s\S])*");/.exec(code);
        if (!match || !/export default function WorkerWrapper\(options\)/.test(code)) {
          this.error(
            `unexpected inline worker module for ${id}: has vite changed how it inlines workers?`,
          );
        }
        // A JavaScript string literal (the bundler may have reprinted vite's JSON), evaluated in
        // an empty context: it is our own bundle's text.
        const source: unknown = runInNewContext(match[1]!, {});
        if (typeof source !== 'string') this.error(`the inline worker ${id} is not a string`);
        const packed = gzipSync(source, { level: 9 }).toString('base64');
        return {
          code: [
            `const packed = ${JSON.stringify(packed)};`,
            `const boot = ${JSON.stringify(WORKER_BOOT)};`,
            'export default function WorkerWrapper(options) {',
            "  const parts = ['const packed = \"', packed, '\";', boot];",
            "  const url = URL.createObjectURL(new Blob(parts, { type: 'text/javascript;charset=utf-8' }));",
            '  return new Worker(url, { name: options?.name });',
            '}',
            '',
          ].join('\n'),
          map: { mappings: '' },
        };
      },
    },
  };
}

/**
 * KaTeX font families the app's formulas never select: its LaTeX comes from shared/expr
 * (format.ts) and the figure panels, which use the Main, Math, AMS and Size fonts only (no
 * \mathcal, \mathfrak, \mathscr, \mathsf or \texttt). Their @font-face rules are dropped
 * (about 125 KB of the page): were one ever asked for, the browser would fall back to a system
 * font, without any request.
 */
export const UNUSED_KATEX_FAMILIES = [
  'KaTeX_Caligraphic',
  'KaTeX_Fraktur',
  'KaTeX_SansSerif',
  'KaTeX_Script',
  'KaTeX_Typewriter',
];

/**
 * KaTeX's stylesheet lists each font three times (woff2, woff, ttf); inlined, that would triple
 * the fonts' weight. Only the woff2 source is kept (every browser that runs the player reads
 * it), and the families above are left out.
 */
export function katexFonts(): Plugin {
  return {
    name: 'descent-katex-fonts',
    enforce: 'pre',
    transform: {
      filter: { id: /[/\\]katex[/\\].*\.css(?:\?|$)/ },
      handler(code) {
        const trimmed = code
          .replace(/@font-face\s*\{[^}]*\}/g, (rule) =>
            UNUSED_KATEX_FAMILIES.some((family) =>
              new RegExp(`font-family:\\s*(["']?)${family}\\1\\s*;`).test(rule),
            )
              ? ''
              : rule,
          )
          .replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, '');
        return { code: trimmed, map: null };
      },
    },
  };
}

/**
 * A reference in the page to anything but a data: URI or a fragment (a request for a file next
 * to it or on a network), or null. Script contents are code, not markup, and are skipped (an
 * inline script cannot contain `</script>`); styles are searched for url(…).
 */
export function externalReference(html: string): string | null {
  const styles: string[] = [];
  const markup = html
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)([\s\S]*?)<\/style>/gi, (_m, open: string, css: string) => {
      styles.push(css);
      return `${open}</style>`;
    });
  const attribute = /\s(?:src|href|srcset|poster|data)\s*=\s*["']?(?!data:|#)[^"'\s>]+/i.exec(
    markup,
  );
  if (attribute) return attribute[0].trim();
  for (const css of styles) {
    const url = /url\(\s*["']?(?!data:|#)[^)]*\)|@import\b[^;]*/i.exec(css);
    if (url) return url[0];
  }
  return null;
}

/** Fails the build when anything other than the one HTML file would be written. */
function nothingOutside(): Plugin {
  return {
    name: 'descent-player-single-file',
    enforce: 'post',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const others = Object.keys(bundle).filter((name) => name !== 'index.html');
        if (others.length > 0) {
          this.error(`the player must be one file, but the build also made: ${others.join(', ')}`);
        }
        const html = bundle['index.html'];
        const problem =
          html && html.type === 'asset' ? externalReference(String(html.source)) : null;
        if (problem) this.error(`the player page still loads a file: ${problem}`);
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [
    inlineWorkers(),
    packInlineWorkers(),
    katexFonts(),
    react(),
    contentSecurityPolicy(),
    viteSingleFile({ outputFileName: 'index.html' }),
    nothingOutside(),
  ],
  worker: {
    // A classic worker: Chromium refuses a *module* worker from a blob: URL on a file:// page
    // (its origin is opaque, so the blob's module script fails the same-origin check), while a
    // classic one starts. The worker's own code is one script either way.
    format: 'iife',
    // An inline worker is one string: it must not split into chunks of its own.
    rolldownOptions: { output: { codeSplitting: false } },
  },
  build: {
    outDir: '../dist/player',
    emptyOutDir: true,
    target: 'es2022',
    // Every asset (KaTeX's woff2 fonts) becomes a data: URI.
    assetsInlineLimit: () => true,
    // Nothing to preload: there is only the one page.
    modulePreload: false,
    reportCompressedSize: false,
    rolldownOptions: { input: fileURLToPath(new URL('./player.html', import.meta.url)) },
  },
});
