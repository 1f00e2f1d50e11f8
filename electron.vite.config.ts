/**
 * electron-vite: builds the desktop app into out/ (`npx electron-vite build`).
 *
 *   out/main/index.js      main process (ES module), every dependency bundled in
 *   out/preload/index.cjs  preload (CommonJS: a sandboxed preload cannot be an ES module)
 *   out/renderer/          the renderer, built with the browser build's own Vite config
 *   out/package.json       the app's manifest, so out/ is a complete app by itself
 *
 * Bundling everything (no externalized node_modules) is what lets electron-builder package
 * out/ alone (see electron-builder.json: directories.app = out) without shipping the
 * renderer's dependencies a second time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import webConfig from './renderer/vite.config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
  license: string;
};

/** Product name, also the user-data folder name (keep in sync with electron/main/identity.ts). */
const PRODUCT_NAME = 'Descent Studio';

/** Writes out/package.json: Electron reads the app's name, version and entry from it. */
function appManifest(): Plugin {
  return {
    name: 'descent-app-manifest',
    apply: 'build',
    writeBundle() {
      const manifest = {
        name: pkg.name,
        productName: PRODUCT_NAME,
        version: pkg.version,
        description: pkg.description,
        license: pkg.license,
        author: { name: 'Descent Studio contributors' },
        homepage: 'https://github.com/descent-studio/descent-studio',
        type: 'module',
        main: './main/index.js',
      };
      writeFileSync(resolve(root, 'out', 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    },
  };
}

export default defineConfig({
  main: {
    plugins: [appManifest()],
    build: {
      externalizeDeps: false,
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron': everything else is bundled.
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // The browser build's config (plugins, worker format, CSP meta tag), pointed at out/.
    ...webConfig,
    root: resolve(root, 'renderer'),
    base: './',
    build: {
      ...webConfig.build,
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // As in the browser build (electron-vite would otherwise leave the renderer unminified).
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
