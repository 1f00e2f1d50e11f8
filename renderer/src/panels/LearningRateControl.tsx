/**
 * The learning rate η: a log-scale slider (value = log10 η, so every decade gets the same room),
 * an exact number field, and the chapter's three values as buttons (0.1 crawls, 0.5 lands, 1.1
 * diverges on x²).
 *
 * The slider spans two decades around η rather than all five (10⁻⁴…10), so a drag can aim at
 * 0.5 or 1.1. Its ends are buttons that widen it by a decade; a drag released at an end, or a
 * value typed or stepped past it, widens it too. Arrow keys step through readable values, ten
 * per decade (0.1, 0.12, 0.15, 0.2, …), and Page Up/Down by a factor of ten.
 */
import { useState } from 'react';
import {
  extendLrRange,
  formatParam,
  LR_SLIDER_MAX,
  LR_SLIDER_MIN,
  LR_SLIDER_STEP,
  lrKeyStep,
  lrRangeAround,
  lrRangeWith,
  lrToSlider,
  sliderToLr,
} from './numbers.ts';
import type { LrRange } from './numbers.ts';
import { actions, useApp } from '../store/hooks.ts';
import type { AppState } from '../store/types.ts';
import { NumberField } from './NumberField.tsx';
import { SliderField } from './SliderField.tsx';

const QUICK = [0.1, 0.5, 1.1] as const;

/** How close (in log10 η) to an end a drag must be released to widen the slider. */
const AT_END = 0.02;

/**
 * The slider position an arrow or Page key moves η to from `lr`, or null for keys it does not
 * use. From η itself, not from the slider's position: the range input snaps its value to its
 * step grid (0.08 reads as 10^−1.1 = 0.0794), which would make the steps land off the ladder.
 */
function keyStep(key: string, lr: number): number | null {
  switch (key) {
    case 'ArrowUp':
    case 'ArrowRight':
      return lrToSlider(lrKeyStep(lr, 1));
    case 'ArrowDown':
    case 'ArrowLeft':
      return lrToSlider(lrKeyStep(lr, -1));
    case 'PageUp':
      return lrToSlider(lrKeyStep(lr, 1, true));
    case 'PageDown':
      return lrToSlider(lrKeyStep(lr, -1, true));
    default:
      return null;
  }
}

/** 10^k for a slider end, written as people read η: 0.01, 1, 10. */
function decade(k: number): string {
  return formatParam(Number(`1e${k}`));
}

/** The run's η as the store has it now (keys may come faster than renders). */
function currentLr(runId: string, state: AppState = actions()): number {
  return state.scene.runs.find((r) => r.id === runId)?.params.lr ?? 0.1;
}

export function LearningRateControl({ runId }: { runId: string }) {
  const lr = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.params.lr ?? 0.1);
  // The slider's window belongs to the run it was opened for: another run starts around its η.
  const [state, setState] = useState<{ runId: string; range: LrRange }>(() => ({
    runId,
    range: lrRangeAround(lr),
  }));
  let range = state.range;
  if (state.runId !== runId) range = lrRangeAround(lr);
  else range = lrRangeWith(range, lr);
  if (state.runId !== runId || range !== state.range) setState({ runId, range });

  const widen = (side: 'down' | 'up'): void =>
    setState({ runId, range: extendLrRange(range, side) });
  const setLr = (position: number): void =>
    actions().updateParams(runId, { lr: sliderToLr(position) }, `lr:${runId}`);

  return (
    <div className="lr-control">
      <SliderField
        label="Learning rate η"
        display={formatParam(lr)}
        value={lrToSlider(lr)}
        min={range.min}
        max={range.max}
        step={LR_SLIDER_STEP}
        testId="lr-slider"
        valueText={`η = ${formatParam(lr)}`}
        onLive={setLr}
        keyStep={(key) => keyStep(key, currentLr(runId))}
        onRelease={(position) => {
          if (position >= range.max - AT_END && range.max < LR_SLIDER_MAX) widen('up');
          else if (position <= range.min + AT_END && range.min > LR_SLIDER_MIN) widen('down');
        }}
      >
        <div className="lr-range">
          <button
            type="button"
            className="link-button"
            data-testid="lr-range-down"
            disabled={range.min <= LR_SLIDER_MIN}
            title={`Widen the slider down to η = ${decade(range.min - 1)}`}
            aria-label={`Slider starts at η = ${decade(range.min)}; widen it down`}
            onClick={() => widen('down')}
          >
            ‹ {decade(range.min)}
          </button>
          <button
            type="button"
            className="link-button"
            data-testid="lr-range-up"
            disabled={range.max >= LR_SLIDER_MAX}
            title={`Widen the slider up to η = ${decade(range.max + 1)}`}
            aria-label={`Slider ends at η = ${decade(range.max)}; widen it up`}
            onClick={() => widen('up')}
          >
            {decade(range.max)} ›
          </button>
        </div>
      </SliderField>
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
