/**
 * `descent render`: wall time against the length of the video it writes, for the README's 1080p
 * example, and how many times the command starts a browser, with and without --clips.
 *
 * Method: whole `descent render` processes (the bundle in dist/cli, rebuilt first if stale;
 * dist/web is built by the command itself when stale, before timing starts here), spawn to exit.
 * The browser is Debian's Chromium behind a wrapper script that appends a line to a log at
 * every start, so the log counts the browser starts of each command. The video's length is
 * frames / fps from the command's own report ("N frames at F fps"). One warm-up render, then
 * N timed ones (default 3); medians.
 *
 * Usage: npx tsx bench/render.bench.ts [--runs N]
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCliBundle } from '../node/cli-bundle.mjs';
import { CHROMIUM } from '../playwright.config.ts';
import { median } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'cli', 'bin', 'descent.mjs');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3;

const work = mkdtempSync(join(tmpdir(), 'descent-render-bench-'));
const launches = join(work, 'launches.log');
const wrapper = join(work, 'chromium');
writeFileSync(wrapper, `#!/bin/sh\necho start >> '${launches}'\nexec '${CHROMIUM}' "$@"\n`);
chmodSync(wrapper, 0o755);

/** The README's example, optionally cut into one clip per timeline marker. */
function args(out: string, clips: boolean): string[] {
  const base = ['render', '--preset', 'lr-compare', '-o', out, '--size', '1920x1080'];
  return [
    ...base,
    '--fps',
    '30',
    '--hold',
    '2',
    '--browser',
    wrapper,
    ...(clips ? ['--clips'] : []),
  ];
}

interface Run {
  seconds: number;
  /** Video length (s): frames / fps summed over the files written. */
  videoSeconds: number;
  files: number;
  browserStarts: number;
}

function render(clips: boolean, i: number): Run {
  const dir = join(work, `${clips ? 'clips' : 'one'}-${i}`);
  mkdirSync(dir, { recursive: true });
  rmSync(launches, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args(join(dir, 'lr-compare.mp4'), clips)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`descent render failed (${r.status}): ${r.stderr}`);
  const report = r.stdout + r.stderr;
  let videoSeconds = 0;
  for (const m of report.matchAll(/(\d+) frames at ([\d.]+) fps/g)) {
    videoSeconds += Number(m[1]) / Number(m[2]);
  }
  const browserStarts = readFileSync(launches, 'utf8').trim().split('\n').length;
  const files = readdirSync(dir).filter((f) => f.endsWith('.mp4')).length;
  return { seconds, videoSeconds, files, browserStarts };
}

const built = await ensureCliBundle(ROOT);
if (built) console.error('built dist/cli');
const load = loadavg()[0]!;
console.log(
  '| command | files | video s | wall s (median) | wall / video | browser starts |\n|---|--:|--:|--:|--:|--:|',
);
try {
  for (const clips of [false, true]) {
    render(clips, -1); // warm-up (also builds dist/web when stale)
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(render(clips, i));
      console.error(
        `${clips ? '--clips' : 'one file'} #${i + 1}: ${runs.at(-1)!.seconds.toFixed(1)} s`,
      );
    }
    const wall = median(runs.map((r) => r.seconds));
    const video = runs[0]!.videoSeconds;
    const starts = [...new Set(runs.map((r) => r.browserStarts))].join(', ');
    console.log(
      `| \`descent render --preset lr-compare -o lr-compare.mp4 --size 1920x1080 --fps 30 --hold 2${clips ? ' --clips' : ''}\` | ${runs[0]!.files} | ${video.toFixed(1)} | ${wall.toFixed(1)} | ${(wall / video).toFixed(2)}× | ${starts} |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `\n(Debian Chromium, SwiftShader; ${RUNS} runs after a warm-up; ${cpus().length} cores, load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}.)`,
);
