/** The viewing box: x (and, for f of two variables, y) minimum and maximum. */
import { useShallow } from 'zustand/react/shallow';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

const LIMIT = { min: -1e6, max: 1e6 };

export function DomainFields() {
  const [x0, x1, y0, y1] = useApp(
    useShallow((s) => [
      s.scene.domain.x[0],
      s.scene.domain.x[1],
      s.scene.domain.y[0],
      s.scene.domain.y[1],
    ]),
  );
  const dim = useApp((s) => s.info?.dim ?? 2);
  const set = (axis: 'x' | 'y', end: 0 | 1, value: number): void => {
    const domain = { x: [x0, x1] as [number, number], y: [y0, y1] as [number, number] };
    domain[axis][end] = value;
    actions().setDomain(domain);
  };
  const below = (other: number) => (v: number) =>
    v < other ? null : `Must be below the maximum (${other}).`;
  const above = (other: number) => (v: number) =>
    v > other ? null : `Must be above the minimum (${other}).`;
  return (
    <fieldset className="domain-fields">
      <legend>Domain</legend>
      <div className="field-row">
        <NumberField
          label="x min"
          testId="domain-x-min"
          value={x0}
          rule={LIMIT}
          check={below(x1)}
          onCommit={(v) => set('x', 0, v)}
        />
        <NumberField
          label="x max"
          testId="domain-x-max"
          value={x1}
          rule={LIMIT}
          check={above(x0)}
          onCommit={(v) => set('x', 1, v)}
        />
      </div>
      {dim === 2 && (
        <div className="field-row">
          <NumberField
            label="y min"
            testId="domain-y-min"
            value={y0}
            rule={LIMIT}
            check={below(y1)}
            onCommit={(v) => set('y', 0, v)}
          />
          <NumberField
            label="y max"
            testId="domain-y-max"
            value={y1}
            rule={LIMIT}
            check={above(y0)}
            onCommit={(v) => set('y', 1, v)}
          />
        </div>
      )}
    </fieldset>
  );
}
