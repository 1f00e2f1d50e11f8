/**
 * The function is a model's loss: which model, over which two parameters, on which data. A
 * built-in data set is a recipe (points, seed, noise), so a saved scene or a lesson reproduces
 * the same points; changing the recipe redraws the surface and every run at once. Imported CSV
 * data is stored in the scene itself (DataImportDialog).
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { DataSpec } from '../../../shared/schema.ts';
import { MAX_DATA_POINTS } from '../../../shared/schema.ts';
import { modelProblem } from '../../../shared/model/problem.ts';
import { actions, useApp } from '../store/hooks.ts';
import { DataImportDialog } from './DataImportDialog.tsx';
import type { CsvFile } from './DataImportDialog.tsx';
import { MAX_FILE_BYTES } from './dataImport.ts';
import type { ModelKind } from './dataImport.ts';
import { NumberField } from './NumberField.tsx';

const MODEL_TEXT = {
  linear: { name: 'Linear regression', detail: 'ŷ = w·x + b, mean squared error over (w, b)' },
  logistic: {
    name: 'Logistic regression',
    detail: 'p = σ(w1·x1 + w2·x2), cross-entropy (−log loss) over (w1, w2)',
  },
} as const;

const DATA_NAMES = { line: 'Noisy line', blobs: 'Two blobs', moons: 'Two moons' } as const;

/** The built-in data each model goes back to (the generators' own defaults). */
const BUILTIN_DATA: Record<ModelKind, Extract<DataSpec, { kind: 'builtin' }>> = {
  linear: { kind: 'builtin', name: 'line', n: 200, seed: 1, noise: 0.5 },
  logistic: { kind: 'builtin', name: 'blobs', n: 200, seed: 1, noise: 0.8 },
};

/** The import button, its hidden file input, and the dialog once a file is read. */
function DataImport({ model }: { model: ModelKind }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<CsvFile | null>(null);
  const close = useCallback(() => setFile(null), []);
  const onPick = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const picked = e.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires a change.
    e.target.value = '';
    if (!picked) return;
    if (picked.size > MAX_FILE_BYTES) {
      actions().notify(
        'error',
        `${picked.name} is too large to import (${Math.round(picked.size / 1048576)} MB; at most ${MAX_FILE_BYTES / 1048576} MB).`,
      );
      return;
    }
    try {
      setFile({ name: picked.name, text: await picked.text() });
    } catch (error) {
      actions().notify('error', `${picked.name} could not be read: ${String(error)}`);
    }
  };
  return (
    <>
      <button type="button" data-testid="data-import-button" onClick={() => input.current?.click()}>
        Import data from CSV…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
        hidden
        tabIndex={-1}
        data-testid="data-file-input"
        onChange={(e) => void onPick(e)}
      />
      {file && <DataImportDialog file={file} model={model} onClose={close} />}
    </>
  );
}

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
        <p className="hint" data-testid="data-inline-summary">
          Data: <strong>{data.name || 'imported'}</strong>, {data.y.length} points, stored in the
          scene.
        </p>
      )}
      <div className="model-data-actions">
        <DataImport model={problem.model} />
        {data.kind === 'inline' && (
          <button
            type="button"
            data-testid="data-use-builtin"
            onClick={() => {
              const builtin = BUILTIN_DATA[problem.model];
              // Back to the generated data, and to the viewing box around its loss.
              const { domain } = modelProblem({
                kind: 'model',
                model: problem.model,
                data: builtin,
              });
              actions().setModelData(builtin, domain);
            }}
          >
            Use built-in data
          </button>
        )}
      </div>
    </div>
  );
}
