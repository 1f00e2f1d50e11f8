/**
 * The activations figure's side panels: the focus activation, the point z (exact entry and a
 * slider over the plotted range) and the depth n on the left; on the right the focus value and
 * slope at z, the product of n sigmoid slopes against its bound 0.25ⁿ, and the per-layer table,
 * whose rows light up as the playhead reaches their layer.
 */
import { useId } from 'react';
import {
  ACTIVATION_SPECS,
  SIGMOID_MAX_SLOPE,
  activationAt,
  layerProducts,
  quarterPowerFraction,
} from '../../../../shared/figures/activations.ts';
import { ACTIVATIONS, MAX_DEPTH, MAX_FIGURE_COORDINATE } from '../../../../shared/scene/figure.ts';
import type { Activation } from '../../../../shared/scene/figure.ts';
import { superscript } from '../../../../shared/superscript.ts';
import { NumberField } from '../NumberField.tsx';
import { SliderField } from '../SliderField.tsx';
import { actions, useApp } from '../../store/hooks.ts';
import { figureProblem, panelNumber, usePlayhead, ValueLine } from './kit.tsx';

const NAMES: Record<Activation, string> = {
  sigmoid: 'Sigmoid σ',
  tanh: 'tanh',
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU (0.01)',
  gelu: 'GELU',
};

/** The z slider's step: about 400 steps over the plotted range, a round number. */
function zStep(lo: number, hi: number): number {
  return Number(((hi - lo) / 400).toPrecision(1));
}

export function ActivationsControls() {
  const id = useId();
  const activation = useApp((s) => s.scene.figure.activation);
  const z = useApp((s) => s.scene.figure.x0);
  const depth = useApp((s) => s.scene.figure.depth);
  const [lo, hi] = useApp((s) => s.scene.domain.x);
  const step = zStep(lo, hi);
  return (
    <section className="panel-section" data-testid="activations-controls">
      <h2>Activations</h2>
      <div className="field">
        <label htmlFor={`${id}-focus`}>Focus</label>
        <select
          id={`${id}-focus`}
          data-testid="activation-select"
          value={activation}
          onChange={(e) => actions().setFigure({ activation: e.target.value as Activation })}
        >
          {ACTIVATIONS.map((a) => (
            <option key={a} value={a}>
              {NAMES[a]}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label="z (the point)"
        value={z}
        testId="activation-z"
        rule={{ min: -MAX_FIGURE_COORDINATE, max: MAX_FIGURE_COORDINATE }}
        format={(v) => String(Number(v.toPrecision(12)))}
        check={(v) => figureProblem({ x0: v })}
        onCommit={(v) => actions().setFigure({ x0: v })}
      />
      <SliderField
        label="z"
        display={panelNumber(z, 4)}
        value={Math.min(hi, Math.max(lo, z))}
        min={lo}
        max={hi}
        step={step}
        testId="activation-z-slider"
        valueText={`z = ${z}`}
        onLive={(v) => actions().setFigure({ x0: v }, 'figure-x0')}
      />
      <SliderField
        label="Layers n"
        display={String(depth)}
        value={depth}
        min={1}
        max={MAX_DEPTH}
        step={1}
        testId="activation-depth"
        valueText={`n = ${depth} layers`}
        onLive={(v) => actions().setFigure({ depth: Math.round(v) }, 'figure-depth')}
      />
      <p className="hint">Play: the bars grow one layer at a time, up to n.</p>
    </section>
  );
}

export function ActivationsNumbers() {
  const activation = useApp((s) => s.scene.figure.activation);
  const z = useApp((s) => s.scene.figure.x0);
  const depth = useApp((s) => s.scene.figure.depth);
  // The last layer whose bars have started to grow (0 before the first).
  const reached = usePlayhead((p) => Math.min(depth, Math.max(0, Math.ceil(p - 1e-9))));
  const spec = ACTIVATION_SPECS[activation];
  const { value, slope } = activationAt(activation, z);
  const rows = layerProducts(z, depth);
  const product = rows.at(-1)!.sigmoid;
  const bound = SIGMOID_MAX_SLOPE ** depth;
  const atKink = spec.kink !== undefined && z === spec.kink.at;
  const n = superscript(String(depth));
  const fraction = quarterPowerFraction(depth);
  return (
    <>
      <section className="panel-section readout" data-testid="activations-readout">
        <h2>
          {spec.label} <span className="subtle">at z = {panelNumber(z, 6)}</span>
        </h2>
        <dl>
          <ValueLine
            format={panelNumber}
            label={`${spec.symbol}(z)`}
            value={value}
            testId="activation-value"
          />
          <ValueLine
            format={panelNumber}
            label={`${spec.symbol}′(z)`}
            value={slope}
            testId="activation-slope"
            title={spec.slopeFormula}
          >
            {atKink && spec.kink && (
              <span className="subtle">
                {' '}
                (kink: any of [{spec.kink.left}, {spec.kink.right}]; frameworks {spec.kink.chosen})
              </span>
            )}
          </ValueLine>
          <ValueLine
            format={panelNumber}
            label={`σ′(z)${n}`}
            value={product}
            testId="vanishing-product"
            title="The gradient share that reaches the first of n stacked sigmoid layers"
          >
            <span className="subtle"> over n = {depth}</span>
          </ValueLine>
          <ValueLine
            format={panelNumber}
            label={`bound 0.25${n}`}
            value={bound}
            testId="vanishing-bound"
            title="σ′ is at most 0.25 (at z = 0), so n layers pass at most 0.25ⁿ"
          >
            {fraction && <span className="subtle"> = {fraction}</span>}
          </ValueLine>
        </dl>
      </section>
      <section className="panel-section">
        <h2>
          Per layer <span className="subtle">· shown up to k = {reached}</span>
        </h2>
        <table className="step-table" data-testid="layer-table">
          <thead>
            <tr>
              <th scope="col">k</th>
              <th scope="col">σ′(z)ᵏ</th>
              <th scope="col">0.25ᵏ</th>
              <th scope="col">ReLU 1ᵏ</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.k}
                data-k={r.k}
                className={r.k === reached ? 'current' : undefined}
                style={r.k > reached ? { opacity: 0.45 } : undefined}
              >
                <th scope="row">{r.k}</th>
                <td data-value={String(r.sigmoid)}>{panelNumber(r.sigmoid, 4)}</td>
                <td data-value={String(r.bound)}>{panelNumber(r.bound, 4)}</td>
                <td data-value={String(r.relu)}>1</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          Back-propagation multiplies one slope per layer; σ′ never exceeds 0.25, ReLU’s live half
          passes 1.
        </p>
      </section>
    </>
  );
}
