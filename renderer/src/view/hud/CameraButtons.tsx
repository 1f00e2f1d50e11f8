/** Camera presets and reset, over the bottom-right corner of the view. */
import type { CameraPreset } from '../../../../shared/scene/document.ts';
import { actions, useApp } from '../../store/hooks.ts';
import { VIEW_KINDS } from '../registry.ts';
// Placement and size of every overlay over the view (one grid, so none runs into another).
import './hudLayout.css';

const BUTTONS: Record<CameraPreset, { label: string; title: string }> = {
  'three-quarter': { label: '3/4', title: 'Three-quarter view' },
  top: { label: 'Top', title: 'Top-down contour view' },
  front: { label: 'Front', title: 'Front view (x across)' },
  side: { label: 'Side', title: 'Side view (y across)' },
};

export function CameraButtons() {
  const current = useApp((s) => s.scene.camera.preset);
  // The presets the scene's view kind offers (a curve has none: it is always seen straight on).
  const presets = useApp((s) => VIEW_KINDS[s.scene.kind].cameraPresets);
  return (
    <div className="camera-buttons" role="group" aria-label="Camera">
      {presets.map((preset) => (
        <button
          key={preset}
          type="button"
          title={BUTTONS[preset].title}
          className={current === preset ? 'active' : ''}
          aria-pressed={current === preset}
          data-testid={`camera-${preset}`}
          onClick={() => actions().setCameraPreset(preset)}
        >
          {BUTTONS[preset].label}
        </button>
      ))}
      <button
        type="button"
        title="Reset the camera (R)"
        data-testid="camera-reset"
        onClick={() => actions().resetCamera()}
      >
        Reset
      </button>
    </div>
  );
}
