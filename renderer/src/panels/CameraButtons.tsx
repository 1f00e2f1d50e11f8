/** Camera presets and reset, over the bottom-right corner of the view. */
import type { CameraPreset } from '../../../shared/scene/document.ts';
import { actions, useApp } from '../store/hooks.ts';

const PRESETS: { preset: CameraPreset; label: string; title: string }[] = [
  { preset: 'three-quarter', label: '3/4', title: 'Three-quarter view' },
  { preset: 'top', label: 'Top', title: 'Top-down contour view' },
  { preset: 'front', label: 'Front', title: 'Front view (x across)' },
  { preset: 'side', label: 'Side', title: 'Side view (y across)' },
];

export function CameraButtons() {
  const current = useApp((s) => s.scene.camera.preset);
  const dim = useApp((s) => s.frame?.dim ?? 2);
  return (
    <div className="camera-buttons" role="group" aria-label="Camera">
      {dim === 2 &&
        PRESETS.map((p) => (
          <button
            key={p.preset}
            type="button"
            title={p.title}
            className={current === p.preset ? 'active' : ''}
            aria-pressed={current === p.preset}
            data-testid={`camera-${p.preset}`}
            onClick={() => actions().setCameraPreset(p.preset)}
          >
            {p.label}
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
