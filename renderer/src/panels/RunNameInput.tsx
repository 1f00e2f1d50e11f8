/**
 * A run's name field. It shows the run's label (the name with placeholders such as `{lr}`
 * filled in, see shared/scene/runName.ts), so it always agrees with the legend. Leaving it
 * unchanged keeps a name that follows the settings; typed text renames the run for good; an
 * emptied field makes the name follow the optimizer and η again. It wraps instead of cutting a
 * long name off, and commits on Enter or when it loses the focus (Escape restores the label).
 */
import type { FocusEvent } from 'react';
import { runLabel } from '../../../shared/scene/runName.ts';
import { actions, useApp } from '../store/hooks.ts';

export interface RunNameInputProps {
  runId: string;
  /** Element id (for a visible `<label htmlFor>`). */
  id?: string;
  /** Accessible name of the field (default "Run name"). */
  label?: string;
  className?: string;
  testId?: string;
  onFocus?: (event: FocusEvent<HTMLTextAreaElement>) => void;
}

export function RunNameInput({
  runId,
  id,
  label = 'Run name',
  className = 'run-name',
  testId,
  onFocus,
}: RunNameInputProps) {
  const text = useApp((s) => {
    const run = s.scene.runs.find((r) => r.id === runId);
    return run ? runLabel(run) : '';
  });
  return (
    <textarea
      // Keyed by the label so undo, presets and slider drags show up; edits commit on blur.
      key={text}
      id={id}
      className={className}
      defaultValue={text}
      rows={1}
      maxLength={80}
      spellCheck={false}
      aria-label={label}
      title={text}
      data-testid={testId}
      onFocus={onFocus}
      onBlur={(e) => actions().renameRun(runId, e.target.value.replace(/\s*\n\s*/g, ' '))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          // One line: Enter commits.
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === 'Escape') {
          e.currentTarget.value = text;
          e.currentTarget.blur();
        }
      }}
    />
  );
}
