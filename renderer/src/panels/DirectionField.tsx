/**
 * The angle of d̂, the direction of the directional derivative (degrees counter-clockwise from
 * +x), typed exactly; the view's arrow head turns it by dragging. Only for surfaces with the
 * directional-derivative overlay on.
 */
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

/** Angles as people type them: up to two decimals, no trailing zeros. */
const degrees = (value: number): string => String(Number(value.toFixed(2)));

export function DirectionField() {
  const shown = useApp((s) => s.scene.overlays.directional && s.scene.kind === 'surface');
  const direction = useApp((s) => s.scene.direction);
  if (!shown) return null;
  return (
    <NumberField
      label="Direction d̂ (degrees from +x)"
      value={direction}
      format={degrees}
      testId="direction-angle"
      title="The directional derivative ∇f·d̂ is taken along this direction; drag the arrow's head in the view to turn it"
      rule={{ min: -3600, max: 3600 }}
      onCommit={(value) => actions().setDirection(value)}
    />
  );
}
