/**
 * The runs on this surface: select, show/hide, recolour, rename, duplicate, remove, and each
 * run's outcome ("diverged at step 7") so the legend and the list always agree with the view.
 */
import { useShallow } from 'zustand/react/shallow';
import { MAX_RUNS } from '../store/sceneEdits.ts';
import { actions, useApp } from '../store/hooks.ts';
import { RunItem } from './RunItem.tsx';

export function RunList() {
  const ids = useApp(useShallow((s) => s.scene.runs.map((r) => r.id)));
  const trajectoryError = useApp((s) => s.errors.trajectories);
  return (
    <section className="panel-section runs-section">
      <div className="section-header">
        <h2>Runs</h2>
        <button
          type="button"
          data-testid="add-run"
          onClick={() => actions().addRun()}
          disabled={ids.length >= MAX_RUNS}
          title="Add a gradient-descent run"
        >
          + Add run
        </button>
      </div>
      <ul className="run-list" data-testid="run-list" aria-label="Runs">
        {ids.map((id) => (
          <RunItem key={id} runId={id} />
        ))}
      </ul>
      {ids.length === 0 && <p className="hint">No runs yet: add one to start descending.</p>}
      {trajectoryError && (
        <div className="field-error" role="alert">
          Runs could not be computed: {trajectoryError.message}
        </div>
      )}
    </section>
  );
}
