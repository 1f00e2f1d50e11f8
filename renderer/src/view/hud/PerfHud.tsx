/**
 * Performance HUD: frames per second, the worker's solve time for the last trajectories request,
 * and slider-to-redraw latency p50/p95 over the last 100 updates. Shown only while opened (View ▸
 * Performance HUD, Shift+Ctrl/⌘+P): an idle "0 fps" badge has no place on a slide. Always in the
 * page, hidden when closed, with the numbers in data attributes for tests and benchmarks; polled
 * twice a second, so measuring never costs a render per frame.
 */
import { useEffect, useState } from 'react';
import { actions, appStore, useApp } from '../../store/hooks.ts';
import type { PerfTracker } from '../../store/perf.ts';

/**
 * The tracker behind the HUD, as `window.__descentPerf`, for the latency benchmark
 * (bench/latency.bench.ts): it needs every sample (`latency.values()`, `latency.clear()`,
 * `solverMs`), not the rounded p50/p95 over the last 100 the data attributes carry.
 * Read by the benchmark only; not an API of the app.
 */
declare global {
  interface Window {
    __descentPerf?: PerfTracker;
  }
}

interface Stats {
  fps: number;
  solverMs: number;
  p50: number;
  p95: number;
  samples: number;
}

function read(): Stats {
  const { perf } = appStore.getState().runtime;
  return {
    fps: perf.fps(),
    solverMs: perf.solverMs,
    p50: perf.latency.percentile(50),
    p95: perf.latency.percentile(95),
    samples: perf.latency.size,
  };
}

const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
const attr = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : '');

export function PerfHud() {
  const open = useApp((s) => s.hudOpen);
  const [stats, setStats] = useState<Stats>(read);
  useEffect(() => {
    window.__descentPerf = appStore.getState().runtime.perf;
  }, []);
  useEffect(() => {
    const timer = setInterval(() => setStats(read()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <div
      className="perf-hud"
      hidden={!open}
      data-testid="perf-hud"
      data-fps={attr(stats.fps)}
      data-solver-ms={attr(stats.solverMs)}
      data-latency-p50={attr(stats.p50)}
      data-latency-p95={attr(stats.p95)}
      data-latency-samples={stats.samples}
    >
      <button
        type="button"
        className="perf-toggle"
        data-testid="perf-toggle"
        aria-expanded={open}
        title="Close the performance HUD (Shift+Ctrl/⌘+P)"
        onClick={() => actions().setHudOpen(false)}
      >
        Performance ✕
      </button>
      {open && (
        <dl>
          <dt>fps</dt>
          <dd>{stats.fps.toFixed(0)}</dd>
          <dt>solver</dt>
          <dd>{ms(stats.solverMs)}</dd>
          <dt>slider→redraw p50</dt>
          <dd>{ms(stats.p50)}</dd>
          <dt>p95</dt>
          <dd>{ms(stats.p95)}</dd>
          <dt>samples</dt>
          <dd>{stats.samples}/100</dd>
        </dl>
      )}
    </div>
  );
}
