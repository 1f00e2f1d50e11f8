/**
 * Browser build of the renderer: a static site in dist/web/ that works from any static server
 * at any path (relative base), with the solver in a module Web Worker.
 * Run from the repository root: `npm run build:web` / `npm run dev:web`.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const here = new URL('.', import.meta.url).pathname;

/**
 * The built page runs under a strict Content-Security-Policy (no inline or eval'd script), the
 * same policy the Electron shell will enforce. Only added to the build: the dev server injects an
 * inline React-refresh preamble that this policy would block.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  // KaTeX's HTML carries style attributes; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
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
