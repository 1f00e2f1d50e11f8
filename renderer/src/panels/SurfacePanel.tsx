/**
 * Choosing f: a built-in surface from the list, or a typed expression; the domain; and a note
 * when the solver could not draw it.
 */
import { useId } from 'react';
import { SURFACES, getSurface } from '../../../shared/surfaces.ts';
import { actions, useApp } from '../store/hooks.ts';
import { DomainFields } from './DomainFields.tsx';
import { ExpressionField } from './ExpressionField.tsx';

/** Value of the select's "typed expression" entry. */
const CUSTOM = '__expression';

export function SurfacePanel() {
  const id = useId();
  const selected = useApp((s) =>
    s.scene.problem.kind === 'surface' ? s.scene.problem.id : CUSTOM,
  );
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
        </select>
      </div>
      <ExpressionField />
      {problemError && (
        <div className="field-error" role="alert">
          {problemError.message}
        </div>
      )}
      <DomainFields />
    </section>
  );
}
