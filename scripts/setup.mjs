#!/usr/bin/env node
// Installs the project's npm packages in a way that works with and without internet
// access to GitHub: Electron's binary download is skipped during `npm install` (it would
// fail the whole install where GitHub is unreachable) and then attempted on its own, so a
// machine that can fetch it gets the desktop app and one that cannot gets a one-line note.
// Then it bundles the `descent` command (dist/cli). Each step ends with one line saying what
// happened; the tools' own output is shown when a step fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--test` also prepares what the test suite needs beyond npm packages (see ensureTestTools).
const forTests = process.argv.includes('--test');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command with its output captured (shown by the caller when it fails). */
function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/**
 * Packages whose engines field asks for a newer Node.js than the project needs, and what they
 * are for: none of them runs in the app, the tests or `descent`, so npm's warnings about them
 * are summed up in one line instead of a screenful.
 */
const NEWER_NODE_ONLY = new Map([
  ['electron', "Electron's download"],
  ['@electron/get', "Electron's download"],
  ['@electron-internal/extract-zip', "Electron's download"],
  ['@electron/rebuild', 'installer packaging'],
  ['node-abi', 'installer packaging'],
  ['commander', "KaTeX's own command line"],
]);

/**
 * npm's warnings, except the engine warnings about the packages above, which are returned
 * apart (by name) to be summed up.
 */
function sortWarnings(output) {
  const known = new Set();
  const warnings = [];
  let block = null;
  for (const line of output.split(/\r?\n/)) {
    // Each engine warning is a block: `npm warn EBADENGINE Unsupported engine {` … `}`.
    if (line.startsWith('npm warn EBADENGINE')) {
      block ??= [];
      block.push(line);
      if (line.trim() !== 'npm warn EBADENGINE }') continue;
      const name = /package: '(@?[^@']+)@/.exec(block.join('\n'))?.[1];
      if (name && NEWER_NODE_ONLY.has(name)) known.add(name);
      else warnings.push(...block);
      block = null;
    } else if (/^npm warn/i.test(line)) {
      warnings.push(line);
    }
  }
  if (block) warnings.push(...block);
  return { known: [...known], warnings };
}

// ─── npm packages ────────────────────────────────────────────────────────────────────────────

const useCi = existsSync(join(root, 'package-lock.json'));
console.log(`setup: installing npm packages (npm ${useCi ? 'ci' : 'install'})…`);
let started = Date.now();
const install = run(npm, [useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], {
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
});
if (install.status !== 0) {
  process.stderr.write(install.output);
  console.error('setup: npm install failed (see above).');
  process.exit(install.status ?? 1);
}
const added = /added (\d+) packages?/.exec(install.output)?.[1];
console.log(
  `setup: npm packages installed${added ? ` (${added} packages)` : ''} in ${seconds(started)}.`,
);
const { known, warnings } = sortWarnings(install.output);
if (known.length > 0) {
  const list = [...new Set(known.map((name) => NEWER_NODE_ONLY.get(name)))];
  const uses = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
  console.log(
    `setup: ${known.length} packages ask for Node.js 22.12 or newer (${known.join(', ')}); they serve only ${uses}, so Node.js ${process.versions.node} runs everything else.`,
  );
}
for (const line of warnings) console.log(line);

// ─── Electron's binary ───────────────────────────────────────────────────────────────────────

const electronInstaller = join(root, 'node_modules', 'electron', 'install.js');
if (existsSync(electronInstaller)) {
  const fetched = spawnSync(process.execPath, [electronInstaller], {
    cwd: join(root, 'node_modules', 'electron'),
    stdio: 'pipe',
    timeout: 5 * 60 * 1000,
  });
  if (fetched.status === 0) {
    console.log('setup: Electron binary is installed; the desktop app is available.');
  } else {
    console.log(
      'setup: Electron binary could not be downloaded here; the desktop app is unavailable, everything else works.',
    );
  }
}

// ─── The descent command ─────────────────────────────────────────────────────────────────────

started = Date.now();
const bundle = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], {
  cwd: root,
  encoding: 'utf8',
});
if (bundle.status !== 0) {
  process.stderr.write(`${bundle.stdout ?? ''}${bundle.stderr ?? ''}`);
  console.error('setup: the descent command could not be built (see above).');
  process.exit(bundle.status ?? 1);
}
console.log(`setup: built the descent command (dist/cli) in ${seconds(started)}.`);

// ─── Test tools ──────────────────────────────────────────────────────────────────────────────

// The end-to-end tests drive Debian's Chromium (Playwright cannot download its own browser on
// every machine) and check videos with ffprobe. On a Debian/Ubuntu machine where we are root,
// install them; elsewhere say what is missing and let the e2e runner skip with that reason.
function ensureTestTools() {
  const needed = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/bin/ffprobe', 'ffmpeg'],
    ['/usr/bin/Xvfb', 'xvfb'],
    ['/usr/share/fonts/truetype/liberation', 'fonts-liberation'],
  ].filter(([path]) => !existsSync(path));
  if (needed.length === 0) {
    console.log('setup: the end-to-end test tools (Chromium, ffmpeg, Xvfb, fonts) are present.');
    return;
  }
  const packages = needed.map(([, pkg]) => pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isRoot || !existsSync('/usr/bin/apt-get')) {
    console.log(
      `setup: end-to-end tests need ${packages.join(', ')} (Debian package names); install them to run those tests.`,
    );
    return;
  }
  const since = Date.now();
  console.log(`setup: installing ${packages.join(', ')} with apt-get…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const update = run('apt-get', ['update', '-qq'], env);
  const install =
    update.status === 0
      ? run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env)
      : update;
  if (install.status !== 0) {
    process.stderr.write(install.output);
    console.error(`setup: could not install ${packages.join(', ')} with apt-get.`);
    process.exit(install.status ?? 1);
  }
  console.log(`setup: installed ${packages.join(', ')} in ${seconds(since)}.`);
}

if (forTests) ensureTestTools();
