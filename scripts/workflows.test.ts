/**
 * The GitHub Actions workflows cannot run here, so they are checked offline: every file against
 * the workflow schema (action-validator, WebAssembly, no network), and for what the release
 * process depends on (the three systems, tag triggers, tests before installers, the targets of
 * electron-builder.json). The smoke-start script the release runs on each built app is tried
 * against a stand-in app that speaks just enough of Chromium's DevTools protocol.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const workflowsDir = join(root, '.github', 'workflows');
const validator = join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const smokeScript = join(root, '.github', 'scripts', 'smoke-start.mjs');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

const scratch = mkdtempSync(join(tmpdir(), 'descent-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(file: string) {
  const run = spawnSync(process.execPath, [validator, file], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// What the tests read of a workflow; the YAML is checked against the real schema above.
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  uses?: string;
  needs?: string | string[];
  'runs-on'?: string;
  strategy?: { matrix: { os?: string[]; include?: Record<string, string>[] } };
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[]; tags?: string[] } | null>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowFiles = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
const load = (name: string) =>
  yaml.load(readFileSync(join(workflowsDir, name), 'utf8')) as Workflow;
const ci = load('ci.yml');
const release = load('release.yml');
const builder = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'));
const runs = (job: Job | undefined) => (job?.steps ?? []).map((s) => s.run ?? '').join('\n');
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

describe('workflow files', () => {
  it('are the ci and release workflows', () => {
    expect(workflowFiles.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(workflowFiles)('%s passes the workflow schema', (file) => {
    const result = validate(join(workflowsDir, file));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.each([
    [
      'a job without runs-on and with "step" for "steps"',
      'on: push\njobs:\n  a:\n    step:\n      - run: echo\n',
    ],
    [
      'an event that does not exist',
      'on: pushed\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    ],
  ])('the validator refuses a broken workflow: %s', (_what, text) => {
    const file = join(scratch, 'broken.yml');
    writeFileSync(file, text);
    const result = validate(file);
    expect(result.status).not.toBe(0);
    expect(result.output).not.toBe('');
  });

  it('use only well-known actions, pinned to a major version', () => {
    const known = [
      'actions/checkout',
      'actions/setup-node',
      'actions/upload-artifact',
      'actions/download-artifact',
      'softprops/action-gh-release',
    ];
    const used = [ci, release].flatMap((w) =>
      Object.values(w.jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => s.uses ?? [])),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const action of used) {
      const [name, version] = action.split('@');
      expect(known, action).toContain(name);
      expect(version, action).toMatch(/^v\d+$/);
    }
  });
});

describe('ci workflow', () => {
  const job = ci.jobs['test']!;

  it('runs on every push and pull request, and can be called by the release', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    // Branches only: a tag push is tested through release.yml, not a second time.
    expect(ci.on['push']).toEqual({ branches: ['**'] });
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('tests on Linux, Windows and macOS', () => {
    expect(job.strategy?.matrix.os).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest']);
  });

  it('uses a Node.js that the engines field and Electron’s download both accept', () => {
    const setupNode = job.steps!.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toEqual({ 'node-version': 22, cache: 'npm' });
    const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe('>=20.19');
  });

  it('sets up with the Electron download, fails without the binary, and runs npm test', () => {
    const script = runs(job);
    expect(script).toContain('node scripts/setup.mjs --test');
    expect(script).toContain("require('electron')");
    expect(script).toMatch(/xvfb-run -a .*npm test/);
    expect(script).toMatch(/^\s*npm test$/m);
  });

  it('runs the Electron end-to-end tests and fails when they were skipped', () => {
    const step = job.steps!.find((s) => s.run?.includes('--project electron'))!;
    expect(step.run).toContain('xvfb-run -a');
    expect(step.env?.['PLAYWRIGHT_JSON_OUTPUT_FILE']).toBe('electron-results.json');
    expect(step.run).toMatch(/stats\.skipped > 0/);
    // The spec file that project runs exists.
    expect(existsSync(join(root, 'e2e', 'electron.spec.ts'))).toBe(true);
  });

  it('gives the browser tests a Chromium where Debian’s is missing', () => {
    const step = job.steps!.find((s) => s.run?.includes('playwright install chromium'))!;
    expect(step.if).toBe("runner.os != 'Linux'");
    expect(step.run).toContain('DESCENT_CHROMIUM=');
    expect(job.strategy?.matrix.include).toContainEqual({
      os: 'ubuntu-latest',
      container: 'debian:bookworm',
    });
  });

  it('uploads the Playwright reports when something failed', () => {
    const upload = job.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.if).toBe('failure()');
    expect(String(upload.with?.['path'])).toContain('playwright-report/');
  });
});

describe('release workflow', () => {
  const build = release.jobs['build']!;
  const platforms = (build.strategy?.matrix.include ?? []).map((e) => e['platform']);

  it('runs on version tags only, and only for the version package.json has', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(runs(build)).toContain('if [ "$version" != "$GITHUB_REF_NAME" ]; then');
  });

  it('runs the full ci workflow first and builds only after it passed', () => {
    expect(release.jobs['test']).toEqual({ uses: './.github/workflows/ci.yml' });
    expect(asList(build.needs)).toEqual(['test']);
    expect(asList(release.jobs['release']!.needs)).toEqual(['build']);
  });

  it('builds every platform electron-builder.json configures, on its own system', () => {
    const configured = ['win', 'mac', 'linux'].filter((p) => builder[p]?.target);
    expect(platforms.sort()).toEqual(configured.sort());
    const osOf = Object.fromEntries(
      (build.strategy?.matrix.include ?? []).map((e) => [e['platform'], e['os']]),
    );
    expect(osOf).toEqual({ win: 'windows-latest', mac: 'macos-latest', linux: 'ubuntu-latest' });
    expect(runs(build)).toContain('npx electron-builder --${{ matrix.platform }} --publish never');
  });

  it('uploads a file for every target in electron-builder.json', () => {
    const extensionOf: Record<string, string> = {
      nsis: 'exe',
      dmg: 'dmg',
      zip: 'zip',
      AppImage: 'AppImage',
      deb: 'deb',
    };
    const upload = build.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    const patterns = String(upload.with?.['path']).split('\n').filter(Boolean);
    const targets = ['win', 'mac', 'linux'].flatMap((p) =>
      (builder[p].target as (string | { target: string })[]).map((t) =>
        typeof t === 'string' ? t : t.target,
      ),
    );
    expect(targets.sort()).toEqual(['AppImage', 'deb', 'dmg', 'nsis', 'zip']);
    for (const target of targets) {
      expect(patterns, target).toContain(`dist/desktop/*.${extensionOf[target]}`);
    }
    expect(upload.with?.['if-no-files-found']).toBe('error');
  });

  it('signs and notarizes from secrets when present, and says when it did not', () => {
    const text = readFileSync(join(workflowsDir, 'release.yml'), 'utf8');
    for (const secret of [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ]) {
      expect(text, secret).toContain(`secrets.${secret}`);
    }
    const decide = build.steps!.find((s) => s.name === 'Decide on signing')!;
    expect(decide.run).toContain('echo "CSC_IDENTITY_AUTO_DISCOVERY=false" >> "$GITHUB_ENV"');
    expect(decide.run).toContain('GITHUB_STEP_SUMMARY');
  });

  it('smoke-starts the Windows, macOS and Linux builds with the script in the repository', () => {
    const smoke = build.steps!.filter((s) => s.run?.includes('.github/scripts/smoke-start.mjs'));
    expect(smoke.map((s) => s.if)).toEqual([
      "matrix.platform == 'win'",
      "matrix.platform == 'mac'",
      "matrix.platform == 'linux'",
    ]);
    const linux = smoke[2]!.run!;
    expect(linux).toContain(
      'xvfb-run -a node .github/scripts/smoke-start.mjs /usr/bin/descent-studio',
    );
    expect(linux).toContain('.AppImage');
    expect(existsSync(smokeScript)).toBe(true);
  });

  it('attaches the installers and SHA256SUMS.txt to a draft release', () => {
    const job = release.jobs['release']!;
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(runs(job)).toContain('sha256sum -- * > SHA256SUMS.txt');
    const publish = job.steps!.find((s) => s.uses?.startsWith('softprops/action-gh-release@'))!;
    expect(publish.with).toMatchObject({ draft: true, files: 'installers/*' });
  });
});

/**
 * A stand-in for the packaged app: serves DevTools' target list on the port it is given and
 * answers one Runtime.evaluate over a minimal WebSocket. MODE: ok, blank (renders nothing),
 * web (its page is not app://), exit (quits at once), crash-later (quits after answering).
 */
