/**
 * The graph figure's left panel: the expression (one or two variables), the value of each
 * variable, and two buttons that move the playhead to the end of the forward pass or of the
 * backward pass. A refused expression shows the store's sentence under the field and changes
 * nothing; typing a valid one redraws at once (one undo step per typing burst).
 */
import { useId, useMemo, useRef } from 'react';
import { compileExpression } from '../../../../../shared/expr/index.ts';
import { figureTimelineEnd, MAX_FIGURE_COORDINATE } from '../../../../../shared/scene/figure.ts';
import { actions, appStore, useApp } from '../../../store/hooks.ts';
import { graphModel } from '../../../view/figure/graph/model.ts';
import { FigureExpressionField, figureProblem } from '../kit.tsx';
import { NumberField } from '../../NumberField.tsx';
import './graph.css';

/** The variables of `source` in the compiler's order, or null when it does not compile. */
function variablesOf(source: string): readonly string[] | null {
  try {
    return compileExpression(source).variables;
  } catch {
    return null;
  }
}

/** `at` with one value per variable: the values kept, new ones 1. */
function resized(at: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => at[i] ?? 1);
}

/** The scene's point with variable `i` set to `value`. */
function withValue(i: number, value: number, count: number): number[] {
  const next = resized(appStore.getState().scene.figure.at, count);
  next[i] = value;
  return next;
}

/** Whether the playhead sits at the end of the timeline (both passes shown). */
function atEnd(): boolean {
  const { scene, runtime } = appStore.getState();
  return runtime.playhead.position >= figureTimelineEnd('graph', scene.figure) - 1e-9;
}

/** The expression; a new variable count resizes the point in the same change. */
function ExpressionInput() {
  // Both passes were on show before the change: keep them so for the new graph.
  const wasAtEnd = useRef(false);
  return (
    <FigureExpressionField
      label="f ="
      placeholder="(3x + 1)^2"
      empty="Type an expression in one or two variables, e.g. (3x + 1)^2."
      testId="graph"
      patch={(text) => {
        const { figure } = appStore.getState().scene;
        wasAtEnd.current = atEnd();
        const variables = variablesOf(text);
        return variables && variables.length !== figure.at.length
          ? { f: text, at: resized(figure.at, variables.length) }
          : { f: text };
      }}
      committed={() => {
        if (wasAtEnd.current) {
          actions().seek(figureTimelineEnd('graph', appStore.getState().scene.figure));
        }
      }}
    />
  );
}

export function GraphControls() {
  const id = useId();
  const source = useApp((s) => s.scene.figure.f);
  const at = useApp((s) => s.scene.figure.at);
  const variables = useMemo(() => variablesOf(source) ?? [], [source]);
  const model = graphModel(source, at);
  const forwardEnd = 'error' in model ? 0 : model.forward;
  const end = 'error' in model ? 0 : model.evaluation.steps.length;
  return (
    <section className="panel-section graph-controls" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Computation graph</h2>
      <ExpressionInput />
      <div className="field-row">
        {variables.map((name, i) => (
          <NumberField
            key={name}
            label={`${name} =`}
            value={at[i] ?? 1}
            testId={`graph-at-${name}`}
            rule={{ min: -MAX_FIGURE_COORDINATE, max: MAX_FIGURE_COORDINATE }}
            check={(v) => figureProblem({ at: withValue(i, v, variables.length) })}
            onCommit={(v) => actions().setFigure({ at: withValue(i, v, variables.length) })}
          />
        ))}
      </div>
      <div className="graph-passes">
        <button
          type="button"
          data-testid="graph-forward"
          title="Move the playhead to the end of the forward pass: every value known, no gradient yet"
          disabled={end === 0}
          onClick={() => actions().seek(forwardEnd)}
        >
          Forward pass
        </button>
        <button
          type="button"
          data-testid="graph-backward"
          title="Move the playhead to the end of the backward pass: every gradient final"
          disabled={end === 0}
          onClick={() => actions().seek(end)}
        >
          Backward pass
        </button>
      </div>
      <p className="hint">
        Play to watch values flow forward, then gradients flow back: each edge multiplies by its
        local derivative, and where a value fans out the gradients add.
      </p>
    </section>
  );
}
