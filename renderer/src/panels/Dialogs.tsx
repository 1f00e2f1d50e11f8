/** The app's modal dialogs: presets, keyboard shortcuts, and the export placeholder. */
import { useCallback } from 'react';
import { PRESETS, presetScene } from '../../../shared/presets.ts';
import { actions, useApp } from '../store/hooks.ts';
import { Dialog } from './Dialog.tsx';

const SHORTCUTS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['← / →', 'Step back / forward'],
  ['Home / End', 'First / last step'],
  ['R', 'Reset the camera'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl + Y', 'Redo'],
  ['Shift + click surface', 'Move the selected run’s start'],
  ['Alt + click surface', 'Move the Taylor probe'],
  ['?', 'This sheet'],
  ['Esc', 'Close a dialog, cancel typing'],
];

function PresetList({ onDone }: { onDone: () => void }) {
  const sections = [...new Set(PRESETS.map((p) => p.section))];
  return (
    <div className="preset-list" data-testid="preset-list">
      {sections.map((section) => (
        <div key={section} className="preset-section">
          <h3>{section}</h3>
          {PRESETS.filter((p) => p.section === section).map((p) => (
            <button
              key={p.id}
              type="button"
              className="preset-item"
              data-testid={`preset-${p.id}`}
              onClick={() => {
                const scene = presetScene(p.id);
                if (scene) actions().openScene(scene);
                onDone();
              }}
            >
              <strong>{p.title}</strong>
              <span>{p.caption}</span>
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}

export function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  const close = useCallback(() => actions().openDialog(null), []);
  if (dialog === 'presets') {
    return (
      <Dialog title="Chapter presets" onClose={close} testId="presets-dialog">
        <PresetList onDone={close} />
      </Dialog>
    );
  }
  if (dialog === 'shortcuts') {
    return (
      <Dialog title="Keyboard shortcuts" onClose={close} testId="shortcuts-dialog">
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Dialog>
    );
  }
  if (dialog === 'export') {
    return (
      <Dialog title="Export" onClose={close} testId="export-dialog">
        <p>
          Export arrives with the recording feature: frame-exact MP4 (H.264), WebM (VP9, with
          alpha), GIF and PNG at any resolution, from the app or the command line.
        </p>
        <p className="hint">
          Until then, Save keeps the whole scene (runs, camera, timeline) in a .descent.json file.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            OK
          </button>
        </div>
      </Dialog>
    );
  }
  return null;
}
