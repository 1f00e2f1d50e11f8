/**
 * A number input that commits on `change` (blur after editing) and on Enter, validates what was
 * typed, and on invalid input shows a message under the field while the scene keeps its old
 * value — NaN never reaches the scene. Escape restores the current value.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { formatParam, parseNumber } from './numbers.ts';
import type { NumberRule } from './numbers.ts';

export interface NumberFieldProps {
  label: ReactNode;
  value: number;
  onCommit: (value: number) => void;
  rule?: NumberRule;
  testId?: string;
  /** How the current value is displayed (default: compact form, 1e-4 etc.). */
  format?: (value: number) => string;
  /** Extra validation against other fields (e.g. min below max); returns a message or null. */
  check?: (value: number) => string | null;
  title?: string;
  disabled?: boolean;
  className?: string;
}

export function NumberField({
  label,
  value,
  onCommit,
  rule,
  testId,
  format = formatParam,
  check,
  title,
  disabled,
  className,
}: NumberFieldProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  // null: show the scene's value; a string: what the user is typing (or typed and was refused).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Latest props for the native listener registered once below.
  const latest = useRef({ value, onCommit, rule, check });
  latest.current = { value, onCommit, rule, check };

  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    // The native change event (not React's onChange, which fires per keystroke): commit when the
    // user leaves the field or presses Enter, or when a test dispatches `change`.
    const onChange = (): void => commit(input.value);
    input.addEventListener('change', onChange);
    return () => input.removeEventListener('change', onChange);
    // Registered once: commit reads the latest props from a ref.
  }, []);

  function commit(text: string): void {
    const { value: current, onCommit: apply, rule: r, check: extra } = latest.current;
    const parsed = parseNumber(text, r);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const message = extra?.(parsed.value) ?? null;
    if (message) {
      setError(message);
      return;
    }
    setError(null);
    setDraft(null);
    if (parsed.value !== current) apply(parsed.value);
  }

  const errorId = `${id}-error`;
  return (
    <div
      className={`field number-field${error ? ' invalid' : ''}${className ? ` ${className}` : ''}`}
    >
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        data-testid={testId}
        title={title}
        disabled={disabled}
        value={draft ?? format(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error && (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
