/**
 * The function is a tiny network's loss on a slice (Li et al. 2018): which network, trained how,
 * and which plane through its trained weights. Every change retrains in the worker and samples
 * the slice again (a progress bar shows over the view; the last picture stays meanwhile), so η
 * and the batch size are sliders like a run's.
 */
import { useId } from 'react';
import type { ComponentProps } from 'react';
import type { MlpSpec } from '../../../shared/model/mlpSpec.ts';
import { mlpPlannedSteps, mlpShape } from '../../../shared/model/mlpSpec.ts';
import { MAX_DATA_POINTS, MAX_MLP_STEPS } from '../../../shared/schema.ts';
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { actions, useApp } from '../store/hooks.ts';
import { batchSizes, batchStop, dataSize } from './BatchControl.tsx';
import { NumberField } from './NumberField.tsx';
import { SliderField } from './SliderField.tsx';

const HIDDEN = [2, 4, 8, 16, 32] as const;
const OPTIMIZERS = [
  ['gd', 'Gradient descent'],
  ['momentum', 'Momentum'],
  ['adam', 'Adam'],
] as const;
/** η slider: log10 η from 10⁻³ to 10. */
const LR_RANGE = [-3, 1] as const;

type Patch = Partial<Omit<MlpSpec, 'kind'>>;

/** A labelled select, laid out like the panels' other fields. */
function Choice({
  label,
  testId,
  children,
  ...select
}: ComponentProps<'select'> & { label: string; testId: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} {...select}>
        {children}
      </select>
    </div>
  );
}
const set = (patch: Patch, gesture?: string): void => actions().setMlp(patch, gesture);

export function MlpPanel() {
  const spec = useApp((s) => (s.scene.problem.kind === 'mlp' ? s.scene.problem : null));
  if (!spec) return null;
  const n = dataSize(spec.data);
  const sizes = batchSizes(n);
  const full = spec.batch >= n;
  const steps = mlpPlannedSteps(spec);
  const lr = spec.params.lr;
  return (
    <div className="model-panel" data-testid="mlp-panel">
      <p className="model-name">
        <strong>Tiny network, {mlpShape(spec)}</strong>
        <br />
        <span className="subtle">
          Trained on {spec.data.kind === 'builtin' ? `${n} generated points` : spec.data.name}; its
          cross-entropy is drawn on a plane through the trained weights (at the centre).
        </span>
      </p>
      <Choice
        label="Plane"
        testId="mlp-plane"
        value={spec.plane}
        onChange={(e) => set({ plane: e.target.value as MlpSpec['plane'] })}
      >
        <option value="pca">Principal components of the training path</option>
        <option value="random">Random filter-normalised directions</option>
      </Choice>
      <p className="hint" data-testid="mlp-plane-hint">
        {spec.plane === 'pca'
          ? 'x and y follow the path’s two main directions, each scaled so the path reaches ±1 on it.'
          : 'x and y follow two random directions, each neuron’s part scaled to its trained weights (Li et al. 2018).'}
      </p>
      <Choice
        label="Hidden units"
        testId="mlp-hidden"
        value={spec.hidden}
        onChange={(e) => set({ hidden: Number(e.target.value) })}
      >
        {HIDDEN.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Choice>
      <Choice
        label="Activation"
        testId="mlp-activation"
        value={spec.activation}
        onChange={(e) => set({ activation: e.target.value as MlpSpec['activation'] })}
      >
        <option value="tanh">tanh</option>
        <option value="relu">ReLU</option>
      </Choice>
      <Choice
        label="Optimizer"
        testId="mlp-optimizer"
        value={spec.params.kind}
        onChange={(e) =>
          set({ params: { ...spec.params, kind: e.target.value as MlpSpec['params']['kind'] } })
        }
      >
        {OPTIMIZERS.map(([kind, name]) => (
          <option key={kind} value={kind}>
            {/* On minibatches plain descent is SGD, as the legend says. */}
            {kind === 'gd' && !full ? 'Minibatch SGD' : name}
          </option>
        ))}
        {/* A scene file may name another optimizer: show it rather than a wrong one. */}
        {!OPTIMIZERS.some(([kind]) => kind === spec.params.kind) && (
          <option value={spec.params.kind}>{spec.params.kind}</option>
        )}
      </Choice>
      <SliderField
        label="Learning rate η"
        display={formatLabelNumber(lr)}
        value={Math.log10(lr)}
        min={LR_RANGE[0]}
        max={LR_RANGE[1]}
        step={0.01}
        testId="mlp-lr-slider"
        valueText={`η = ${formatLabelNumber(lr)}`}
        onLive={(position) => {
          const next = Number((10 ** position).toPrecision(3));
          if (next !== lr) set({ params: { ...spec.params, lr: next } }, 'mlp-lr');
        }}
      />
      <SliderField
        label="Minibatch size"
        display={full ? `full (${n})` : String(spec.batch)}
        value={batchStop(sizes, full ? undefined : spec.batch)}
        min={0}
        max={sizes.length - 1}
        step={1}
        testId="mlp-batch-slider"
        valueText={full ? `Full batch, ${n} points` : `Minibatch of ${spec.batch} points`}
        onLive={(position) => {
          const size = sizes[Math.round(position)] ?? n;
          if (size !== spec.batch) set({ batch: size }, 'mlp-batch');
        }}
      />
      <NumberField
        label="Epochs"
        testId="mlp-epochs"
        value={spec.epochs}
        format={String}
        rule={{ min: 1, max: MAX_MLP_STEPS, integer: true }}
        onCommit={(epochs) => set({ epochs })}
      />
      <NumberField
        label="Seed"
        testId="mlp-seed"
        value={spec.seed}
        format={String}
        rule={{ min: 0, max: 0xffffffff, integer: true }}
        onCommit={(seed) => set({ seed })}
      />
      {spec.data.kind === 'builtin' && (
        <>
          <NumberField
            label="Points"
            testId="mlp-points"
            value={spec.data.n}
            format={String}
            rule={{ min: 2, max: MAX_DATA_POINTS, integer: true }}
            onCommit={(points) =>
              spec.data.kind === 'builtin' && set({ data: { ...spec.data, n: points } })
            }
          />
          <NumberField
            label="Noise"
            testId="mlp-noise"
            value={spec.data.noise}
            rule={{ min: 0, max: 100 }}
            onCommit={(noise) =>
              spec.data.kind === 'builtin' && set({ data: { ...spec.data, noise } })
            }
          />
        </>
      )}
      <p className={steps > MAX_MLP_STEPS ? 'field-error' : 'hint'} data-testid="mlp-steps">
        {steps} training steps
        {steps > MAX_MLP_STEPS
          ? ` — at most ${MAX_MLP_STEPS}: use fewer epochs or a larger batch.`
          : '.'}
      </p>
    </div>
  );
}