const FAKE_APP = String.raw`
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
const mode = process.argv[2];
const port = Number(process.argv.find((a) => a.startsWith('--remote-debugging-port=')).split('=')[1]);
if (mode === 'exit') setTimeout(() => process.exit(3), 100);
const url = mode === 'web' ? 'http://example.test/' : 'app://descent/index.html';
const server = createServer((req, res) => {
  if (req.url !== '/json/list') return res.writeHead(404).end();
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify([{ type: 'page', url, webSocketDebuggerUrl: 'ws://127.0.0.1:' + port + '/devtools/page/1' }]));
});
server.on('upgrade', (req, socket) => {
  const accept = createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ' + accept + '\r\n\r\n');
  socket.on('error', () => {});
  socket.on('data', (frame) => {
    if ((frame[0] & 0x0f) !== 1) return; // Only the text frame with the request matters.
    let length = frame[1] & 0x7f;
    let offset = 2;
    if (length === 126) { length = frame.readUInt16BE(2); offset = 4; }
    const mask = frame.subarray(offset, offset + 4);
    const payload = Buffer.from(frame.subarray(offset + 4, offset + 4 + length).map((b, i) => b ^ mask[i % 4]));
    const { id } = JSON.parse(payload.toString());
    const value = { children: mode === 'blank' ? 0 : 3, title: 'Descent Studio', text: 'Stand-in app' };
    const body = Buffer.from(JSON.stringify({ id, result: { result: { type: 'object', value } } }));
    const head = body.length < 126 ? Buffer.from([0x81, body.length]) : Buffer.from([0x81, 126, body.length >> 8, body.length & 255]);
    socket.write(Buffer.concat([head, body]));
    if (mode === 'crash-later') setTimeout(() => process.exit(4), 200);
  });
});
server.listen(port, '127.0.0.1');
`;

