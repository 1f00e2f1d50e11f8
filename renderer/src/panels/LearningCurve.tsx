/**
 * The learning-curve tab of the tables (shown for a model's loss): the selected run's (or with
 * none selected, a network's training's) full loss per step as a line in the run's colour, and
 * for a minibatch run the loss of each step's minibatch as faint dots of the same hue, on a log
 * y axis. The other visible runs' full loss is drawn faintly behind, to compare. A vertical line
 * marks the playhead's step.
 *
 * The playhead moves every frame while playing: it is followed through a subscription that moves
 * the marker's SVG attributes, never through React state (as LrPlot does). A click seeks.
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { actions, appStore, useApp } from '../store/hooks.ts';
import { rowAt } from '../store/timeline.ts';
import { shownSteps } from '../store/trainingPath.ts';
import {
  batchLossSeries,
  describeCurve,
  dotsPath,
  formatTick,
  fullLossSeries,
  linePath,
  logAxis,
  logScale,
  positiveExtent,
  stepTicks,
} from './learningCurve.ts';
import { useThrottledWhile } from './tableRows.ts';
import './LearningCurve.css';

/** Room around the plot for the tick labels (CSS px). */
const MARGIN = { left: 46, right: 12, top: 10, bottom: 34 };

export function LearningCurve() {
  // The selected run, or a network's training when no run is selected (as in the step table).
  const live = useApp((s) => shownSteps(s)?.trajectory);
  const label = useApp((s) => shownSteps(s)?.label ?? '');
  const color = useApp((s) => shownSteps(s)?.color ?? 'currentColor');
  // The other visible runs, flat so useShallow sees a new array only when one of them changed.
  const othersLive = useApp(
    useShallow((s) =>
      s.scene.runs.flatMap((r) => {
        const t = s.trajectories[r.id];
        return r.visible && r.id !== s.scene.selectedRunId && t && t.count > 0 ? [t, r.color] : [];
      }),
    ),
  );
  const sliding = useApp((s) => s.sliding);
  // A slider drag recomputes the runs many times a second: follow it at a bounded rate.
  const trajectory = useDeferredValue(useThrottledWhile(live, sliding));
  const others = useDeferredValue(useThrottledWhile(othersLive, sliding));
  const batchSize = trajectory?.minibatch?.size ?? null;

  // Plain characters only: the id goes into a url() reference.
  const clip = `lc-clip-${useId().replace(/[^\w-]/g, '')}`;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = (): void => {
      const { width, height } = element.getBoundingClientRect();
      setSize((old) =>
        Math.round(width) === old.width && Math.round(height) === old.height
          ? old
          : { width: Math.round(width), height: Math.round(height) },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const plot = useMemo(() => {
    if (!trajectory || trajectory.count === 0 || size.width <= 0 || size.height <= 0) return null;
    const full = fullLossSeries(trajectory);
    const batch = batchLossSeries(trajectory);
    const faint: { series: ReturnType<typeof fullLossSeries>; color: string }[] = [];
    for (let i = 0; i + 1 < others.length; i += 2) {
      faint.push({
        series: fullLossSeries(others[i] as TrajectoryResult),
        color: others[i + 1] as string,
      });
    }
    // The axis is the selected run's: the faint runs are clipped to it rather than squeezing it.
    const extent = positiveExtent([full, batch]);
    const axis = extent ? logAxis(extent[0], extent[1]) : logAxis(0.1, 10);
    const left = MARGIN.left;
    const right = Math.max(left + 10, size.width - MARGIN.right);
    const top = MARGIN.top;
    const bottom = Math.max(top + 10, size.height - MARGIN.bottom);
    const lastStep = Math.max(
      1,
      full.values.length - 1,
      ...faint.map((f) => f.series.values.length - 1),
    );
    const x = (k: number): number => left + (k / lastStep) * (right - left);
    const y = logScale(axis, top, bottom);
    const dots = batch ? dotsPath(batch.values, x, y) : { d: '', points: 0 };
    return {
      full,
      batch,
      axis,
      left,
      right,
      top,
      bottom,
      x,
      y,
      lastStep,
      xTicks: stepTicks(lastStep, Math.max(2, Math.floor((right - left) / 60))),
      fullPath: linePath(full.values, x, y),
      dots,
      faint: faint.map((f) => ({ d: linePath(f.series.values, x, y), color: f.color })),
    };
  }, [trajectory, others, size]);

  const svg = useRef<SVGSVGElement>(null);
  const marker = useRef<SVGLineElement>(null);
  const dot = useRef<SVGCircleElement>(null);
  const readout = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const element = svg.current;
    if (!plot || !element) return;
    const { playhead } = appStore.getState().runtime;
    const count = plot.full.values.length;
    let row = -1;
    const follow = (position: number): void => {
      const next = rowAt(position, count);
      if (next === row) return;
      row = next;
      const px = String(plot.x(row));
      marker.current?.setAttribute('x1', px);
      marker.current?.setAttribute('x2', px);
      const f = plot.full.values[row] ?? NaN;
      const drawable = f === f && f >= plot.axis.lo && f <= plot.axis.hi;
      dot.current?.setAttribute('visibility', drawable ? 'visible' : 'hidden');
      if (drawable) {
        dot.current?.setAttribute('cx', px);
        dot.current?.setAttribute('cy', String(plot.y(f)));
      }
      element.dataset.step = String(row);
      if (readout.current) {
        const b = plot.batch?.values[row];
        readout.current.textContent =
          `step ${row}: full ${formatLabelNumber(f)}` +
          (b !== undefined && b === b ? ` · batch ${formatLabelNumber(b)}` : '');
      }
    };
    follow(playhead.position);
    return playhead.subscribe(follow);
  }, [plot]);

  // A click seeks to the step under the pointer, as a click on a table row does.
  const seek = (event: MouseEvent<SVGSVGElement>): void => {
    if (!plot) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - bounds.left;
    const k = Math.round(((px - plot.left) / (plot.right - plot.left)) * plot.lastStep);
    actions().seek(Math.min(plot.full.values.length - 1, Math.max(0, k)));
  };

  const full = plot?.full;
  const f = (k: number): number | undefined => trajectory?.data[k * STRIDE + COL.f];
  return (
    <div className="learning-curve-tab">
      <div className="section-header">
        <h2>
          Learning curve <span className="subtle">{label && `· ${label}`}</span>
        </h2>
      </div>
      <div className="learning-curve-legend" aria-hidden="true">
        <span className="legend-item">
          <svg width="18" height="8">
            <line x1="1" y1="4" x2="17" y2="4" stroke={color} strokeWidth="2.5" />
          </svg>
          full loss
        </span>
        {batchSize !== null && (
          <span className="legend-item">
            <svg width="18" height="8">
              <path d="M3 4h0M9 4h0M15 4h0" className="lc-batch" stroke={color} />
            </svg>
            batch loss (batch {batchSize})
          </span>
        )}
        {plot && plot.faint.length > 0 && (
          <span className="legend-item">
            <svg width="18" height="8">
              <line x1="1" y1="4" x2="17" y2="4" className="lc-faint" stroke="currentColor" />
            </svg>
            other runs
          </span>
        )}
        <span className="learning-curve-readout" ref={readout} />
      </div>
      <div className="learning-curve-box" ref={box}>
        {plot && full ? (
          <svg
            ref={svg}
            className="learning-curve"
            data-testid="learning-curve"
            role="img"
            aria-label={describeCurve(label, full, plot.batch, batchSize)}
            width={size.width}
            height={size.height}
            data-run={trajectory?.id}
            data-steps={full.values.length - 1}
            data-first={f(0)}
            data-last={f(full.values.length - 1)}
            data-batch-points={plot.dots.points}
            onClick={seek}
          >
            <defs>
              <clipPath id={clip}>
                <rect
                  x={plot.left}
                  y={plot.top - 4}
                  width={plot.right - plot.left}
                  height={plot.bottom - plot.top + 8}
                />
              </clipPath>
            </defs>
            {plot.axis.ticks.map((v) => (
              <g key={`y${v}`} className="lc-tick">
                <line x1={plot.left} x2={plot.right} y1={plot.y(v)} y2={plot.y(v)} />
                <text x={plot.left - 5} y={plot.y(v)} textAnchor="end" dominantBaseline="middle">
                  {formatTick(v)}
                </text>
              </g>
            ))}
            {plot.xTicks.map((k) => (
              <g key={`x${k}`} className="lc-tick">
                <line x1={plot.x(k)} x2={plot.x(k)} y1={plot.bottom} y2={plot.bottom + 4} />
                <text x={plot.x(k)} y={plot.bottom + 15} textAnchor="middle">
                  {k}
                </text>
              </g>
            ))}
            <rect
              className="lc-frame"
              x={plot.left}
              y={plot.top}
              width={plot.right - plot.left}
              height={plot.bottom - plot.top}
            />
            <text
              className="lc-axis-label"
              x={(plot.left + plot.right) / 2}
              y={size.height - 4}
              textAnchor="middle"
            >
              step
            </text>
            <text
              className="lc-axis-label"
              transform={`translate(11 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              loss (log)
            </text>
            <g clipPath={`url(#${clip})`}>
              {plot.faint.map((f, i) => (
                <path key={i} className="lc-faint" d={f.d} stroke={f.color} />
              ))}
              {plot.dots.d && <path className="lc-batch" d={plot.dots.d} stroke={color} />}
              <path className="lc-full" d={plot.fullPath} stroke={color} />
            </g>
            <line
              ref={marker}
              className="lc-playhead"
              y1={plot.top}
              y2={plot.bottom}
              x1={plot.left}
              x2={plot.left}
            />
            <circle ref={dot} className="lc-dot" r={3.5} fill={color} cx={plot.left} cy={0} />
          </svg>
        ) : (
          <p className="hint" data-testid="learning-curve">
            {trajectory ? 'No steps to show yet.' : 'No curve to show: select a run.'}
          </p>
        )}
      </div>
    </div>
  );
}
