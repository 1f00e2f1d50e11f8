/**
 * Surface re-mesh: the main thread's work when f or the domain changes and a new 256² grid
 * arrives from the worker (budget ≤ 10 ms of main-thread time).
 *
 * Method: the worker's answer is computed once per surface by the real protocol handler
 * (shared/service.ts, as in the app's worker, with the arrays it transfers). Each iteration
 * hands the main-thread code a fresh copy of that answer (as a new grid is: nothing cached;
 * the copy is not timed) and times, in the order the view does them, everything the app runs
 * on the main thread for it: the view frame and colour mapping, the surface mesh's buffers and
 * BufferGeometry, the contour set (contoured here on a log scale), and the thick-line meshes
 * of the contours on the surface and on the floor. Node, not Chromium: the same JavaScript
 * without the WebGL upload, which happens on the next frame in both cases. CPU time of the
 * process (see now()). 5 warm-up iterations, then 21; medians per part.
 *
 * Usage: npx tsx bench/remesh.bench.ts [--resolution 256] [--levels 14]
 */
import { cpus, loadavg } from 'node:os';
import { handleMessage } from '../shared/service.ts';
import type { SurfaceResult } from '../shared/protocol.ts';
import { frameOf } from '../renderer/src/view/plot/frame.ts';
import { colorMappingOf } from '../renderer/src/view/surface/colorScale.ts';
import { contoursFor } from '../renderer/src/view/surface/Contours.tsx';
import { ContourLines } from '../renderer/src/view/surface/contourLines.ts';
import {
  buildSurfaceGeometry,
  contourSegments,
} from '../renderer/src/view/surface/surfaceGeometry.ts';
import { median } from './stats.ts';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RESOLUTION = option('--resolution', 256);
const LEVELS = option('--levels', 14);
const STYLE = { width: 1.5, opacity: 1 };

/** The worker's answer for a typed f over a domain. */
function workerAnswer(source: string, domain: SurfaceResult['domain']): SurfaceResult {
  const { response } = handleMessage({
    seq: 1,
    type: 'surface',
    problem: { kind: 'expression', source },
    domain,
    nx: RESOLUTION,
    ny: RESOLUTION,
    levels: LEVELS,
    colorScale: 'auto',
  });
  if (!response.ok || response.type !== 'surface') throw new Error(JSON.stringify(response));
  return response.result;
}

/** A fresh grid with the same contents, as a new answer would be. */
function copy(s: SurfaceResult): SurfaceResult {
  return structuredClone(s);
}

const PARTS = ['frame + colour mapping', 'surface mesh', 'contour set', 'contour meshes'] as const;

/**
 * CPU milliseconds of this process (one thread here): on this shared 2-core machine wall time
 * also counts the time other processes hold the CPU, which multiplied it by up to 6.
 */
function now(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function remesh(s: SurfaceResult): number[] {
  const t0 = now();
  const frame = frameOf(s)!;
  const mapping = colorMappingOf(s, 'auto', null)!;
  const t1 = now();
  const geometry = buildSurfaceGeometry(s, frame, mapping);
  const t2 = now();
  const set = contoursFor(s, mapping, LEVELS);
  const t3 = now();
  const onSurface = contourSegments(set, frame, mapping, 'surface', 0, 0.9);
  const onFloor = contourSegments(set, frame, mapping, 'floor', -0.5, 0.9);
  const lines = [
    new ContourLines(onSurface.ends, onSurface.colors, STYLE),
    new ContourLines(onFloor.ends, onFloor.colors, STYLE),
  ];
  const t4 = now();
  geometry.dispose();
  lines.forEach((l) => l.dispose());
  return [t1 - t0, t2 - t1, t3 - t2, t4 - t3];
}

const cases: [string, string, SurfaceResult['domain']][] = [
  ['Rosenbrock (log colour scale)', '(1-x)^2 + 100*(y-x^2)^2', { x: [-2, 2], y: [-1, 3] }],
  ['bowl (linear colour scale)', 'x^2 + 2*y^2', { x: [-2, 2], y: [-2, 2] }],
];

const load = loadavg()[0]!;
console.log(
  `| surface | ${PARTS.join(' | ')} | main thread total | budget |\n|---|${PARTS.map(() => '--:').join('|')}|--:|--:|`,
);
for (const [name, source, domain] of cases) {
  const answer = workerAnswer(source, domain);
  const samples: number[][] = [];
  for (let i = 0; i < 26; i++) {
    const parts = remesh(copy(answer));
    if (i >= 5) samples.push(parts);
  }
  const medians = PARTS.map((_, k) => median(samples.map((s) => s[k]!)));
  const total = median(samples.map((s) => s.reduce((a, b) => a + b, 0)));
  console.log(
    `| ${name} | ${medians.map((m) => m.toFixed(1)).join(' | ')} | ${total.toFixed(1)} | ≤ 10 ms |`,
  );
}
console.log(
  `\n(${RESOLUTION}² grid, ${LEVELS} contour levels, CPU ms, medians of 21; Node ${process.version}, ${cpus().length} cores, load average ${load.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}.)`,
);
