import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  browserCommand,
  canOpenBrowser,
  decideStart,
  main,
  NO_ELECTRON_NOTICE,
  parseStartArgs,
} from './start.mjs';
import type { StartDeps } from './start.mjs';

const ROOT = '/repo';

/** Side effects recorded instead of performed. */
function fakeDeps(overrides: Partial<StartDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Set<string>(overrides.exists ? [] : [join(ROOT, 'dist', 'web', 'index.html')]);
  const deps: StartDeps = {
    root: ROOT,
    env: {},
    platform: 'linux',
    cwd: '/home/u',
    log: (line) => out.push(line),
    error: (line) => err.push(line),
    exists: (p) => files.has(p),
    readText: () => {
      throw new Error('ENOENT');
    },
    mtime: (p) => (p.endsWith('index.html') ? 2000 : 1000),
    list: () => [join(ROOT, 'renderer', 'src', 'main.tsx')],
    run: vi.fn(() => 0),
    serve: vi.fn(async () => ({ url: 'http://127.0.0.1:4321/', close: async () => undefined })),
    openUrl: vi.fn(),
    ...overrides,
  };
  return { deps, out, err };
}

/** Deps where the Electron binary is installed at node_modules/electron/dist/electron. */
function withElectron(overrides: Partial<StartDeps> = {}) {
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', 'electron');
  return fakeDeps({
    readText: (p) => {
      if (p.endsWith('path.txt')) return 'electron';
      throw new Error('ENOENT');
    },
    exists: (p) => p === binary,
    ...overrides,
  });
}

describe('npm start without the Electron binary', () => {
  it('says so in one line, serves the browser build on 127.0.0.1 and prints the URL', async () => {
    const { deps, out, err } = fakeDeps({ env: { DISPLAY: ':0' } });
    expect(await main([], deps)).toBeNull();
    expect(out[0]).toBe(NO_ELECTRON_NOTICE);
    expect(NO_ELECTRON_NOTICE).not.toContain('\n');
    expect(deps.serve).toHaveBeenCalledWith(join(ROOT, 'dist', 'web'), 0);
    expect(out).toContain(
      'Descent Studio (browser build) is at http://127.0.0.1:4321/  (Ctrl+C stops it)',
    );
    expect(deps.openUrl).toHaveBeenCalledWith('http://127.0.0.1:4321/');
    expect(deps.run).not.toHaveBeenCalled();
    expect(err).toEqual([]);
  });

  it('builds the browser version first when dist/web is missing or stale', async () => {
    const { deps, out } = fakeDeps({ mtime: (p) => (p.endsWith('index.html') ? 1000 : 2000) });
    expect(await main(['--no-open'], deps)).toBeNull();
    expect(deps.run).toHaveBeenCalledWith('npm', ['run', 'build:web']);
    expect(out).toContain('Building the browser version (npm run build:web)…');
    expect(deps.openUrl).not.toHaveBeenCalled();
  });

  it('exits 1 with a message when the build fails, serving nothing', async () => {
    const { deps, err } = fakeDeps({ mtime: () => null, run: vi.fn(() => 2) });
    expect(await main([], deps)).toBe(1);
    expect(err).toEqual(['npm start: the browser build failed (see above); nothing to serve.']);
    expect(deps.serve).not.toHaveBeenCalled();
  });

  it('exits 1 when the port is taken', async () => {
    const { deps, err } = fakeDeps({
      serve: vi.fn(async () => Promise.reject(new Error('EADDRINUSE'))),
    });
    expect(await main(['--port', '4173'], deps)).toBe(1);
    expect(err[0]).toMatch(/could not start the local server: EADDRINUSE/);
  });

  it('does not try to open a browser without a display', async () => {
    const { deps } = fakeDeps({ env: {} });
    await main([], deps);
    expect(deps.openUrl).not.toHaveBeenCalled();
  });

  it('exits 1 when the desktop app is required', async () => {
    const { deps, err } = fakeDeps();
    expect(await main(['--desktop'], deps)).toBe(1);
    expect(err[0]).toMatch(/Electron binary is not installed/);
    expect(deps.serve).not.toHaveBeenCalled();
  });
});

