/** Every visible run's path, ball and trail. */
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/hooks.ts';
import { RunPath } from './RunPath.tsx';

export function Runs() {
  // Only ids: this list changes when runs are added, removed, shown or hidden — not on every
  // hyperparameter tweak, which reaches the paths through the store subscription instead.
  const ids = useApp(useShallow((s) => s.scene.runs.filter((r) => r.visible).map((r) => r.id)));
  return (
    <group>
      {ids.map((id) => (
        <RunPath key={id} runId={id} />
      ))}
    </group>
  );
}
