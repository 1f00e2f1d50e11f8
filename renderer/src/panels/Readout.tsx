/**
 * Numbers at the selected run's current point: f, ∇f, |∇f|, the step and the directional
 * derivative along it, ∇f·d̂ along the chosen direction d̂ when that overlay is on, the Hessian's
 * eigenvalues and curvature class, the Taylor estimate's error, and for quadratics η·λmax
 * against the stability limit 2. Values come from the trajectory row (instant) and the worker's
 * analysis (a moment later); until the analysis for this row arrives its lines show "…" rather
 * than numbers from another step. When the run leaves the plot, it says at which step.
 */
import type { ReactNode } from 'react';
import { formatNumber } from '../../../shared/table.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { usePlayheadRow } from './usePlayheadRow.ts';
import { actions, useApp } from '../store/hooks.ts';
import { frameOf } from '../view/plot/frame.ts';
import { leftPlotAt } from '../view/plot/plotBox.ts';

const n = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '—' : formatNumber(v, 4);
const vec = (values: readonly number[]): string => `[${values.map((v) => n(v)).join(', ')}]`;

function Line({
  label,
  children,
  title,
}: {
  label: ReactNode;
  children: ReactNode;
  title?: string;
}) {
  return (
    <div className="readout-line" title={title}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Readout() {
  const show = useApp((s) => s.scene.overlays.readout);
  const runId = useApp((s) => s.scene.selectedRunId);
  const t = useApp((s) =>
    s.scene.selectedRunId ? s.trajectories[s.scene.selectedRunId] : undefined,
  );
  const lr = useApp((s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.params.lr);
  const kind = useApp((s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.params.kind);
  const probe = useApp((s) => s.scene.probe);
  const analysis = useApp((s) => s.analysis);
  const variables = useApp((s) => s.info?.variables);
  const left = useApp((s) => leftPlotAt(t, frameOf(s.surface)));
  const directional = useApp((s) => s.scene.overlays.directional && s.scene.kind === 'surface');
  const degrees = useApp((s) => s.scene.direction);
  const row = usePlayheadRow(t?.count ?? 0);
  if (!show) return null;
  if (!t || !runId) {
    return (
      <section className="panel-section readout" data-testid="readout">
        <h2>At the current point</h2>
        <p className="hint">Select a run to see f, ∇f and the curvature at its current point.</p>
      </section>
    );
  }
  const b = row * STRIDE;
  const dim = t.dim;
  const point = dim === 1 ? [t.data[b + COL.x]!] : [t.data[b + COL.x]!, t.data[b + COL.y]!];
  const gradient = dim === 1 ? [t.data[b + COL.gx]!] : [t.data[b + COL.gx]!, t.data[b + COL.gy]!];
  const update = dim === 1 ? [t.data[b + COL.ux]!] : [t.data[b + COL.ux]!, t.data[b + COL.uy]!];
  const f = t.data[b + COL.f]!;
  const gnorm = Math.hypot(...gradient);
  const a = analysis && analysis.runId === runId && analysis.step === row ? analysis.result : null;
  const names = variables ?? (dim === 1 ? ['x'] : ['x', 'y']);
  const pending = '…';
  const stability = a?.stability;
  const etaLambda = stability && lr !== undefined ? lr * stability.lambdaMax : undefined;
  const taylorTarget = probe && probe.length === dim ? 'probe' : 'next step';
  const noStep = update.every((u) => u === 0);
  // Along the step: from the analysis's derivative when it was asked along the step, else from
  // its gradient (the analysis was asked along d̂).
  const alongD = directional && dim === 2;
  const stepSlope = !a
    ? undefined
    : alongD
      ? a.analysis.gradient.reduce((sum, g, i) => sum + g * update[i]!, 0) / Math.hypot(...update)
      : a.analysis.directionalDerivative?.value;
  const radians = (degrees * Math.PI) / 180;
  const d = [Math.cos(radians), Math.sin(radians)];
  const dd = a?.analysis.directionalDerivative;
  // Only an answer for this d̂ (the angle may have moved since it was asked).
  const dSlope =
    dd &&
    dd.direction.length === 2 &&
    Math.hypot(dd.direction[0]! - d[0]!, dd.direction[1]! - d[1]!) < 1e-9
      ? Math.abs(dd.value) <= 1e-12 * Math.max(1, gnorm)
        ? 0
        : dd.value
      : undefined;
  return (
    <section className="panel-section readout" data-testid="readout" data-step={row}>
      <h2>
        At step {row} <span className="subtle">of {t.count - 1}</span>
      </h2>
      <dl>
        {left !== null && (
          <Line label="plot" title="Where the run leaves the plotted box (the view marks it)">
            <span className="bad" data-testid="left-plot">
              left the plot at step {left}
            </span>
          </Line>
        )}
        <Line label={`(${names.join(', ')})`}>{vec(point)}</Line>
        <Line label="f">{n(f)}</Line>
        <Line label="∇f" title="Gradient: the direction of steepest increase">
          {vec(gradient)}
        </Line>
        <Line label="|∇f|">{n(gnorm)}</Line>
        <Line label="step Δθ" title="θₖ₊₁ − θₖ, the update the optimizer took">
          {update.every((u) => u === 0) ? '— (last row)' : vec(update)}
        </Line>
        <Line
          label="∇f · û"
          title="Directional derivative along the step (negative: the step goes downhill)"
        >
          {noStep ? '—' : a ? n(stepSlope) : pending}
        </Line>
        {alongD && (
          <Line
            label="∇f · d̂"
            title="Directional derivative along the chosen direction d̂ (drag the arrow's head or type the angle): zero along the contour, largest along ∇f"
          >
            <span data-testid="directional-value" data-value={dSlope ?? ''}>
              {dSlope === undefined ? pending : n(dSlope)}
            </span>{' '}
            <span className="subtle">
              d̂ = {vec(d)} at {Number(degrees.toFixed(2))}°
            </span>
          </Line>
        )}
        <Line
          label="Hessian λ"
          title="Eigenvalues of the Hessian (curvature along its eigen-directions)"
        >
          {a
            ? `${vec(a.analysis.eigenvalues)} · ${a.analysis.curvature}${a.analysis.kink ? ' (kink)' : ''}`
            : pending}
        </Line>
        {a?.taylor && (
          <Line
            label={`Taylor at ${taylorTarget}`}
            title="First-order (tangent) estimate of f at the target, the true f, and their difference. Alt+click the view to move the probe."
          >
            tangent {n(a.taylor.linear)}, f {n(a.taylor.actual)}, error {n(a.taylor.linearError)}
            {probe && probe.length === dim && (
              <>
                {' '}
                <span className="subtle">at {vec(probe)}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => actions().setProbe(null)}
                >
                  use next step
                </button>
              </>
            )}
          </Line>
        )}
        {etaLambda !== undefined && stability && a && Math.min(...a.analysis.eigenvalues) < 0 && (
          <Line label="η·λmax" title="The stability limit only applies around a minimum">
            <span className="bad" data-testid="stability">
              no minimum: f curves down along an eigen-direction, GD runs away for any η
            </span>
          </Line>
        )}
        {etaLambda !== undefined && stability && a && Math.min(...a.analysis.eigenvalues) >= 0 && (
          <Line label="η·λmax" title="Gradient descent on a quadratic is stable iff η·λmax < 2">
            <span className={etaLambda < 2 ? 'ok' : 'bad'} data-testid="stability">
              {n(etaLambda)} {etaLambda < 2 ? '< 2 stable' : '≥ 2 unstable'}
            </span>
            <span className="subtle">
              {' '}
              (η &lt; {n(stability.etaMax)}
              {kind !== 'gd' ? ', plain GD' : ''})
            </span>
          </Line>
        )}
      </dl>
    </section>
  );
}
