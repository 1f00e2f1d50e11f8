/**
 * The integral figure's side panels: f, the bounds, the number of slices and the rule on the
 * left; on the right the estimate for the slices shown at the playhead against the exact area,
 * and how the error of the chosen rule shrinks as n doubles (its order).
 */
import { useId, useMemo } from 'react';
import {
  areaEstimate,
  convergenceTable,
  observedOrder,
  RIEMANN_RULES,
  RULE_NAMES,
  slicesAt,
} from '../../../../shared/figures/integral.ts';
import type { RiemannRule } from '../../../../shared/figures/integral.ts';
import { MAX_FIGURE_COORDINATE, MAX_SLICES } from '../../../../shared/scene/figure.ts';
import { SliderField } from '../SliderField.tsx';
import { actions, useApp } from '../../store/hooks.ts';
import { formatShort, formatValue } from '../../view/figure/canvasText.ts';
import {
  FigureExpressionField,
  FigureNumberField,
  usePlayheadPosition,
  ValueLine,
} from './kit.tsx';
import { areaOrNull, referenceLabel } from '../../view/figure/integral/draw.ts';

const COORDINATE = { min: -MAX_FIGURE_COORDINATE, max: MAX_FIGURE_COORDINATE };
/** The slider's reach; the number field takes up to MAX_SLICES. */
const SLIDER_SLICES = 200;

export function IntegralControls() {
  const id = useId();
  const n = useApp((s) => s.scene.figure.n);
  const rule = useApp((s) => s.scene.figure.rule);
  return (
    <section className="panel-section" data-testid="integral-controls">
      <h2>Integral as area</h2>
      <FigureExpressionField />
      <div className="field-row">
        <FigureNumberField name="a" label="a (from)" rule={COORDINATE} testId="integral-a-input" />
        <FigureNumberField name="b" label="b (to)" rule={COORDINATE} testId="integral-b-input" />
      </div>
      <div className="field-row">
        <FigureNumberField
          name="n"
          label="slices n"
          rule={{ min: 1, max: MAX_SLICES, integer: true }}
          testId="integral-n-input"
        />
        <div className="field">
          <label htmlFor={`${id}-rule`}>Rule</label>
          <select
            id={`${id}-rule`}
            data-testid="integral-rule"
            value={rule}
            onChange={(e) => actions().setFigure({ rule: e.target.value as RiemannRule })}
          >
            {RIEMANN_RULES.map((r) => (
              <option key={r} value={r}>
                {RULE_NAMES[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <SliderField
        label="slices n"
        display={String(n)}
        value={Math.min(n, SLIDER_SLICES)}
        min={1}
        max={SLIDER_SLICES}
        step={1}
        testId="integral-n-slider"
        valueText={`n = ${n}`}
        onLive={(value) => actions().setFigure({ n: value }, 'figure-n')}
      />
      <p className="hint">Play: one slice more per step, up to n.</p>
    </section>
  );
}

export function IntegralNumbers() {
  const figure = useApp((s) => s.scene.figure);
  const position = usePlayheadPosition();
  const model = areaOrNull(figure.f, figure.a, figure.b);
  const rows = useMemo(
    () => (model?.reference ? convergenceTable(model, figure.rule) : []),
    [model, figure.rule],
  );
  if (!model) {
    return (
      <section className="panel-section readout">
        <p className="hint">f cannot be integrated.</p>
      </section>
    );
  }
  const n = slicesAt(position, figure.n);
  const estimate = areaEstimate(model, n, figure.rule);
  const exact = model.reference?.value ?? null;
  const error = exact === null ? null : estimate - exact;
  const order = observedOrder(rows);
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return (
    <>
      <section className="panel-section readout" data-testid="integral-readout">
        <h2>At the playhead</h2>
        <dl>
          <ValueLine label="slices n" value={n} testId="area-n" digits={0} />
          <div className="readout-line">
            <dt>rule</dt>
            <dd data-testid="area-rule" data-value={figure.rule}>
              {RULE_NAMES[figure.rule]}
            </dd>
          </div>
          <ValueLine label="estimate" value={finite(estimate)} testId="area-estimate" digits={6} />
          <ValueLine
            label="exact"
            value={finite(exact)}
            testId="area-exact"
            digits={6}
            title="The value the sums close in on"
          >
            <span className="subtle" data-testid="area-exact-kind">
              {' '}
              {referenceLabel(model).replace('exact ', '')}
            </span>
          </ValueLine>
          <ValueLine label="error" value={finite(error)} testId="area-error" digits={6} />
        </dl>
        {model.problem && (
          <p className="hint" role="status">
            {model.problem}
          </p>
        )}
      </section>
      {rows.length > 0 && (
        <section className="panel-section">
          <h2>Convergence ({RULE_NAMES[figure.rule]})</h2>
          <table className="step-table" data-testid="integral-table">
            <thead>
              <tr>
                <th scope="col">n</th>
                <th scope="col">estimate</th>
                <th scope="col">error</th>
                <th scope="col" title="error(n/2) / error(n): 2 for order 1, 4 for order 2">
                  ratio
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.n} data-n={String(r.n)}>
                  <th scope="row" data-value={String(r.n)}>
                    {r.n}
                  </th>
                  <td data-value={String(r.estimate)}>{formatValue(r.estimate, 6)}</td>
                  <td data-value={String(r.error)}>{formatValue(r.error, 6)}</td>
                  <td data-value={r.ratio === null ? '' : String(r.ratio)}>
                    {r.ratio === null ? '—' : formatShort(r.ratio, 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p
            className="hint"
            data-testid="integral-order"
            data-value={order === null ? '' : String(order)}
          >
            {order === null
              ? 'The rule is exact here (or the error has no steady ratio).'
              : `Doubling n divides the error by ${formatShort(2 ** order, 2)}: order ≈ ${formatShort(order, 2)} (error ∝ 1/n${Math.round(order) === 2 ? '²' : Math.round(order) === 1 ? '' : `^${formatShort(order, 1)}`}).`}
          </p>
        </section>
      )}
    </>
  );
}
