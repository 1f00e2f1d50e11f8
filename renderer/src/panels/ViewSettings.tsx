/**
 * Theme, mesh resolution, number of contour levels and the colour scale of surfaces (the
 * scene's), and the render quality while interacting (the window's preference).
 */
import { useId } from 'react';
import type { ColorScale } from '../../../shared/scene/document.ts';
import { isFigureKind } from '../../../shared/scene/figure.ts';
import type { InteractionQuality } from '../store/types.ts';
import { actions, useApp } from '../store/hooks.ts';
import { currentInfo } from '../store/problemInfo.ts';
import { VIEW_KINDS } from '../view/registry.ts';
import { colorMappingOf } from '../view/surface/colorScale.ts';
import { NumberField } from './NumberField.tsx';

/** Mesh resolutions offered (the CPU-rendered test machine is comfortable up to ~128). */
const RESOLUTIONS = [48, 64, 96, 128, 192, 256];

export function ViewSettings() {
  const id = useId();
  const theme = useApp((s) => s.scene.view.theme);
  const resolution = useApp((s) => s.scene.view.resolution);
  const levels = useApp((s) => s.scene.view.contourLevels);
  const colorScale = useApp((s) => s.scene.view.colorScale);
  // What `auto` chose for the current surface, shown in its option.
  const resolved = useApp(
    (s) => colorMappingOf(s.surface, 'auto', currentInfo(s)?.colorScale ?? null)?.scale ?? null,
  );
  const coloured = useApp((s) => VIEW_KINDS[s.scene.kind].overlays.includes('colorBar'));
  const quality = useApp((s) => s.interactionQuality);
  // A flat figure has no mesh, contours or colour scale: only the theme applies.
  const figure = useApp((s) => isFigureKind(s.scene.kind));
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
        {!figure && (
          <>
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
          </>
        )}
      </div>
      {!figure && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-scale`}>Colour scale</label>
            <select
              id={`${id}-scale`}
              data-testid="colour-scale"
              value={colorScale}
              disabled={!coloured}
              title={
                coloured
                  ? 'How heights map to colours (and where the contour lines fall)'
                  : 'Only surfaces are coloured by height'
              }
              onChange={(e) => actions().setView({ colorScale: e.target.value as ColorScale })}
            >
              <option value="auto">{resolved && coloured ? `Auto (${resolved})` : 'Auto'}</option>
              <option value="linear">Linear</option>
              <option value="log">Log</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-quality`}>Render quality while interacting</label>
            <select
              id={`${id}-quality`}
              data-testid="quality-setting"
              value={quality}
              title="Auto keeps a drag live when frames are slow: it reuses the unchanged surface, then draws fewer pixels and simpler shapes, and full quality again on release. Still pictures and exports are always full quality."
              onChange={(e) =>
                actions().setInteractionQuality(e.target.value as InteractionQuality)
              }
            >
              <option value="auto">Auto</option>
              <option value="full">Always full</option>
            </select>
          </div>
        </div>
      )}
    </section>
  );
}
