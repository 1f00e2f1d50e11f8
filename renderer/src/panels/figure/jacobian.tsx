/**
 * The Jacobian figure's side panels: F₁, F₂ and the point on the left; on the right J typeset
 * (symbolic and at the point) with its cells exposed for tests, det J, and at the playhead the
 * square's side, the areas and their ratio, which tends to det J as the square shrinks.
 */
import { useEffect, useMemo, useState } from 'react';
import { compileExpression } from '../../../../shared/expr/index.ts';
import { squareSide } from '../../../../shared/figures/jacobian.ts';
import { MAX_FIGURE_COORDINATE } from '../../../../shared/scene/figure.ts';
import { NumberField } from '../NumberField.tsx';
import { actions, appStore, useApp } from '../../store/hooks.ts';
import { timelineEnd } from '../../../../shared/scene/document.ts';
import { loadKatex } from '../../view/hud/katex.ts';
import type { Katex } from '../../view/hud/katex.ts';
import {
  FigureExpressionField,
  figureProblem,
  panelNumber,
  usePlayhead,
  ValueLine,
} from './kit.tsx';
import { modelOrNull, squareAt } from '../../view/figure/jacobian/draw.ts';

/** Types F₁ (`f`) or F₂ (`g`) of (x, y). */
function ComponentField({ name, label }: { name: 'f' | 'g'; label: string }) {
  return (
    <FigureExpressionField
      name={name}
      label={`${label}(x, y) =`}
      placeholder={name === 'f' ? 'x^2' : 'x*y'}
      empty={`Type ${label} as a function of x and y, e.g. x*y.`}
      testId={`jacobian-${name}`}
    />
  );
}

const COORDINATE = { min: -MAX_FIGURE_COORDINATE, max: MAX_FIGURE_COORDINATE };

/** One coordinate of the point. */
function PointField({ index, label }: { index: 0 | 1; label: string }) {
  const value = useApp((s) => s.scene.figure.at[index] ?? 0);
  const patch = (v: number) => {
    const at = [...appStore.getState().scene.figure.at];
    while (at.length < 2) at.push(0);
    at[index] = v;
    return { at };
  };
  return (
    <NumberField
      label={label}
      value={value}
      rule={COORDINATE}
      testId={`jacobian-${label}-input`}
      format={(v) => String(Number(v.toPrecision(12)))}
      check={(v) => figureProblem(patch(v))}
      onCommit={(v) => actions().setFigure(patch(v))}
    />
  );
}

export function JacobianControls() {
  return (
    <section className="panel-section" data-testid="jacobian-controls">
      <h2>The Jacobian as a map</h2>
      <ComponentField name="f" label="F₁" />
      <ComponentField name="g" label="F₂" />
      <div className="field-row">
        <PointField index={0} label="x" />
        <PointField index={1} label="y" />
      </div>
      <p className="hint">Play: the square at the point shrinks, and its image becomes J·square.</p>
    </section>
  );
}

/** TeX of a partial derivative written by the compiler (step(u) is not in the language). */
function partialTex(text: string): string {
  try {
    return compileExpression(text, { variables: ['x', 'y'] }).latex;
  } catch {
    return `\\text{${text.replace(/[\\{}$&#^_%~]/g, ' ')}}`;
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

/** The number written exactly when it is short (2, 0.5), else rounded. */
function texNumber(v: number): string {
  return panelNumber(v, 6)
    .replace('−', '-')
    .replace(/e(-?\d+)$/, '\\cdot 10^{$1}');
}

export function JacobianNumbers() {
  const figure = useApp((s) => s.scene.figure);
  const domain = useApp((s) => s.scene.domain);
  const end = useApp((s) => timelineEnd(s.scene));
  const position = usePlayhead((p) => p);
  const katex = useKatex();
  const model = modelOrNull(figure.f, figure.g, figure.at, domain);
  const html = useMemo(() => {
    if (!model || !katex) return null;
    const sym = model.F.symbolic.map((row) => row.map(partialTex).join(' & ')).join(' \\\\ ');
    const num = model.J.map((row) => row.map(texNumber).join(' & ')).join(' \\\\ ');
    const [x, y] = model.point.map(texNumber);
    return katex.renderToString(
      `J = \\begin{bmatrix} ${sym} \\end{bmatrix} \\xrightarrow{(${x},\\,${y})} \\begin{bmatrix} ${num} \\end{bmatrix}`,
      { throwOnError: false, displayMode: true, output: 'html' },
    );
  }, [model, katex]);
  if (!model) {
    return (
      <section className="panel-section readout">
        <p className="hint">F cannot be drawn.</p>
      </section>
    );
  }
  const side = squareSide(domain, Math.min(position, end), end);
  const sq = squareAt(model, side);
  return (
    <>
      <section className="panel-section readout" data-testid="jacobian-readout">
        <h2>
          Jacobian{' '}
          <span className="subtle">
            at ({panelNumber(model.point[0], 6)}, {panelNumber(model.point[1], 6)})
          </span>
        </h2>
        <div data-testid="jacobian">
          {html && (
            <div
              className="jacobian-tex"
              style={{ overflowX: 'auto', overflowY: 'hidden' }}
              dangerouslySetInnerHTML={{ __html: html }}
            />
          )}
          <table
            className="step-table"
            aria-label="J at the point"
            style={{ width: 'auto', margin: '4px 0 8px', fontSize: '13px' }}
          >
            <tbody>
              {model.J.map((row, i) => (
                <tr key={i}>
                  <th scope="row" style={{ paddingRight: '8px' }}>
                    {i === 0 ? 'row ∇F₁' : 'row ∇F₂'}
                  </th>
                  {row.map((v, j) => (
                    <td
                      key={j}
                      data-testid="jacobian-cell"
                      data-row={i}
                      data-col={j}
                      data-value={String(v)}
                      style={{ minWidth: '4em', padding: '2px 6px' }}
                      title={`∂F${i === 0 ? '₁' : '₂'}/∂${j === 0 ? 'x' : 'y'} = ${model.F.symbolic[i]![j]}`}
                    >
                      {panelNumber(v, 6)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl>
          <ValueLine
            format={panelNumber}
            label="det J"
            value={model.det}
            testId="jacobian-det"
            digits={6}
          />
          <ValueLine
            format={panelNumber}
            label="F(point)"
            value={model.value[0]}
            testId="jacobian-image-x"
            digits={6}
          >
            ,{' '}
            <span data-testid="jacobian-image-y" data-value={String(model.value[1])}>
              {panelNumber(model.value[1], 6)}
            </span>
          </ValueLine>
        </dl>
      </section>
      <section className="panel-section readout" data-testid="jacobian-square">
        <h2>The small square at the playhead</h2>
        <dl>
          <ValueLine
            format={panelNumber}
            label="side s"
            value={side}
            testId="jacobian-side"
            digits={4}
          />
          <ValueLine
            format={panelNumber}
            label="area s²"
            value={sq.squareArea}
            testId="jacobian-square-area"
          />
          <ValueLine
            format={panelNumber}
            label="area F(square)"
            value={sq.imageArea}
            testId="jacobian-image-area"
            title="Shoelace area of the sampled true image (signed: negative when F flips it)"
          />
          <ValueLine
            format={panelNumber}
            label="area ratio"
            value={sq.ratio}
            testId="jacobian-area-ratio"
            digits={6}
            title="area(F(square)) ÷ area(square): tends to det J as the square shrinks"
          >
            <span className="subtle"> → det J = {panelNumber(model.det, 6)}</span>
          </ValueLine>
        </dl>
      </section>
    </>
  );
}
