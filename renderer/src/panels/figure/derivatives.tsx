/**
 * The derivatives figure's side panels: f and the f″ switch on the left; on the right f′
 * typeset, the critical points with what f″ says of them, and the sweeping marker's x, f(x)
 * and f′(x) at the playhead.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { sweepX } from '../../../../shared/figures/derivatives.ts';
import { compileExpression } from '../../../../shared/expr/index.ts';
import { SWEEP_STEPS } from '../../../../shared/scene/figure.ts';
import { actions, useApp } from '../../store/hooks.ts';
import { loadKatex } from '../../view/hud/katex.ts';
import type { Katex } from '../../view/hud/katex.ts';
import { formatShort } from '../../view/figure/canvasText.ts';
import { FigureExpressionField, usePlayheadPosition, ValueLine } from './kit.tsx';
import { modelOrNull, readable } from '../../view/figure/derivatives/draw.ts';

export function DerivativesControls() {
  const id = useId();
  const second = useApp((s) => s.scene.figure.second);
  return (
    <section className="panel-section" data-testid="derivatives-controls">
      <h2>f and its derivatives</h2>
      <FigureExpressionField />
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          data-testid="derivatives-second"
          checked={second}
          onChange={(e) => actions().setFigure({ second: e.target.checked })}
        />
        Show f″ as well
      </label>
      <p className="hint">
        Play: a point sweeps along x. The slope of its tangent on f is the height of f′ below it.
      </p>
    </section>
  );
}

/** TeX of a derivative's text, or null when the compiler's text is not an expression it reads. */
function derivativeLatex(text: string, variable: string): string | null {
  try {
    return compileExpression(text, { variables: [variable] }).latex;
  } catch {
    return null;
  }
}

function useKatex(): Katex | null {
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    let live = true;
    void loadKatex().then((k) => live && setKatex(() => k));
    return () => {
      live = false;
    };
  }, []);
  return katex;
}

export function DerivativesNumbers() {
  const figure = useApp((s) => s.scene.figure);
  const domain = useApp((s) => s.scene.domain.x);
  const position = usePlayheadPosition();
  const katex = useKatex();
  const model = modelOrNull(figure.f, domain[0], domain[1]);
  const v = model?.curve.variable ?? 'x';
  const derivativeText = model?.curve.derivativeText ?? '';
  const secondText = model?.curve.secondText ?? '';
  const html = useMemo(() => {
    if (katex === null || !model) return null;
    const render = (name: string, text: string): string => {
      const tex = derivativeLatex(text, v);
      return katex.renderToString(
        tex === null
          ? `${name}(${v}) = \\text{${text.replace(/[\\{}]/g, '')}}`
          : `${name}(${v}) = ${tex}`,
        { throwOnError: false, displayMode: false, output: 'html' },
      );
    };
    return {
      first: render("f'", derivativeText),
      second: render("f''", secondText),
    };
  }, [katex, model, v, derivativeText, secondText]);
  if (!model) {
    return (
      <section className="panel-section readout">
        <p className="hint">f cannot be drawn.</p>
      </section>
    );
  }
  const { curve, critical } = model;
  const x = sweepX(domain[0], domain[1], Math.min(position, SWEEP_STEPS), SWEEP_STEPS);
  const fx = curve.f(x);
  const slope = curve.df(x);
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return (
    <>
      <section className="panel-section readout" data-testid="derivatives-formulas">
        <h2>The derivative</h2>
        <div
          className="derivative-formula"
          data-testid="derivative-formula"
          data-text={derivativeText}
          style={{ fontSize: 17, margin: '4px 0 6px', overflowX: 'auto' }}
        >
          {html ? (
            <span dangerouslySetInnerHTML={{ __html: html.first }} />
          ) : (
            `f′(${v}) = ${readable(derivativeText)}`
          )}
        </div>
        {figure.second && (
          <div
            data-testid="second-derivative-formula"
            data-text={secondText}
            style={{ fontSize: 17, margin: '0 0 6px', overflowX: 'auto' }}
          >
            {html ? (
              <span dangerouslySetInnerHTML={{ __html: html.second }} />
            ) : (
              `f″(${v}) = ${readable(secondText)}`
            )}
          </div>
        )}
      </section>
      <section className="panel-section readout" data-testid="derivatives-marker">
        <h2>At the marker</h2>
        <dl>
          <ValueLine label={v} value={x} testId="marker-x" />
          <ValueLine label={`f(${v})`} value={finite(fx)} testId="marker-f" />
          <ValueLine
            label={`f′(${v})`}
            value={finite(slope)}
            testId="marker-slope"
            title="The slope of the tangent on f, and the height of f′"
          />
        </dl>
      </section>
      <section className="panel-section readout">
        <h2>Critical points (f′ = 0)</h2>
        {critical.length === 0 ? (
          <p className="hint" data-testid="no-critical-points">
            None in this x range: f′ is never 0 here.
          </p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12.5 }}>
            {critical.map((c) => (
              <li
                key={c.x}
                data-testid="critical-point"
                data-x={String(c.x)}
                data-f={String(c.f)}
                data-second={String(c.second)}
                data-kind={c.kind}
              >
                <strong>{c.kind}</strong> at {v} = {formatShort(c.x, 4)}, f = {formatShort(c.f, 4)}
                <span className="subtle">
                  {' '}
                  (f″ = {formatShort(c.second, 3)}
                  {c.kind === 'peak' ? ' < 0' : c.kind === 'valley' ? ' > 0' : ''}
                  {c.touch ? ', f′ touches 0' : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
