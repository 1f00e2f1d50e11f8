/**
 * Which browser `descent render` drives: `--browser PATH`, else the Electron app's runtime when
 * its binary is installed, else a Chromium-based browser found in the usual places. Discovery
 * only (no browser is started here), with the file system injected for tests.
 */
import { accessSync, constants as fsConstants, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findElectronBinary } from '../../../node/electron-binary.mjs';

/** A browser to render with. */
export interface BrowserChoice {
  kind: 'chromium' | 'electron';
  path: string;
}

/** What discovery looks at. */
export interface BrowserIo {
  platform: string;
  env: Record<string, string | undefined>;
  isExecutable: (path: string) => boolean;
  /** The installed Electron binary, or null. */
  electron: () => string | null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where Chromium-based browsers usually live, per platform. */
export function browserCandidates(
  platform: string,
  env: Record<string, string | undefined>,
): string[] {
  const fromEnv = [env.DESCENT_CHROMIUM, env.CHROME_PATH, env.CHROMIUM_PATH].filter(
    (p): p is string => Boolean(p),
  );
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (p): p is string => Boolean(p),
    );
    return [
      ...fromEnv,
      ...roots.flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
        join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]),
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

/**
 * The browser to render with: `--browser PATH` if given; else the Electron binary when it is
 * installed; else the first Chromium-based browser found. Null when there is none.
 */
export function findBrowser(requested: string | null, io: BrowserIo): BrowserChoice | null {
  if (requested) {
    if (!io.isExecutable(requested)) return null;
    const kind = /electron/i.test(basename(requested)) ? 'electron' : 'chromium';
    return { kind, path: requested };
  }
  const electron = io.electron();
  if (electron) return { kind: 'electron', path: electron };
  const found = browserCandidates(io.platform, io.env).find((p) => io.isExecutable(p));
  return found ? { kind: 'chromium', path: found } : null;
}

/** This machine, for {@link findBrowser}; `withElectron: false` skips the Electron runtime. */
export function systemBrowserIo(root: string, withElectron = true): BrowserIo {
  return {
    platform: process.platform,
    env: process.env,
    isExecutable: executable,
    electron: () =>
      withElectron
        ? findElectronBinary({
            root,
            env: process.env,
            exists: existsSync,
            readText: (p) => readFileSync(p, 'utf8'),
          })
        : null,
  };
}

/** Flags for a quiet headless Chromium (no network chatter, software WebGL allowed). */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Without a GPU, WebGL falls back to SwiftShader only when allowed.
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ];
}
