/**
 * A live slider bound to a scene value: every input event applies the value at once (so the
 * trajectories follow the drag), all events of one drag share an undo gesture, and the native
 * `change` event (pointer released, or a keyboard step) closes that gesture. Input events also
 * start a latency measurement for the performance HUD.
 *
 * A drag with the pointer does not leave the keyboard with the slider: on release the slider
 * gives up the focus, so → steps the animation again instead of nudging the value. Reached with
 * Tab, the slider keeps its arrow keys (and a caller may replace their steps, as the η slider's
 * log steps do).
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
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
  /**
   * Replaces the native key steps: the position an arrow or Page key moves to from `position`,
   * or null to leave that key to the browser.
   */
  keyStep?: (key: string, position: number) => number | null;
  /** Called with the final position when a pointer drag ends. */
  onRelease?: (position: number) => void;
  testId?: string;
  /** Accessible text for the current value (e.g. "η = 0.5"). */
  valueText?: string;
  /** Shown next to the label. */
  display?: ReactNode;
  /** Shown under the slider (e.g. its range). */
  children?: ReactNode;
}

export function SliderField({
  label,
  value,
  min,
  max,
  step,
  onLive,
  keyStep,
  onRelease,
  testId,
  valueText,
  display,
  children,
}: SliderFieldProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  // The latest callback, read by the listeners installed once below.
  const release = useRef(onRelease);
  release.current = onRelease;

  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    // A pointer is down on this slider (the drag that may follow is ours).
    let dragging = false;
    const onChange = (): void => {
      actions().setSliding(false);
      actions().commitGesture();
    };
    input.addEventListener('change', onChange);
    const onDown = (): void => {
      dragging = true;
    };
    input.addEventListener('pointerdown', onDown);
    // A pointer released outside the page may never produce `change`; don't stay "sliding".
    const onRelease = (): void => {
      if (actions().sliding) onChange();
      if (!dragging) return;
      dragging = false;
      release.current?.(Number(input.value));
      // After the native `change` of this release has been dispatched: give the keyboard back.
      setTimeout(() => {
        if (document.activeElement === input) input.blur();
      }, 0);
    };
    window.addEventListener('pointerup', onRelease);
    window.addEventListener('pointercancel', onRelease);
    return () => {
      input.removeEventListener('change', onChange);
      input.removeEventListener('pointerdown', onDown);
      window.removeEventListener('pointerup', onRelease);
      window.removeEventListener('pointercancel', onRelease);
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (!keyStep || e.ctrlKey || e.metaKey || e.altKey) return;
    const next = keyStep(e.key, Number(e.currentTarget.value));
    if (next === null) return;
    // Handled here: neither the browser's own step nor the playback keys see it.
    e.preventDefault();
    appStore.getState().runtime.perf.markInput();
    onLive(next);
    actions().commitGesture();
  };

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
        onKeyDown={onKeyDown}
        onChange={(e) => {
          // React reports the native `change` that ends a drag as onChange too (its value differs
          // from the rounded one React wrote back, e.g. -2.836 vs log10(0.00146)). That is the
          // release, handled by the listener above; treating it as input would set `sliding`
          // again after the release and leave the step table behind until the next drag.
          if (e.nativeEvent.type !== 'input') return;
          const s = appStore.getState();
          s.runtime.perf.markInput();
          s.setSliding(true);
          onLive(Number(e.target.value));
        }}
      />
      {children}
    </div>
  );
}
