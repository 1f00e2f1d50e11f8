/**
 * Imported paths on a landscape: a training trajectory projected onto the landscape's plane by
 * the research code (loss-landscape's proj_xcoord/proj_ycoord file, an (n, 2) .npy, or a CSV of
 * x, y), drawn beside the runs. Shown for imported landscapes, and whenever a scene has paths.
 */
import { useId, useRef } from 'react';
import { platform } from '../platform/platform.ts';
import { actions, useApp } from '../store/hooks.ts';
import { Icon } from './Icon.tsx';

const TRAJECTORY_ACCEPT = '.h5,.hdf5,.npy,.csv,.tsv';

export function PathsPanel() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const paths = useApp((s) => s.scene.paths);
  const shown = useApp((s) => s.scene.problem.kind === 'grid' && s.scene.kind === 'surface');
  if (!shown && (paths?.length ?? 0) === 0) return null;
  return (
    <div className="paths-panel" data-testid="paths-panel">
      <p className="hint" id={`${id}-hint`}>
        Training paths projected onto this plane (loss-landscape&rsquo;s proj_xcoord/proj_ycoord
        file, an (n, 2) .npy, or a CSV of x, y).
      </p>
      {paths && paths.length > 0 && (
        <ul className="path-list" aria-label="Imported paths">
          {paths.map((p) => (
            <li
              key={p.id}
              className={`path-item${p.visible ? '' : ' hidden-run'}`}
              data-testid="path-item"
              data-path-id={p.id}
              data-points={p.points.length}
            >
              <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
              <span className="path-name" title={p.name}>
                {p.name}
                <span className="subtle"> · {p.points.length} points</span>
              </span>
              <button
                type="button"
                className="icon"
                aria-pressed={!p.visible}
                title={p.visible ? 'Hide' : 'Show'}
                aria-label={p.visible ? `Hide ${p.name}` : `Show ${p.name}`}
                onClick={() => actions().setPathVisible(p.id, !p.visible)}
              >
                <Icon name={p.visible ? 'eye' : 'eyeOff'} />
              </button>
              <button
                type="button"
                className="icon"
                title="Remove"
                aria-label={`Remove ${p.name}`}
                data-testid="path-remove"
                onClick={() => actions().removePath(p.id)}
              >
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        data-testid="path-add-button"
        aria-describedby={`${id}-hint`}
        onClick={() => input.current?.click()}
      >
        Add a training path…
      </button>
      <input
        ref={input}
        type="file"
        accept={TRAJECTORY_ACCEPT}
        data-testid="path-file-input"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void platform.openTrajectory(file);
        }}
      />
    </div>
  );
}
