/**
 * Import a CSV file as a model scene's data: a preview of the file, the column choice, and a live
 * count of the usable rows with every skipped row's line and reason, so nothing is dropped
 * silently. Import replaces the scene's data (one undo step); Cancel or Escape changes nothing.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { actions } from '../store/hooks.ts';
import { Dialog } from './Dialog.tsx';
import { checkImport, defaultColumns, previewCsv, SKIPPED_LISTED } from './dataImport.ts';
import type { ModelKind } from './dataImport.ts';
import './DataImportDialog.css';

/** A file the user chose, already read as text. */
export interface CsvFile {
  name: string;
  text: string;
}

/** The selects, in order: inputs first, then the target. */
function columnFields(model: ModelKind): { key: 'x1' | 'x2' | 'y'; label: string }[] {
  return model === 'linear'
    ? [
        { key: 'x1', label: 'Input x' },
        { key: 'y', label: 'Target y' },
      ]
    : [
        { key: 'x1', label: 'Input x1' },
        { key: 'x2', label: 'Input x2' },
        { key: 'y', label: 'Label y (0 or 1)' },
      ];
}

export function DataImportDialog({
  file,
  model,
  onClose,
}: {
  file: CsvFile;
  model: ModelKind;
  /** Must keep its identity across renders: Dialog re-runs its focus handling when it changes. */
  onClose: () => void;
}) {
  const id = useId();
  const preview = useMemo(() => previewCsv(file.text), [file.text]);
  const width = preview.columns.length;
  const [choice, setChoice] = useState(() => defaultColumns(width, model));
  const check = useMemo(
    () => (width === 0 ? null : checkImport(file.text, file.name, model, choice, preview.columns)),
    [file, model, choice, preview.columns, width],
  );

  const body = useRef<HTMLDivElement>(null);
  const firstSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // Runs after Dialog's own effect (a parent's effects run after its children's), which puts
    // the focus on the close button: the first column choice is the better start.
    firstSelect.current?.focus();
    // The app's shortcuts (arrows step the animation, R resets the camera, Ctrl+Z undoes) only
    // know about the store's dialogs; keep this one's keys to itself. Escape is Dialog's and is
    // caught before it gets here.
    const el = body.current;
    const stop = (e: KeyboardEvent): void => e.stopPropagation();
    el?.addEventListener('keydown', stop);
    return () => el?.removeEventListener('keydown', stop);
  }, []);

  const used = new Set([...choice.x, choice.y]);
  const valueOf = (key: 'x1' | 'x2' | 'y'): number =>
    key === 'y' ? choice.y : (choice.x[key === 'x1' ? 0 : 1] ?? 0);
  const choose = (key: 'x1' | 'x2' | 'y', column: number): void =>
    setChoice((c) => {
      if (key === 'y') return { ...c, y: column };
      const x = [...c.x];
      x[key === 'x1' ? 0 : 1] = column;
      return { ...c, x };
    });

  const confirm = (): void => {
    if (!check?.data) return;
    actions().setModelData(check.data, check.domain);
    onClose();
  };

  const skipped = check?.skipped ?? [];
  const dialog = (
    <Dialog title="Import data from CSV" onClose={onClose} testId="data-import-dialog">
      <div className="data-import" ref={body}>
        <p className="hint">
          <strong className="data-import-file">{file.name}</strong>:{' '}
          {width === 0
            ? 'the file has no rows.'
            : `${width} column${width === 1 ? '' : 's'}, ${
                preview.header ? 'names from the first row' : 'no header row'
              }. The first rows:`}
        </p>
        {width > 0 && (
          <div className="data-import-preview" data-testid="data-preview">
            <table>
              <thead>
                <tr>
                  {preview.columns.map((name, i) => (
                    <th key={i} scope="col" className={used.has(i) ? 'chosen' : undefined}>
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r}>
                    {preview.columns.map((_, i) => (
                      <td key={i} className={used.has(i) ? 'chosen' : undefined}>
                        {row[i] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {width > 0 && (
          <div className="field-row">
            {columnFields(model).map(({ key, label }, k) => (
              <div className="field" key={key}>
                <label htmlFor={`${id}-${key}`}>{label}</label>
                <select
                  id={`${id}-${key}`}
                  ref={k === 0 ? firstSelect : undefined}
                  data-testid={`data-column-${key}`}
                  value={valueOf(key)}
                  onChange={(e) => choose(key, Number(e.target.value))}
                >
                  {preview.columns.map((name, i) => (
                    <option key={i} value={i}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        )}
        {check && (
          <p className="data-import-count" data-testid="data-usable" aria-live="polite">
            {check.usable} row{check.usable === 1 ? '' : 's'} usable
            {skipped.length > 0 ? `, ${skipped.length} skipped` : ''}.
          </p>
        )}
        {skipped.length > 0 && (
          <div className="data-import-skipped" data-testid="data-skipped">
            <ul>
              {skipped.slice(0, SKIPPED_LISTED).map((row) => (
                <li key={row.line}>
                  Line {row.line}: {row.reason}
                </li>
              ))}
            </ul>
            {skipped.length > SKIPPED_LISTED && (
              <p className="hint">
                …and {skipped.length - SKIPPED_LISTED} more ({skipped.length} skipped rows in all).
              </p>
            )}
          </div>
        )}
        {(width === 0 || check?.error) && (
          <p className="field-error" role="alert" data-testid="data-import-error">
            {width === 0 ? 'There is nothing to import: the file is empty.' : check?.error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" data-testid="data-import-cancel" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-testid="data-import-confirm"
            disabled={!check?.data}
            onClick={confirm}
          >
            Import
          </button>
        </div>
      </div>
    </Dialog>
  );
  // Out of the side panel, so no scrolling or stacking there can clip the backdrop.
  return createPortal(dialog, document.body);
}
