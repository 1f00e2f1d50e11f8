/**
 * Browser build of the renderer: a static site in dist/web/ that works from any static server
 * at any path (relative base), with the solver in a module Web Worker.
 * Run from the repository root: `npm run build:web` / `npm run dev:web`.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

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
  "script-src 'self'",
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

export default defineConfig({
  root: here,
  // Relative asset URLs so the build can be served from `/`, a sub-folder or Electron's app://.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
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
