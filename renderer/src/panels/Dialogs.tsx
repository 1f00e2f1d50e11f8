/**
 * The app's modal dialogs: presets, keyboard shortcuts, export, lesson export and (desktop) share
 * link.
 */
import { lazy, Suspense, useCallback } from 'react';
import { PRESETS } from '../../../shared/scene/presets.ts';
import { menuShortcutRows } from '../platform/keys.ts';
import { platform } from '../platform/platform.ts';
import { actions, useApp } from '../store/hooks.ts';
import { VIEW_KINDS } from '../view/registry.ts';
import { Dialog } from './Dialog.tsx';
import { ShareDialog } from './ShareDialog.tsx';

// Loaded when first opened: the editor's first view does not wait for the export dialog.
const ExportDialog = lazy(() =>
  import('./ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })),
);
const LessonExportDialog = lazy(() =>
  import('./LessonExportDialog.tsx').then((m) => ({ default: m.LessonExportDialog })),
);

/** Keys the page handles itself, then the menu's (labelled for this OS: ⌘ on macOS). */
const SHORTCUTS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['← / →', 'Step back / forward'],
  ['Home / End', 'First / last step'],
  ['↑ / ↓ on the η slider', 'η to the next readable value (0.1 → 0.12 → 0.15 …)'],
  ['Page Up / Down on the η slider', 'η × 10 / ÷ 10'],
  ['R', 'Reset the camera'],
  ['Shift + click surface', 'Move the selected run’s start'],
  ['Alt + click surface', 'Move the Taylor probe'],
  ['?', 'This sheet'],
  ['Esc', 'Close a dialog, cancel typing'],
  ...menuShortcutRows(platform.os, platform.isDesktop),
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
                // In the app a preset is a new document (asks about unsaved changes first).
                void platform.openPreset(p.id);
                onDone();
              }}
            >
              <strong>
                {p.title}
                <em className="preset-kind">{VIEW_KINDS[p.scene.kind].label}</em>
              </strong>
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
  if (dialog === 'share') return <ShareDialog onClose={close} />;
  if (dialog === 'export') {
    return (
      <Suspense fallback={null}>
        <ExportDialog onClose={close} />
      </Suspense>
    );
  }
  if (dialog === 'lessonExport') {
    return (
      <Suspense fallback={null}>
        <LessonExportDialog onClose={close} />
      </Suspense>
    );
  }
  return null;
}
