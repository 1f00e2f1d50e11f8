/**
 * The current f as typeset TeX (KaTeX), always visible over the view, so what is drawn and what
 * is written cannot disagree.
 *
 * KaTeX (its script, stylesheet and fonts) loads after the first picture: until it has, the
 * overlay shows nothing, and it appears typeset a moment later.
 */
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../store/hooks.ts';
import { currentInfo } from '../../store/problemInfo.ts';
import { viewKindOf } from '../registry.ts';
import { loadKatex } from './katex.ts';
import type { Katex } from './katex.ts';
// Placement and size of every overlay over the view (one grid, so none runs into another).
import './hudLayout.css';

export function FormulaOverlay() {
  // A figure draws its own formulas inside the picture.
  const latex = useApp((s) =>
    viewKindOf(s.scene).formula === false ? null : (currentInfo(s)?.latex ?? null),
  );
  const variables = useApp((s) => s.info?.variables.join(', ') ?? 'x, y');
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => live && setKatex(() => k));
    return () => {
      live = false;
    };
  }, []);
  const html = useMemo(
    () =>
      latex === null || katex === null
        ? null
        : katex.renderToString(`f(${variables}) = ${latex}`, {
            throwOnError: false,
            displayMode: false,
            output: 'html',
          }),
    [latex, variables, katex],
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
