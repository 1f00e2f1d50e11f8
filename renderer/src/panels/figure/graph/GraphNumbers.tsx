/**
 * The graph figure's right panel: f and its gradient, then every node (value, gradient) and
 * every edge (local derivative, what flows back), each filled in once the playhead has passed
 * the step that computes it, as the picture does. Full-precision numbers are in `data-*`
 * attributes for tests; the text shows them rounded.
 */
import { useSyncExternalStore } from 'react';
import { appStore, useApp } from '../../../store/hooks.ts';
import { graphModel, short } from '../../../view/figure/graph/model.ts';
import type { GraphModel } from '../../../view/figure/graph/model.ts';
import './graph.css';

/** Steps done at the playhead; re-renders only when it crosses a step, not every frame. */
function useStepsDone(model: GraphModel | null): number {
  const { playhead } = appStore.getState().runtime;
  const count = model?.evaluation.steps.length ?? 0;
  return useSyncExternalStore(
    (notify) => playhead.subscribe(notify),
    () => Math.max(0, Math.min(count, Math.floor(playhead.position + 1e-9))),
  );
}

/** A number once known: full precision in `data-*`, four digits shown; empty before. */
const full = (known: boolean, v: number): string => (known ? String(v) : '');
const shown = (known: boolean, v: number): string => (known ? short(v) : '…');

export function GraphNumbers() {
  const source = useApp((s) => s.scene.figure.f);
  const at = useApp((s) => s.scene.figure.at);
  const result = graphModel(source, at);
  const model = 'error' in result ? null : result;
  const done = useStepsDone(model);
  if (!model) {
    return (
      <section className="panel-section graph-numbers" data-testid="graph-numbers">
        <h2>Computation graph</h2>
        <p className="hint">{'error' in result ? result.error : ''}</p>
      </section>
    );
  }
  const { graph, evaluation: ev } = model;
  const steps = ev.steps.length;
  const phase = done < model.forward ? 'forward pass' : done < steps ? 'backward pass' : 'done';
  const outputIndex = model.nodeIndex.get(graph.output)!;
  const outputKnown = model.valueStep[outputIndex]! < done;
  return (
    <section className="panel-section graph-numbers" data-testid="graph-numbers" data-step={done}>
      <h2>
        Step {done}{' '}
        <span className="subtle">
          of {steps} · {phase}
        </span>
      </h2>
      <dl className="graph-result">
        <div className="readout-line">
          <dt>f</dt>
          <dd data-testid="graph-output" data-value={full(outputKnown, ev.output)}>
            {shown(outputKnown, ev.output)}
          </dd>
        </div>
        {graph.variables.map((v, i) => {
          const leaf = graph.nodes.findIndex((n) => n.op === 'var' && n.variable === i);
          const known = leaf >= 0 && model.gradStep[leaf]! < done;
          return (
            <div className="readout-line" key={v}>
              <dt>∂f/∂{v}</dt>
              <dd
                className="graph-grad"
                data-testid="graph-gradient"
                data-variable={v}
                data-value={full(known, ev.gradient[i]!)}
              >
                {shown(known, ev.gradient[i]!)}
              </dd>
            </div>
          );
        })}
      </dl>
      <h3 className="graph-table-title">Nodes</h3>
      <table className="graph-table">
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">value</th>
            <th scope="col">∂f/∂node</th>
          </tr>
        </thead>
        <tbody>
          {graph.nodes.map((node, i) => {
            const texts = model.nodeTexts[i]!;
            const valueKnown = model.valueStep[i]! < done;
            const gradKnown = model.gradStep[i]! < done;
            const current =
              done < steps && (model.valueStep[i] === done || model.gradStep[i] === done);
            return (
              <tr
                key={node.id}
                data-testid="graph-node"
                data-id={node.id}
                data-label={node.label}
                data-value={full(valueKnown, ev.values[i]!)}
                data-grad={full(gradKnown, ev.adjoints[i]!)}
                className={current ? 'current' : undefined}
              >
                <th scope="row" title={texts.name}>
                  <span className="graph-label">{texts.label}</span>
                  {texts.name !== texts.label && <span className="subtle"> {texts.name}</span>}
                </th>
                <td>{shown(valueKnown, ev.values[i]!)}</td>
                <td className="graph-grad">
                  {shown(gradKnown, ev.adjoints[i]!)}
                  {gradKnown && texts.sum && <span className="subtle"> {texts.sum}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="graph-table-title">Edges</h3>
      <table className="graph-table">
        <thead>
          <tr>
            <th scope="col">operand → op</th>
            <th scope="col">local</th>
            <th scope="col">back</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.map((edge, k) => {
            const from = model.nodeTexts[model.nodeIndex.get(edge.from)!]!;
            const to = model.nodeTexts[model.nodeIndex.get(edge.to)!]!;
            const known = model.edgeStep[k]! < done;
            return (
              <tr
                key={edge.id}
                data-testid="graph-edge"
                data-id={edge.id}
                data-from={edge.from}
                data-to={edge.to}
                data-local={full(known, ev.local[k]!)}
                data-contribution={full(known, ev.contributions[k]!)}
                className={model.edgeStep[k] === done ? 'current' : undefined}
              >
                <th scope="row" title={`${from.name} → ${to.name}`}>
                  {from.label} → {to.label}
                </th>
                <td>{shown(known, ev.local[k]!)}</td>
                <td className="graph-grad">{shown(known, ev.contributions[k]!)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
