/**
 * Hyperparameters, start point and step count of the selected run. Only the knobs the chosen
 * optimizer uses are shown (momentum β for heavy-ball/Nesterov, ρ for RMSProp, β₁/β₂ for Adam,
 * noise σ and seed for SGD); the schedule and clipping apply to all.
 */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { OPTIMIZER_KINDS, SCHEDULE_KINDS } from '../../../shared/types.ts';
import type {
  OptimizerKind,
  OptimizerParams,
  ScheduleKind,
  ScheduleParams,
} from '../../../shared/types.ts';
import { MAX_STEPS } from '../../../shared/schema.ts';
import { actions, useApp } from '../store/hooks.ts';
import { LearningRateControl } from './LearningRateControl.tsx';
import { BatchControl } from './BatchControl.tsx';
import { NumberField } from './NumberField.tsx';
import { ParamControl } from './ParamControl.tsx';
import { RunNameInput } from './RunNameInput.tsx';
import { StartFields } from './StartFields.tsx';
import { isTemplateName, runLabel } from '../../../shared/scene/runName.ts';

const OPTIMIZER_NAMES: Record<OptimizerKind, string> = {
  gd: 'Gradient descent',
  sgd: 'SGD (noisy gradient)',
  momentum: 'Momentum (heavy ball)',
  nesterov: 'Nesterov momentum',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

const SCHEDULE_NAMES: Record<ScheduleKind, string> = {
  constant: 'Constant',
  step: 'Step decay',
  exp: 'Exponential decay',
  cosine: 'Cosine',
  'warmup-cosine': 'Warm-up + cosine',
};

/** Below-one decay rates: slider 0…0.999. */
const DECAY = { min: 0, max: 0.999, step: 0.001 };
const DECAY_RULE = { min: 0, max: 1, maxExclusive: true };

export function RunEditor() {
  const id = useId();
  const runId = useApp((s) => s.scene.selectedRunId);
  // Everything but η, which has its own control: dragging the η slider then re-renders only
  // that control, not every field of this panel.
  const params = useApp(
    useShallow((s) => {
      const p = s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.params;
      return p ? { ...p, lr: 0 } : undefined;
    }),
  );
  const steps = useApp((s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.steps ?? 0);
  const name = useApp((s) => {
    const run = s.scene.runs.find((r) => r.id === s.scene.selectedRunId);
    return run ? runLabel(run) : '';
  });
  const following = useApp((s) =>
    isTemplateName(s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.name ?? ''),
  );
  if (!runId || !params) {
    return (
      <section className="panel-section">
        <h2>Hyperparameters</h2>
        <p className="hint">Select or add a run to tune it.</p>
      </section>
    );
  }
  const live = (key: keyof OptimizerParams) => (value: number) =>
    actions().updateParams(runId, { [key]: value } as Partial<OptimizerParams>, `${key}:${runId}`);
  const set = (patch: Partial<OptimizerParams>) => actions().updateParams(runId, patch);
  const setSchedule = (patch: Partial<ScheduleParams>) =>
    set({ schedule: { ...params.schedule, ...patch } });
  const kind = params.kind;
  const schedule = params.schedule;
  return (
    <section className="panel-section run-editor" aria-label={`Hyperparameters of ${name}`}>
      <h2>
        Hyperparameters <span className="subtle">· {name}</span>
      </h2>
      <div className="field run-name-field">
        <label htmlFor={`${id}-name`}>
          Name
          <span
            className="subtle"
            title="A name left as shown follows η and the other settings; typed text is kept as typed"
          >
            {following ? 'follows the settings' : 'empty it to follow the settings'}
          </span>
        </label>
        <RunNameInput
          runId={runId}
          id={`${id}-name`}
          label="Name"
          className="run-name-input"
          testId="run-name-input"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-opt`}>Optimizer</label>
        <select
          id={`${id}-opt`}
          data-testid="optimizer-select"
          value={kind}
          onChange={(e) => set({ kind: e.target.value as OptimizerKind })}
        >
          {OPTIMIZER_KINDS.map((k) => (
            <option key={k} value={k}>
              {OPTIMIZER_NAMES[k]}
            </option>
          ))}
        </select>
      </div>
      <LearningRateControl runId={runId} />
      <BatchControl runId={runId} />
      {(kind === 'momentum' || kind === 'nesterov') && (
        <ParamControl
          label="Momentum β"
          value={params.momentum}
          slider={DECAY}
          rule={DECAY_RULE}
          onLive={live('momentum')}
          onCommit={(v) => set({ momentum: v })}
          testId="momentum"
        />
      )}
      {kind === 'rmsprop' && (
        <ParamControl
          label="Decay ρ"
          value={params.rho}
          slider={DECAY}
          rule={DECAY_RULE}
          onLive={live('rho')}
          onCommit={(v) => set({ rho: v })}
          testId="rho"
        />
      )}
      {kind === 'adam' && (
        <>
          <ParamControl
            label="β₁"
            value={params.beta1}
            slider={DECAY}
            rule={DECAY_RULE}
            onLive={live('beta1')}
            onCommit={(v) => set({ beta1: v })}
            testId="beta1"
          />
          <ParamControl
            label="β₂"
            value={params.beta2}
            slider={DECAY}
            rule={DECAY_RULE}
            onLive={live('beta2')}
            onCommit={(v) => set({ beta2: v })}
            testId="beta2"
          />
          <label className="check">
            <input
              type="checkbox"
              checked={params.biasCorrection}
              onChange={(e) => set({ biasCorrection: e.target.checked })}
            />
            Bias correction
          </label>
        </>
      )}
      {(kind === 'adagrad' || kind === 'rmsprop' || kind === 'adam') && (
        <NumberField
          label="ε"
          value={params.eps}
          rule={{ min: 0, minExclusive: true, max: 1 }}
          onCommit={(v) => set({ eps: v })}
          testId="eps-input"
        />
      )}
      {kind === 'sgd' && (
        <div className="field-row">
          <ParamControl
            label="Noise σ"
            value={params.noise}
            slider={{ min: 0, max: 5, step: 0.01 }}
            rule={{ min: 0, max: 1e6 }}
            onLive={live('noise')}
            onCommit={(v) => set({ noise: v })}
            testId="noise"
          />
          <NumberField
            label="Seed"
            value={params.seed}
            rule={{ min: 0, max: 0xffffffff, integer: true }}
            onCommit={(v) => set({ seed: v })}
            testId="seed-input"
            format={String}
          />
        </div>
      )}
      <details className="subsection" open={schedule.kind !== 'constant' || params.clip !== null}>
        <summary>Schedule &amp; clipping</summary>
        <div className="field">
          <label htmlFor={`${id}-sched`}>Schedule</label>
          <select
            id={`${id}-sched`}
            data-testid="schedule-select"
            value={schedule.kind}
            onChange={(e) => setSchedule({ kind: e.target.value as ScheduleKind })}
          >
            {SCHEDULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SCHEDULE_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        {schedule.kind === 'step' && (
          <div className="field-row">
            <NumberField
              label="every (steps)"
              value={schedule.stepEvery}
              rule={{ min: 1, integer: true, max: MAX_STEPS }}
              onCommit={(v) => setSchedule({ stepEvery: v })}
              format={String}
            />
            <NumberField
              label="factor"
              value={schedule.stepFactor}
              rule={{ min: 0, minExclusive: true, max: 1 }}
              onCommit={(v) => setSchedule({ stepFactor: v })}
            />
          </div>
        )}
        {schedule.kind === 'exp' && (
          <NumberField
            label="γ (per step)"
            value={schedule.gamma}
            rule={{ min: 0, minExclusive: true, max: 1 }}
            onCommit={(v) => setSchedule({ gamma: v })}
          />
        )}
        {(schedule.kind === 'cosine' || schedule.kind === 'warmup-cosine') && (
          <div className="field-row">
            {schedule.kind === 'warmup-cosine' && (
              <NumberField
                label="warm-up steps"
                value={schedule.warmup}
                rule={{ min: 0, integer: true, max: MAX_STEPS }}
                onCommit={(v) => setSchedule({ warmup: v })}
                format={String}
              />
            )}
            <NumberField
              label="final η"
              value={schedule.minLr}
              rule={{ min: 0, max: 1e6 }}
              onCommit={(v) => setSchedule({ minLr: v })}
            />
          </div>
        )}
        <div className="field-row clip-row">
          <label className="check">
            <input
              type="checkbox"
              checked={params.clip !== null}
              onChange={(e) => set({ clip: e.target.checked ? 1 : null })}
            />
            Clip |∇f| to
          </label>
          <NumberField
            label={<span className="visually-hidden">Clip norm</span>}
            value={params.clip ?? 1}
            disabled={params.clip === null}
            rule={{ min: 0, minExclusive: true, max: 1e6 }}
            onCommit={(v) => set({ clip: v })}
            className="compact"
          />
        </div>
      </details>
      <StartFields runId={runId} />
      <NumberField
        label="Steps"
        testId="steps-input"
        value={steps}
        format={String}
        rule={{ min: 0, max: MAX_STEPS, integer: true }}
        onCommit={(v) => actions().updateRun(runId, { steps: v })}
      />
    </section>
  );
}
