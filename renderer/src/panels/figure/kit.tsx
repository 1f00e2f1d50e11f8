/**
 * Pieces the figures' side panels share: fields bound to `scene.figure` (a refused value shows
 * the store's sentence and changes nothing), the live playhead for their numbers, and readout
 * lines whose numbers carry full precision in `data-value` for tests.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { FigureSettings } from '../../../../shared/scene/figure.ts';
import { patchFigure } from '../../store/sceneEdits.ts';
import { actions, appStore, useApp } from '../../store/hooks.ts';
import { formatValue } from '../../view/figure/canvasText.ts';
import { NumberField } from '../NumberField.tsx';
import type { NumberRule } from '../numbers.ts';

/** The playhead position, live (re-renders on every move, also while playing). */
export function usePlayheadPosition(): number {
  return usePlayhead((position) => position);
}

/** Why `patch` would be refused, without applying it (null: it would be taken). */
export function figureProblem(patch: Partial<FigureSettings>): string | null {
  const result = patchFigure(appStore.getState().scene, patch);
  return 'error' in result ? result.error : null;
}

/** Delay between the last keystroke and the check of a typed expression. */
const DEBOUNCE_MS = 150;

/**
 * Types one of the figure's expressions (`f` by default, or F₂'s `g`). A valid expression becomes
 * the figure's at once (one undo entry per typing burst); an invalid one shows the reason under
 * the field, and the figure keeps the last good one. `patch` turns the text into the settings to
 * change (the graph resizes its point with its variables); `committed` runs after a change.
 */
export function FigureExpressionField({
  name = 'f',
  label = 'f(x) =',
  placeholder = 'x^2',
  empty = 'Type a function of x, e.g. x^2.',
  testId = `figure-${name}`,
  patch = (text) => ({ [name]: text }),
  committed: onCommitted,
}: {
  name?: 'f' | 'g';
  label?: ReactNode;
  placeholder?: string;
  /** What to say when the field is emptied. */
  empty?: string;
  /** Prefix of the input's and error's test ids (`…-input`, `…-error`). */
  testId?: string;
  patch?: (text: string) => Partial<FigureSettings>;
  committed?: () => void;
}) {
  const id = useId();
  const sceneText = useApp((s) => s.scene.figure[name]);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const committed = useRef<string | null>(null);

  useEffect(() => {
    if (sceneText === committed.current) return;
    // Changed elsewhere (undo, a preset): show it and forget a stale error.
    setDraft(null);
    setError(null);
  }, [sceneText]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function check(text: string): void {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text.trim() === '') {
      setError(empty);
      return;
    }
    if (text === appStore.getState().scene.figure[name]) {
      setError(null);
      return;
    }
    const message = actions().setFigure(patch(text), `figure-${name}`);
    if (message !== null) {
      setError(message);
      return;
    }
    committed.current = text;
    setError(null);
    onCommitted?.();
  }

  return (
    <div className={`field expression-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        data-testid={`${testId}-input`}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        value={draft ?? sceneText}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const value = e.target.value;
          setDraft(value);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => check(value), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') check(e.currentTarget.value);
          if (e.key === 'Escape') {
            if (timer.current) clearTimeout(timer.current);
            setDraft(null);
            setError(null);
          }
        }}
        onBlur={() => actions().commitGesture()}
      />
      {error && (
        <div
          className="field-error"
          id={`${id}-error`}
          data-testid={`${testId}-error`}
          role="alert"
        >
          {error}
        </div>
      )}
    </div>
  );
}

/** A number field for one figure setting; refusals (e.g. a ≥ b) show under the field. */
export function FigureNumberField({
  name,
  label,
  rule,
  testId,
  title,
}: {
  name: 'x0' | 'h' | 'a' | 'b' | 'n';
  label: ReactNode;
  rule?: NumberRule;
  testId?: string;
  title?: string;
}) {
  const value = useApp((s) => s.scene.figure[name]);
  return (
    <NumberField
      label={label}
      value={value}
      rule={rule}
      testId={testId}
      title={title}
      format={(v) => String(Number(v.toPrecision(12)))}
      check={(v) => figureProblem({ [name]: v })}
      onCommit={(v) => actions().setFigure({ [name]: v })}
    />
  );
}

/** A readout line whose number is exposed in full precision for tests (data-value). */
export function ValueLine({
  label,
  value,
  testId,
  digits = 4,
  format = formatValue,
  title,
  children,
}: {
  label: ReactNode;
  value: number | null;
  testId: string;
  digits?: number;
  /** How the number is shown (the full value is in data-value either way). */
  format?: (value: number, digits?: number) => string;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className="readout-line" title={title}>
      <dt>{label}</dt>
      <dd>
        <span data-testid={testId} data-value={value === null ? '' : String(value)}>
          {value === null ? '—' : format(value, digits)}
        </span>
        {children}
      </dd>
    </div>
  );
}

/**
 * The playhead seen through `quantize` (a layer number, a whole step, …): re-renders only when
 * that changes, not on every frame of playback.
 */
export function usePlayhead<T extends number>(quantize: (position: number) => T): T {
  const { playhead } = appStore.getState().runtime;
  return useSyncExternalStore(
    (notify) => playhead.subscribe(notify),
    () => quantize(playhead.position),
  );
}

/**
 * A number for the panel: `digits` significant digits without trailing zeros (σ′(2) reads
 * 0.105, 1/1024 reads 0.0009766), exponent form when tiny or huge, − for minus.
 */
export function panelNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const text =
    value !== 0 && (abs < 1e-4 || abs >= 1e7)
      ? value.toExponential(digits - 1).replace(/\.?0+e/, 'e')
      : String(Number(value.toPrecision(digits)));
  return text.replace(/-/g, '−');
}
