/**
 * The selected run's start point: exact fields (y hidden for f of one variable) and a toggle
 * that makes the next click on the surface place it (shift+click always does).
 */
import { useShallow } from 'zustand/react/shallow';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

const COORD = { min: -1e6, max: 1e6 };

export function StartFields({ runId }: { runId: string }) {
  const start = useApp(useShallow((s) => s.scene.runs.find((r) => r.id === runId)?.start ?? []));
  const dim = useApp((s) => s.info?.dim ?? (start.length === 1 ? 1 : 2));
  const picking = useApp((s) => s.pickStart);
  const x = start[0] ?? 0;
  const y = start[1] ?? 0;
  const setStart = (next: number[]): void => actions().updateRun(runId, { start: next });
  return (
    <fieldset className="start-fields">
      <legend>Start point</legend>
      <div className="field-row">
        <NumberField
          label="x₀"
          testId="start-x"
          value={x}
          rule={COORD}
          onCommit={(v) => setStart(dim === 1 ? [v] : [v, y])}
        />
        {dim === 2 && (
          <NumberField
            label="y₀"
            testId="start-y"
            value={y}
            rule={COORD}
            onCommit={(v) => setStart([x, v])}
          />
        )}
        <button
          type="button"
          className={`pick-button${picking ? ' active' : ''}`}
          aria-pressed={picking}
          title="Click the surface to place the start point (or shift+click it any time)"
          onClick={() => actions().setPickStart(!picking)}
        >
          {picking ? 'Click the surface…' : 'Pick on view'}
        </button>
      </div>
      <p className="hint">
        Tip: shift+click the view to move the start, alt+click to move the Taylor probe.
      </p>
    </fieldset>
  );
}
