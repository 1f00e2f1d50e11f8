/** The viewing box: x (and, for f of two variables, y) minimum and maximum. */
import { useShallow } from 'zustand/react/shallow';
import { checkDomain, MAX_DOMAIN_BOUND } from '../../../shared/scene/meaning.ts';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

const LIMIT = { min: -MAX_DOMAIN_BOUND, max: MAX_DOMAIN_BOUND };

/** The range an edit would give, checked as any opened scene's domain is (null when fine). */
function rangeProblem(axis: 'x' | 'y', range: [number, number]): string | null {
  const other: [number, number] = [-1, 1];
  return checkDomain(axis === 'x' ? { x: range, y: other } : { x: other, y: range });
}

/** `axes`: which ranges to show; default: y only for a surface (a curve has none to show). */
export function DomainFields({ axes }: { axes?: 'x' | 'xy' } = {}) {
  const [x0, x1, y0, y1] = useApp(
    useShallow((s) => [
      s.scene.domain.x[0],
      s.scene.domain.x[1],
      s.scene.domain.y[0],
      s.scene.domain.y[1],
    ]),
  );
  const surface = useApp((s) => s.scene.kind === 'surface');
  const withY = axes === undefined ? surface : axes === 'xy';
  const set = (axis: 'x' | 'y', end: 0 | 1, value: number): void => {
    const domain = { x: [x0, x1] as [number, number], y: [y0, y1] as [number, number] };
    domain[axis][end] = value;
    actions().setDomain(domain);
  };
  return (
    <fieldset className="domain-fields">
      <legend>Domain</legend>
      <AxisRange axis="x" min={x0} max={x1} onSet={set} />
      {withY && <AxisRange axis="y" min={y0} max={y1} onSet={set} />}
    </fieldset>
  );
}

/** Minimum and maximum of one axis; each must stay on its side of the other. */
function AxisRange({
  axis,
  min,
  max,
  onSet,
}: {
  axis: 'x' | 'y';
  min: number;
  max: number;
  onSet: (axis: 'x' | 'y', end: 0 | 1, value: number) => void;
}) {
  return (
    <div className="field-row">
      <NumberField
        label={`${axis} min`}
        testId={`domain-${axis}-min`}
        value={min}
        rule={LIMIT}
        check={(v) =>
          v < max ? rangeProblem(axis, [v, max]) : `Must be below the maximum (${max}).`
        }
        onCommit={(v) => onSet(axis, 0, v)}
      />
      <NumberField
        label={`${axis} max`}
        testId={`domain-${axis}-max`}
        value={max}
        rule={LIMIT}
        check={(v) =>
          v > min ? rangeProblem(axis, [min, v]) : `Must be above the minimum (${min}).`
        }
        onCommit={(v) => onSet(axis, 1, v)}
      />
    </div>
  );
}
