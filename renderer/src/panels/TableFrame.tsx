/**
 * What the step table and the compare table share around their `<table>`: a header with the
 * title and the copy buttons (CSV, Markdown, LaTeX), and the scrolling region the table sits in,
 * whose element the virtualiser scrolls (`scroller`).
 */
import type { ReactNode, RefObject } from 'react';
import type { TableFormat } from '../../../shared/table.ts';
import { FORMATS } from './tableRows.ts';

export function TableFrame({
  title,
  copyLabel,
  copyTestId,
  copyDisabled,
  onCopy,
  regionLabel,
  scroller,
  children,
}: {
  /** The heading's content. */
  title: ReactNode;
  /** Accessible name of the copy buttons' group. */
  copyLabel: string;
  /** Prefix of each copy button's test id (the format follows). */
  copyTestId: string;
  copyDisabled: boolean;
  onCopy: (format: TableFormat) => void;
  /** Accessible name of the scrolling region. */
  regionLabel: string;
  /** The scrolling element, for the virtualiser. */
  scroller: RefObject<HTMLDivElement | null>;
  /** The table (and any hint shown under it). */
  children: ReactNode;
}) {
  return (
    <>
      <div className="section-header">
        <h2>{title}</h2>
        <div className="copy-buttons" role="group" aria-label={copyLabel}>
          {FORMATS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              disabled={copyDisabled}
              data-testid={`${copyTestId}${format}`}
              onClick={() => onCopy(format)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {/* Focusable, so the keyboard can scroll it. */}
      <div
        className="table-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={regionLabel}
      >
        {children}
      </div>
    </>
  );
}