describe('smoke-start script', () => {
  const fakeApp = join(scratch, 'fake-app.mjs');
  writeFileSync(fakeApp, FAKE_APP);
  // Node 22 (CI, release) has WebSocket built in; Node 20 needs the flag.
  const nodeFlags = typeof WebSocket === 'function' ? [] : ['--experimental-websocket'];

  // Only the "web" stand-in waits for the whole start timeout, so that one is short; the others
  // get room for a slow machine.
  function smoke(mode: string) {
    const timeout = mode === 'web' ? '3' : '30';
    const run = spawnSync(
      process.execPath,
      [...nodeFlags, smokeScript, '--seconds', '1', '--timeout', timeout].concat([
        process.execPath,
        fakeApp,
        mode,
      ]),
      { encoding: 'utf8', timeout: 90_000 },
    );
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  it('passes an app whose app:// page renders and stays up', () => {
    const result = smoke('ok');
    expect(result.output).toContain(
      'smoke-start: passed: app://descent/index.html rendered (Descent Studio: "Stand-in app") and stayed up 1 s',
    );
    expect(result.status).toBe(0);
  });

  it.each([
    ['blank', /rendered nothing \(blank window\)/],
    ['exit', /the app exited \(code 3\) before its window loaded/],
    ['crash-later', /the app exited \(code 4\) after its window loaded/],
    ['web', /no app:\/\/ page within 3 s/],
  ])('fails an app that does "%s"', (mode, message) => {
    const result = smoke(mode);
    expect(result.output).toMatch(message);
    expect(result.status).toBe(1);
  });

  it('fails when the executable does not exist', () => {
    const run = spawnSync(process.execPath, [smokeScript, join(scratch, 'no-such-app')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toMatch(/smoke-start: FAILED: could not start .*no-such-app/);
    expect(run.status).toBe(1);
  });
});
