import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download is not available on every machine. */
export const CHROMIUM = process.env.DESCENT_CHROMIUM ?? '/usr/bin/chromium';
/** Flags that keep a headless Chromium quiet on a machine without network, running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
/**
 * Window size of the browser tests. WebGL is drawn on the CPU here (SwiftShader), so the
 * window is kept small: at 1024×720 the view's canvas is about 384×640 pixels, a third of
 * what 1280×800 gives, and still wide enough for every panel.
 */
export const E2E_VIEWPORT = { width: 1024, height: 720 };
/** Port of the preview server; another can be chosen when 4173 is taken (DESCENT_E2E_PORT). */
const PORT = Number(process.env.DESCENT_E2E_PORT ?? 4173);
/**
 * The tests build the browser app into a folder of their own (relative to renderer/, vite's
 * root), so a `npm run build:web` or `npm start` elsewhere never empties the folder being served
 * mid-run, and the tests never replace the dist/web someone is using.
 */
const WEB_DIR = `../dist/e2e-web-${PORT}`;
const CI = !!process.env.CI;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One browser at a time: two SwiftShader pages on a 2-core machine starve each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: 0,
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: E2E_VIEWPORT,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The browser build in Chromium (served by `vite preview` below).
    { name: 'web', testIgnore: /electron\.spec\.ts$/ },
    // The desktop app through Playwright's Electron driver (skips itself without the binary).
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
  webServer: {
    command:
      `npx vite build --config renderer/vite.config.ts --outDir ${WEB_DIR} --emptyOutDir && ` +
      `npx vite preview --config renderer/vite.config.ts --outDir ${WEB_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !CI,
    timeout: 180_000,
  },
});
