/**
 * A live slider bound to a scene value: every input event applies the value at once (so the
 * trajectories follow the drag), all events of one drag share an undo gesture, and the native
 * `change` event (pointer released, or a keyboard step) closes that gesture. Input events also
 * start a latency measurement for the performance HUD.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { actions, appStore } from '../store/hooks.ts';

export interface SliderFieldProps {
  label: ReactNode;
  /** Slider position (in slider units, e.g. log10 η). */
  value: number;
  min: number;
  max: number;
  step: number;
  /** Called with the slider position on every input event. */
  onLive: (position: number) => void;
  testId?: string;
  /** Accessible text for the current value (e.g. "η = 0.5"). */
  valueText?: string;
  /** Shown next to the label. */
  display?: ReactNode;
}

export function SliderField({
  label,
  value,
  min,
  max,
  step,
  onLive,
  testId,
  valueText,
  display,
}: SliderFieldProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const onChange = (): void => {
      actions().setSliding(false);
      actions().commitGesture();
    };
    input.addEventListener('change', onChange);
    // A pointer released outside the page may never produce `change`; don't stay "sliding".
    const onRelease = (): void => {
      if (actions().sliding) onChange();
    };
    window.addEventListener('pointerup', onRelease);
    return () => {
      input.removeEventListener('change', onChange);
      window.removeEventListener('pointerup', onRelease);
    };
  }, []);

  return (
    <div className="field slider-field">
      <label htmlFor={id}>
        {label}
        {display !== undefined && <span className="slider-value">{display}</span>}
      </label>
      <input
        ref={ref}
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        data-testid={testId}
        aria-valuetext={valueText}
        onChange={(e) => {
          // React reports the native `change` that ends a drag as onChange too (its value differs
          // from the rounded one React wrote back, e.g. -2.836 vs log10(0.00146)). That is the
          // release, handled by the listener above; treating it as input would set `sliding`
          // again after the release and leave the step table frozen until the next drag.
          if (e.nativeEvent.type !== 'input') return;
          const s = appStore.getState();
          s.runtime.perf.markInput();
          s.setSliding(true);
          onLive(Number(e.target.value));
        }}
      />
    </div>
  );
}
