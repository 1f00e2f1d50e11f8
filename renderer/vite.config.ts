/**
 * Browser build of the renderer: a static site in dist/web/ that works from any static server
 * at any path (relative base), with the solver in a module Web Worker.
 * Run from the repository root: `npm run build:web` / `npm run dev:web`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { ensurePlayerBuild } from '../node/player-build.mjs';
import { PLAYER_FILE } from '../shared/lesson/page.ts';

// fileURLToPath, not URL.pathname: on Windows that would be `/C:/…` with %-escapes.
const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The built page runs under a strict Content-Security-Policy (no inline or eval'd script). In
 * the desktop app the app:// protocol also sends its own policy (electron/main/protocol.ts) and
 * both apply, so this one must allow everything the app needs. Only added to the build: the dev
 * server injects an inline React-refresh preamble that this policy would block.
 */
const CSP = [
  "default-src 'self'",
  // WebAssembly only (the HDF5 reader of loss landscapes); no JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // blob: for workers a bundler inlines; export previews are blob: images and videos.
  "worker-src 'self' blob:",
  // KaTeX's HTML carries style attributes; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'descent-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

/**
 * The lesson player page (dist/player/index.html, renderer/vite.player.config.ts) travels with the
 * app as lesson-player.html, next to index.html: File ▸ Export Lesson ▸ HTML fetches it and puts
 * the open lesson in (shared/lesson/page.ts), so the app writes the same one-file page as
 * `descent render LESSON -o lesson.html`. Built first when missing or stale; the dev server
 * serves it the same way.
 */
function lessonPlayer(): Plugin {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const page = async (log: (text: string) => void): Promise<string> =>
    readFile(
      await ensurePlayerBuild(root, { onBuild: () => log('building the lesson player page…') }),
      'utf8',
    );
  return {
    name: 'descent-lesson-player',
    async generateBundle() {
      const source = await page((text) => this.info(text));
      this.emitFile({ type: 'asset', fileName: PLAYER_FILE, source });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${PLAYER_FILE}`) return next();
        page((text) => server.config.logger.info(text)).then((html) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(html);
        }, next);
      });
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs so the build can be served from `/`, a sub-folder or Electron's app://.
  base: './',
  plugins: [react(), contentSecurityPolicy(), lessonPlayer()],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
