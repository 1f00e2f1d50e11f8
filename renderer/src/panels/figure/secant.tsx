/**
 * The secant figure's side panels: f, x₀ and h (a slider over either side of x₀ and an exact
 * entry) on the left; on the right the numbers at the playhead — the gap, the secant's slope,
 * f′(x₀) — and the limit table of slopes for h = ±1, ±0.1, ±0.01, ±0.001.
 */
import { useMemo } from 'react';
import { limitTable, secantGap, secantSlope } from '../../../../shared/figures/secant.ts';
import { MAX_FIGURE_COORDINATE, SHRINK_STEPS } from '../../../../shared/scene/figure.ts';
import { SliderField } from '../SliderField.tsx';
import { actions, useApp } from '../../store/hooks.ts';
import { curveOrNull } from '../../view/figure/secant/draw.ts';
import { formatShort, formatValue } from '../../view/figure/canvasText.ts';
import {
  FigureExpressionField,
  FigureNumberField,
  usePlayheadPosition,
  ValueLine,
} from './kit.tsx';

const COORDINATE = { min: -MAX_FIGURE_COORDINATE, max: MAX_FIGURE_COORDINATE };

/** The h slider's reach: half the plotted x range on either side, in 200 steps a side. */
function sliderRange(lo: number, hi: number, h: number): { max: number; step: number } {
  const half = Math.max((hi - lo) / 2, Math.abs(h));
  const step = Number((half / 200).toPrecision(1));
  return { max: Math.ceil(half / step) * step, step };
}

export function SecantControls() {
  const h = useApp((s) => s.scene.figure.h);
  const domain = useApp((s) => s.scene.domain.x);
  const { max, step } = sliderRange(domain[0], domain[1], h);
  return (
    <section className="panel-section" data-testid="secant-controls">
      <h2>Secant to tangent</h2>
      <FigureExpressionField />
      <div className="field-row">
        <FigureNumberField name="x0" label="x₀" rule={COORDINATE} testId="secant-x0-input" />
        <FigureNumberField
          name="h"
          label="h at the start"
          rule={COORDINATE}
          testId="secant-h-input"
          title="The gap at the start of the timeline; it shrinks to 0 at the end"
        />
      </div>
      <SliderField
        label="h (either side of x₀)"
        display={formatShort(h, 4)}
        value={h}
        min={-max}
        max={max}
        step={step}
        testId="secant-h-slider"
        valueText={`h = ${h}`}
        onLive={(value) => actions().setFigure({ h: value }, 'figure-h')}
      />
      <p className="hint">Play: h shrinks to 0 and the secant turns into the tangent.</p>
    </section>
  );
}

export function SecantNumbers() {
  const figure = useApp((s) => s.scene.figure);
  const position = usePlayheadPosition();
  const curve = curveOrNull(figure.f);
  const rows = useMemo(() => (curve ? limitTable(curve, figure.x0) : []), [curve, figure.x0]);
  if (!curve) {
    return (
      <section className="panel-section readout">
        <p className="hint">f cannot be drawn.</p>
      </section>
    );
  }
  const h = secantGap(figure.h, Math.min(position, SHRINK_STEPS), SHRINK_STEPS);
  const slope = secantSlope(curve, figure.x0, h);
  const derivative = curve.df(figure.x0);
  const v = curve.variable;
  return (
    <>
      <section className="panel-section readout" data-testid="secant-readout">
        <h2>At the playhead</h2>
        <dl>
          <ValueLine label="h" value={h} testId="secant-h" digits={6} />
          <ValueLine
            label="slope"
            value={slope}
            testId="secant-slope"
            digits={6}
            title="(f(x₀ + h) − f(x₀)) / h; at h = 0 the tangent's slope"
          >
            {h === 0 && <span className="subtle"> (h = 0: the tangent)</span>}
          </ValueLine>
          <ValueLine label={`f′(${v}₀)`} value={derivative} testId="secant-derivative" digits={6} />
          <ValueLine label={`f(${v}₀)`} value={curve.f(figure.x0)} testId="secant-f" digits={6} />
        </dl>
      </section>
      <section className="panel-section">
        <h2>The limit h → 0</h2>
        <table className="step-table" data-testid="secant-table">
          <thead>
            <tr>
              <th scope="col">h</th>
              <th scope="col">slope</th>
              <th scope="col">slope − f′</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.h} data-h={String(r.h)}>
                <th scope="row" data-value={String(r.h)}>
                  {formatShort(r.h, 4)}
                </th>
                <td data-value={String(r.slope)}>{formatValue(r.slope, 6)}</td>
                <td data-value={String(r.gap)}>{formatValue(r.gap, 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          From both sides the slope settles on f′({v}₀) = {formatShort(derivative, 6)}.
        </p>
      </section>
    </>
  );
}
