/**
 * The function is a model's loss: which model, over which two parameters, on which data. A
 * built-in data set is a recipe (points, seed, noise), so a saved scene or a lesson reproduces
 * the same points; changing the recipe redraws the surface and every run at once.
 */
import { useId } from 'react';
import type { DataSpec } from '../../../shared/schema.ts';
import { MAX_DATA_POINTS } from '../../../shared/schema.ts';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

const MODEL_TEXT = {
  linear: { name: 'Linear regression', detail: 'ŷ = w·x + b, mean squared error over (w, b)' },
  logistic: {
    name: 'Logistic regression',
    detail: 'p = σ(w1·x1 + w2·x2), cross-entropy (−log loss) over (w1, w2)',
  },
} as const;

const DATA_NAMES = { line: 'Noisy line', blobs: 'Two blobs', moons: 'Two moons' } as const;

export function ModelPanel() {
  const id = useId();
  const problem = useApp((s) => s.scene.problem);
  if (problem.kind !== 'model') return null;
  const text = MODEL_TEXT[problem.model];
  const data = problem.data;
  const setBuiltin = (patch: Partial<Extract<DataSpec, { kind: 'builtin' }>>): void => {
    if (data.kind === 'builtin') actions().setModelData({ ...data, ...patch });
  };
  return (
    <div className="model-panel" data-testid="model-panel">
      <p className="model-name">
        <strong>{text.name}</strong>
        <br />
        <span className="subtle">{text.detail}</span>
      </p>
      {data.kind === 'builtin' ? (
        <>
          <p className="hint" id={`${id}-data`}>
            Data: {DATA_NAMES[data.name]}, generated from its seed.
          </p>
          <NumberField
            label="Points"
            testId="data-points"
            value={data.n}
            format={String}
            rule={{ min: 2, max: MAX_DATA_POINTS, integer: true }}
            onCommit={(n) => setBuiltin({ n })}
          />
          <NumberField
            label="Seed"
            testId="data-seed"
            value={data.seed}
            format={String}
            rule={{ min: 0, max: 0xffffffff, integer: true }}
            onCommit={(seed) => setBuiltin({ seed })}
          />
          <NumberField
            label="Noise"
            testId="data-noise"
            value={data.noise}
            rule={{ min: 0, max: 100 }}
            onCommit={(noise) => setBuiltin({ noise })}
          />
        </>
      ) : (
        <p className="hint">
          Data: {data.name || 'imported'} ({data.y.length} points, stored in the scene).
        </p>
      )}
    </div>
  );
}
