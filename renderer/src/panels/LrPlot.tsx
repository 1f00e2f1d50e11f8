/**
 * η over the steps of the selected run, in a strip under the timeline while `overlays.lrPlot`
 * is on: the warm-up ramp, the cosine or step decay, with the playhead's step marked. Drawn by
 * the same function the export burns into frames (export/lrPlotLayer.ts), so both agree.
 *
 * The playhead moves every frame while playing: it is followed through a subscription that
 * redraws the canvas when the row changes, never through React state.
 */
import { useEffect, useMemo, useRef } from 'react';
import { runLabel } from '../../../shared/scene/runName.ts';
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { drawLrPlot, lrPlotData, lrValues } from '../export/lrPlotLayer.ts';
import type { LrPlotData } from '../export/lrPlotLayer.ts';
import { appStore, useApp } from '../store/hooks.ts';
import { rowAt } from '../store/timeline.ts';
import './LrPlot.css';

/** The plot's words for a screen reader and the test attributes, at one row. */
function describe(data: LrPlotData, row: number, label: string): string {
  const v = data.values;
  const first = formatLabelNumber(v[0] ?? NaN);
  const last = formatLabelNumber(v[v.length - 1] ?? NaN);
  let max = -Infinity;
  for (const x of v) if (x > max) max = x;
  return (
    `Learning rate η of ${label} over ${v.length - 1} steps: ` +
    `from ${first}, peak ${formatLabelNumber(max)}, to ${last}` +
    `${data.scale === 'log' ? ' (log scale)' : ''}. ` +
    `At step ${row}: η = ${formatLabelNumber(v[row] ?? NaN)}.`
  );
}

export function LrPlot() {
  const on = useApp((s) => s.scene.overlays.lrPlot);
  const run = useApp((s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId) ?? null);
  const trajectory = useApp((s) => (run ? s.trajectories[run.id] : undefined));
  const theme = useApp((s) => s.scene.view.theme);
  const label = run ? runLabel(run) : '';
  const data = useMemo(
    () =>
      run && trajectory && trajectory.count > 0
        ? lrPlotData({
            values: lrValues(trajectory.data, trajectory.count),
            steps: run.steps,
            color: run.color,
            label,
          })
        : null,
    [run, trajectory, label],
  );
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    const frame = box.current;
    const ctx = element?.getContext('2d');
    if (!data || !element || !frame || !ctx) return;
    const { playhead } = appStore.getState().runtime;
    let row = -1;
    const draw = (): void => {
      ctx.clearRect(0, 0, element.width, element.height);
      data.current = row;
      const scale = element.width / Math.max(1, element.clientWidth);
      drawLrPlot(
        ctx,
        data,
        { x: 0, y: 0, width: element.width, height: element.height },
        theme,
        scale,
      );
      frame.setAttribute('aria-label', describe(data, row, label));
      frame.dataset.step = String(row);
      frame.dataset.lr = String(data.values[row]);
    };
    const follow = (position: number): void => {
      const next = rowAt(position, data.values.length);
      if (next === row) return;
      row = next;
      draw();
    };
    // Device pixels, so the text is as sharp as the rest of the page.
    const resize = (): void => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(element.clientWidth * ratio);
      const height = Math.round(element.clientHeight * ratio);
      if (width === element.width && height === element.height) return;
      element.width = width;
      element.height = height;
      if (row >= 0) draw();
    };
    resize();
    follow(playhead.position);
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    const stop = playhead.subscribe(follow);
    return () => {
      stop();
      observer.disconnect();
    };
  }, [data, theme, label]);

  if (!on || !run) return null;
  return (
    <section className="lr-plot" aria-label="Learning rate over the steps">
      {data ? (
        <div
          ref={box}
          className="lr-plot-frame"
          role="img"
          data-testid="lr-plot"
          data-run={run.id}
          data-scale={data.scale}
          data-count={data.values.length}
          data-first={data.values[0]}
          data-max={Math.max(...data.values)}
        >
          <canvas ref={canvas} />
        </div>
      ) : (
        <p className="lr-plot-empty" data-testid="lr-plot" data-run={run.id}>
          η plot: this run has no steps yet.
        </p>
      )}
    </section>
  );
}