describe('npm start with the Electron binary', () => {
  it('starts the desktop app through electron-vite, passing scene files', async () => {
    const { deps, out } = withElectron();
    expect(await main(['talk/bowl.descent.json'], deps)).toBe(0);
    const [cmd, args, env] = (deps.run as ReturnType<typeof vi.fn>).mock.calls[0] as [
      string,
      string[],
      Record<string, string>,
    ];
    expect(cmd).toBe(process.execPath);
    expect(args).toEqual([
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'preview',
    ]);
    expect(env).toEqual({
      ELECTRON_ENTRY: 'out',
      ELECTRON_EXEC_PATH: join(ROOT, 'node_modules', 'electron', 'dist', 'electron'),
      ELECTRON_CLI_ARGS: JSON.stringify(['/home/u/talk/bowl.descent.json']),
    });
    expect(out).toEqual([]);
    expect(deps.serve).not.toHaveBeenCalled();
  });

  it('passes on the app’s exit code', async () => {
    const { deps } = withElectron({ run: vi.fn(() => 3) });
    expect(await main(['--dev'], deps)).toBe(3);
    expect((deps.run as ReturnType<typeof vi.fn>).mock.calls[0]?.[1]?.[1]).toBe('dev');
  });

  it('serves the browser build anyway with --browser, without the notice', async () => {
    const { deps, out } = withElectron();
    expect(await main(['--browser'], deps)).toBeNull();
    expect(out).not.toContain(NO_ELECTRON_NOTICE);
    expect(deps.serve).toHaveBeenCalled();
  });
});

describe('arguments', () => {
  it.each([
    [['--port', 'x'], /--port needs a port number/],
    [['--port', '70000'], /--port needs a port number/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j exits 2 with a message', async (argv, message) => {
    const { deps, err } = fakeDeps();
    expect(await main(argv, deps)).toBe(2);
    expect(err[0]).toMatch(message);
  });

  it('--help prints the usage and exits 0', async () => {
    const { deps, out } = fakeDeps();
    expect(await main(['--help'], deps)).toBe(0);
    expect(out[0]).toMatch(/^usage: npm start/);
  });

  it('parses the options', () => {
    expect(parseStartArgs(['--browser', '--no-open', '--port', '8080', 'a.descent.json'])).toEqual({
      options: { mode: 'browser', dev: false, open: false, port: 8080, files: ['a.descent.json'] },
    });
  });
});

describe('decisions', () => {
  it('decides between desktop and browser', () => {
    expect(decideStart({ mode: 'auto' }, '/e')).toEqual({ kind: 'desktop' });
    expect(decideStart({ mode: 'auto' }, null)).toEqual({
      kind: 'browser',
      notice: NO_ELECTRON_NOTICE,
    });
    expect(decideStart({ mode: 'browser' }, '/e')).toEqual({ kind: 'browser', notice: null });
    expect(decideStart({ mode: 'desktop' }, null)).toMatchObject({ kind: 'fail', code: 1 });
  });

  it('opens a browser only where one can show', () => {
    expect(canOpenBrowser('linux', {})).toBe(false);
    expect(canOpenBrowser('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(canOpenBrowser('darwin', {})).toBe(true);
    expect(canOpenBrowser('win32', { BROWSER: 'none' })).toBe(false);
    expect(browserCommand('linux', 'http://x/')).toEqual(['xdg-open', ['http://x/']]);
    expect(browserCommand('darwin', 'http://x/')).toEqual(['open', ['http://x/']]);
    expect(browserCommand('win32', 'http://x/')).toEqual([
      'cmd',
      ['/c', 'start', '""', 'http://x/'],
    ]);
  });
});

describe('scripts/start.mjs as a command', () => {
  const script = join(import.meta.dirname, 'start.mjs');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 20_000 });

  it('exits 2 with one message on a bad option', () => {
    const result = run(['--frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("npm start: unknown option '--frobnicate'.");
  });

  it('exits 0 for --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm start/);
  });
});
