#!/usr/bin/env node
// Installs the project's npm packages in a way that works with and without internet
// access to GitHub: Electron's binary download is skipped during `npm install` (it would
// fail the whole install where GitHub is unreachable) and then attempted on its own, so a
// machine that can fetch it gets the desktop app and one that cannot gets a one-line note.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--test` also prepares what the test suite needs beyond npm packages (see ensureTestTools).
const forTests = process.argv.includes('--test');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
}

const useCi = existsSync(join(root, 'package-lock.json'));
const install = run(npm, [useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], {
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
});
if (install.status !== 0) {
  console.error('setup: npm install failed (see above).');
  process.exit(install.status ?? 1);
}

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
  if (needed.length === 0) return;
  const packages = needed.map(([, pkg]) => pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isRoot || !existsSync('/usr/bin/apt-get')) {
    console.log(
      `setup: end-to-end tests need ${packages.join(', ')} (Debian package names); install them to run those tests.`,
    );
    return;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const update = run('apt-get', ['update', '-qq'], env);
  const install =
    update.status === 0
      ? run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env)
      : update;
  if (install.status !== 0) {
    console.error(`setup: could not install ${packages.join(', ')} with apt-get.`);
    process.exit(install.status ?? 1);
  }
}

if (forTests) ensureTestTools();
