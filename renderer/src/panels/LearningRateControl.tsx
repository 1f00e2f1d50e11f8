/**
 * The learning rate η: a log-scale slider from 10⁻⁴ to 10 (value = log10 η, so every decade
 * gets the same room), an exact number field, and the chapter's three values as buttons
 * (0.1 crawls, 0.5 lands, 1.1 diverges on x²).
 */
import {
  LR_SLIDER_MAX,
  LR_SLIDER_MIN,
  LR_SLIDER_STEP,
  formatParam,
  lrToSlider,
  sliderToLr,
} from './numbers.ts';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';
import { SliderField } from './SliderField.tsx';

const QUICK = [0.1, 0.5, 1.1] as const;

export function LearningRateControl({ runId }: { runId: string }) {
  const lr = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.params.lr ?? 0.1);
  return (
    <div className="lr-control">
      <SliderField
        label="Learning rate η"
        display={formatParam(lr)}
        value={lrToSlider(lr)}
        min={LR_SLIDER_MIN}
        max={LR_SLIDER_MAX}
        step={LR_SLIDER_STEP}
        testId="lr-slider"
        valueText={`η = ${formatParam(lr)}`}
        onLive={(v) => actions().updateParams(runId, { lr: sliderToLr(v) }, `lr:${runId}`)}
      />
      <div className="lr-exact">
        <NumberField
          label="η"
          testId="lr-input"
          value={lr}
          rule={{ min: 0, minExclusive: true, max: 1e6 }}
          onCommit={(v) => actions().updateParams(runId, { lr: v })}
          className="compact"
        />
        <div className="quick-buttons" role="group" aria-label="Chapter learning rates">
          {QUICK.map((q) => (
            <button
              key={q}
              type="button"
              className={lr === q ? 'active' : ''}
              aria-pressed={lr === q}
              onClick={() => actions().updateParams(runId, { lr: q })}
            >
              {q}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
