/**
 * One row of the run list. Clicking it selects the run (the editor below follows). It says
 * when the run leaves the plot (`data-left-plot-at`: the step, or empty when it stays inside).
 */
import { useShallow } from 'zustand/react/shallow';
import { actions, useApp } from '../store/hooks.ts';
import type { AppState } from '../store/types.ts';
import { frameOf } from '../view/plot/frame.ts';
import { leftPlotAt } from '../view/plot/plotBox.ts';
import { optimizerLabel, runLabel } from '../../../shared/scene/runName.ts';
import { Icon } from './Icon.tsx';
import { RunNameInput } from './RunNameInput.tsx';
import { runStatus } from './runStatus.ts';

/** The step at which a run leaves the plot box as drawn now, or null. */
function leftAt(s: AppState, runId: string): number | null {
  return leftPlotAt(s.trajectories[runId], frameOf(s.surface));
}

export function RunItem({ runId }: { runId: string }) {
  const run = useApp(
    useShallow((s) => {
      const r = s.scene.runs.find((x) => x.id === runId);
      return {
        // What the legend shows (placeholders such as {lr} filled in).
        name: r ? runLabel(r) : '',
        color: r?.color ?? '#000000',
        visible: r?.visible ?? false,
      };
    }),
  );
  const selected = useApp((s) => s.scene.selectedRunId === runId);
  const statusKind = useApp((s) => runStatus(s.trajectories[runId]).kind);
  const left = useApp((s) => leftAt(s, runId));
  const select = (): void => actions().selectRun(runId);
  return (
    <li
      className={`run-item${selected ? ' selected' : ''}${run.visible ? '' : ' hidden-run'}`}
      // A list item, not a listbox option: the row holds its own controls (an option may not).
      aria-current={selected ? 'true' : undefined}
      data-run-id={runId}
      data-status={statusKind}
      data-left-plot-at={left ?? ''}
      onClick={select}
    >
      <input
        type="color"
        className="run-color"
        value={run.color}
        aria-label={`Colour of ${run.name}`}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => actions().updateRun(runId, { color: e.target.value }, `color:${runId}`)}
        onBlur={() => actions().commitGesture()}
      />
      <div className="run-main">
        <RunNameInput runId={runId} onFocus={select} />
        <RunMeta runId={runId} />
        <RunStatusLine runId={runId} />
      </div>
      <div className="run-actions">
        <button
          type="button"
          className="icon"
          aria-pressed={!run.visible}
          title={run.visible ? 'Hide' : 'Show'}
          aria-label={run.visible ? `Hide ${run.name}` : `Show ${run.name}`}
          onClick={(e) => {
            e.stopPropagation();
            actions().updateRun(runId, { visible: !run.visible });
          }}
        >
          <Icon name={run.visible ? 'eye' : 'eyeOff'} />
        </button>
        <button
          type="button"
          className="icon"
          title="Duplicate"
          aria-label={`Duplicate ${run.name}`}
          onClick={(e) => {
            e.stopPropagation();
            actions().duplicateRun(runId);
          }}
        >
          <Icon name="duplicate" />
        </button>
        <button
          type="button"
          className="icon"
          title="Remove"
          aria-label={`Remove ${run.name}`}
          onClick={(e) => {
            e.stopPropagation();
            actions().removeRun(runId);
          }}
        >
          <Icon name="close" />
        </button>
      </div>
    </li>
  );
}

/** Optimizer and η, in their own component so an η drag does not re-render the row. */
function RunMeta({ runId }: { runId: string }) {
  const meta = useApp(
    useShallow((s) => {
      const run = s.scene.runs.find((r) => r.id === runId);
      // Plain GD on sampled minibatches reads SGD, as its label does.
      return { name: run ? optimizerLabel(run) : 'GD', lr: run?.params.lr ?? 0 };
    }),
  );
  return (
    <div className="run-meta">
      {meta.name.toUpperCase()} · η = {meta.lr}
    </div>
  );
}

/**
 * The run's outcome, in its own component: new trajectories arrive on every slider event, and
 * only this line (when its text changed) should re-render, not the row's inputs.
 */
function RunStatusLine({ runId }: { runId: string }) {
  const status = useApp(useShallow((s) => runStatus(s.trajectories[runId], leftAt(s, runId))));
  return (
    <div
      className={`run-status status-${status.kind}`}
      data-testid="run-status"
      title={status.text}
    >
      {status.text}
    </div>
  );
}
