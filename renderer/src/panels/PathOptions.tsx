/**
 * How paths are drawn: revealed as they play (nothing ahead of the ball, for step-by-step
 * slides; exports can ask for it too), and the direction d̂ of the directional derivative when
 * that overlay is on.
 */
import { actions, useApp } from '../store/hooks.ts';
import { DirectionField } from './DirectionField.tsx';

export function PathOptions() {
  const reveal = useApp((s) => s.scene.view.reveal);
  return (
    <section className="panel-section" aria-label="Paths">
      <h2>Paths</h2>
      <label
        className="check"
        title="Draw nothing of a path ahead of its ball, so each step appears as it is taken"
      >
        <input
          type="checkbox"
          checked={reveal}
          data-testid="reveal-toggle"
          onChange={(e) => actions().setView({ reveal: e.target.checked })}
        />
        Reveal as it plays
      </label>
      <DirectionField />
    </section>
  );
}
