/**
 * The current f as typeset TeX (KaTeX), always visible over the view, so what is drawn and what
 * is written cannot disagree.
 */
import katex from 'katex';
import { useMemo } from 'react';
import { useApp } from '../../store/hooks.ts';
import { currentInfo } from '../../store/problemInfo.ts';
// Placement and size of every overlay over the view (one grid, so none runs into another).
import './hudLayout.css';

export function FormulaOverlay() {
  const latex = useApp((s) => currentInfo(s)?.latex ?? null);
  const variables = useApp((s) => s.info?.variables.join(', ') ?? 'x, y');
  const html = useMemo(
    () =>
      latex === null
        ? null
        : katex.renderToString(`f(${variables}) = ${latex}`, {
            throwOnError: false,
            displayMode: false,
            output: 'html',
          }),
    [latex, variables],
  );
  if (!html) return null;
  return (
    <div
      className="formula-overlay"
      data-testid="formula"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
