/**
 * Choosing f: a built-in surface from the list, or a typed expression; the domain; and a note
 * when the solver could not draw it.
 */
import { useId, useRef } from 'react';
import { mlpShape } from '../../../shared/model/mlpSpec.ts';
import { SURFACES, getSurface } from '../../../shared/surfaces.ts';
import { platform } from '../platform/platform.ts';
import { actions, useApp } from '../store/hooks.ts';
import { DomainFields } from './DomainFields.tsx';
import { ExpressionField } from './ExpressionField.tsx';
import { MlpPanel } from './MlpPanel.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { PathsPanel } from './PathsPanel.tsx';

/** Value of the select's "typed expression" entry. */
const CUSTOM = '__expression';
/** Value of the entry naming a model's loss or an imported landscape (picked by opening one). */
const OTHER = '__other';
/** Value of the entry that opens a loss-landscape file. */
const IMPORT = '__import';
const LANDSCAPE_ACCEPT = '.h5,.hdf5,.npy,.csv';

export function SurfacePanel() {
  const id = useId();
  const landscapeInput = useRef<HTMLInputElement>(null);
  const problemKind = useApp((s) => s.scene.problem.kind);
  const otherName = useApp((s) => {
    const p = s.scene.problem;
    if (p.kind === 'model')
      return p.model === 'linear' ? 'Linear regression loss' : 'Logistic regression loss';
    if (p.kind === 'mlp') return `Network loss on a slice (${mlpShape(p)})`;
    return p.kind === 'grid' ? `Landscape: ${p.name}` : null;
  });
  const selected = useApp((s) => {
    const p = s.scene.problem;
    if (p.kind === 'surface') return p.id;
    return p.kind === 'expression' ? CUSTOM : OTHER;
  });
  const problemError = useApp((s) => s.errors.problem ?? s.errors.surface);
  return (
    <section className="panel-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Function</h2>
      <div className="field">
        <label htmlFor={id}>Surface</label>
        <select
          id={id}
          data-testid="surface-select"
          value={selected}
          onChange={(e) => {
            const value = e.target.value;
            if (value === OTHER) return;
            if (value === IMPORT) {
              // Synchronously, inside the user's choice: a file chooser opens only then.
              landscapeInput.current?.click();
              return;
            }
            if (value !== CUSTOM) {
              actions().selectSurface(value);
              return;
            }
            // Start the custom expression from the current built-in's formula, ready to edit.
            const { scene, info } = actions();
            if (scene.problem.kind === 'surface') {
              const surface = getSurface(scene.problem.id);
              if (surface)
                actions().setExpression(surface.expression, info?.dim ?? surface.objective.dim);
            }
          }}
        >
          {SURFACES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.objective.dim === 1 ? ' (1D)' : ''}
            </option>
          ))}
          <option value={CUSTOM}>Typed expression…</option>
          {otherName && <option value={OTHER}>{otherName}</option>}
          <option value={IMPORT}>Open a loss landscape (.h5, .npy, .csv)…</option>
        </select>
        <input
          ref={landscapeInput}
          type="file"
          accept={LANDSCAPE_ACCEPT}
          data-testid="landscape-file-input"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void platform.openLandscape(file);
          }}
        />
      </div>
      {(problemKind === 'surface' || problemKind === 'expression') && <ExpressionField />}
      <ModelPanel />
      <MlpPanel />
      <PathsPanel />
      {problemError && (
        <div className="field-error" role="alert">
          {problemError.message}
        </div>
      )}
      <DomainFields />
    </section>
  );
}
