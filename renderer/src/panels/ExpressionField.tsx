/**
 * Type f(x, y) or f(x). The text is checked by the solver (worker `describe`) 150 ms after the
 * last keystroke; a valid expression becomes the scene's f at once (live preview, one undo entry
 * per typing burst), an invalid one shows the solver's message with a caret under the offending
 * characters while the last good surface stays on screen.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SolverError } from '../../../shared/protocol.ts';
import { getSurface } from '../../../shared/surfaces.ts';
import { solverClient } from '../solver/instance.ts';
import { actions, useApp } from '../store/hooks.ts';

/** Delay between the last keystroke and the solver check. */
const DEBOUNCE_MS = 150;

export function ExpressionField() {
  const id = useId();
  const sceneText = useApp((s) => {
    const problem = s.scene.problem;
    if (problem.kind === 'expression') return problem.source;
    return problem.kind === 'surface' ? (getSurface(problem.id)?.expression ?? '') : '';
  });
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; error: SolverError } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The last text this field put into the scene (to tell our own changes from undo/presets). */
  const committed = useRef<string | null>(null);

  useEffect(() => {
    if (sceneText === committed.current) return;
    // f changed from elsewhere (surface picked, undo, preset): show it, forget stale errors.
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
      setError({
        text,
        error: {
          kind: 'expression',
          message: 'Type a function of x (and y), e.g. x^2 + 3*y^2.',
          position: 0,
          length: 1,
        },
      });
      return;
    }
    void solverClient()
      .request(
        { type: 'describe', problem: { kind: 'expression', source: text } },
        'expression-preview',
      )
      .then((outcome) => {
        if (outcome.status === 'stale') return;
        if (outcome.status === 'error') {
          setError({ text, error: outcome.error });
          return;
        }
        setError(null);
        committed.current = text;
        actions().setExpression(text, outcome.result.dim);
      });
  }

  const text = draft ?? sceneText;
  const position = error?.error.position;
  return (
    <div className={`field expression-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>f =</label>
      <input
        id={id}
        type="text"
        data-testid="expression-input"
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        value={text}
        placeholder="x^2 + 3*y^2"
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
          className="field-error expression-error"
          id={`${id}-error`}
          data-testid="expression-error"
          role="alert"
        >
          {position !== undefined && error.text.length > 0 && (
            <pre className="caret" aria-hidden="true">
              {error.text}
              {'\n'}
              {' '.repeat(Math.min(position, error.text.length))}
              {'^'.repeat(Math.max(1, error.error.length ?? 1))}
            </pre>
          )}
          <div>{error.error.message}</div>
        </div>
      )}
    </div>
  );
}
