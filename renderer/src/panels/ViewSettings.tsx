/** Theme, mesh resolution and number of contour levels. */
import { useId } from 'react';
import { actions, useApp } from '../store/hooks.ts';
import { NumberField } from './NumberField.tsx';

/** Mesh resolutions offered (the CPU-rendered test machine is comfortable up to ~128). */
const RESOLUTIONS = [48, 64, 96, 128, 192, 256];

export function ViewSettings() {
  const id = useId();
  const theme = useApp((s) => s.scene.view.theme);
  const resolution = useApp((s) => s.scene.view.resolution);
  const levels = useApp((s) => s.scene.view.contourLevels);
  const options = RESOLUTIONS.includes(resolution)
    ? RESOLUTIONS
    : [...RESOLUTIONS, resolution].sort((a, b) => a - b);
  return (
    <section className="panel-section">
      <h2>View</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-theme`}>Theme</label>
          <select
            id={`${id}-theme`}
            data-testid="theme-select"
            value={theme}
            onChange={(e) => actions().setView({ theme: e.target.value as 'light' | 'dark' })}
          >
            <option value="light">Light (slides)</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-res`}>Mesh</label>
          <select
            id={`${id}-res`}
            value={resolution}
            onChange={(e) => actions().setView({ resolution: Number(e.target.value) })}
          >
            {options.map((r) => (
              <option key={r} value={r}>
                {r}×{r}
              </option>
            ))}
          </select>
        </div>
        <NumberField
          label="Contours"
          value={levels}
          format={String}
          rule={{ min: 0, max: 100, integer: true }}
          onCommit={(v) => actions().setView({ contourLevels: v })}
        />
      </div>
    </section>
  );
}
