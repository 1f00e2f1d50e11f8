/**
 * A hyperparameter with a live slider and an exact number field side by side. The slider covers
 * the useful range; the field accepts anything the schema allows.
 */
import type { ReactNode } from 'react';
import type { NumberRule } from './numbers.ts';
import { NumberField } from './NumberField.tsx';
import { SliderField } from './SliderField.tsx';

export interface ParamControlProps {
  label: ReactNode;
  value: number;
  slider: { min: number; max: number; step: number };
  rule: NumberRule;
  /** Live updates from the slider (coalesced into one undo entry per drag). */
  onLive: (value: number) => void;
  /** A typed value. */
  onCommit: (value: number) => void;
  testId?: string;
}

export function ParamControl({
  label,
  value,
  slider,
  rule,
  onLive,
  onCommit,
  testId,
}: ParamControlProps) {
  const clamped = Math.min(slider.max, Math.max(slider.min, value));
  return (
    <div className="param-control">
      <SliderField
        label={label}
        value={clamped}
        min={slider.min}
        max={slider.max}
        step={slider.step}
        onLive={onLive}
        testId={testId ? `${testId}-slider` : undefined}
      />
      <NumberField
        label={<span className="visually-hidden">{label} (exact)</span>}
        value={value}
        rule={rule}
        onCommit={onCommit}
        testId={testId ? `${testId}-input` : undefined}
        className="compact"
      />
    </div>
  );
}
