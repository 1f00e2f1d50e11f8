/**
 * The top bar: scene documents (new, open, save, share), undo/redo, presets, export, theme and
 * the shortcuts sheet. Document commands go through the platform module (native dialogs in the
 * app; file input and downloads in the browser).
 */
import { useEffect, useRef } from 'react';
import { shareUrl } from '../platform/shareLink.ts';
import { platform } from '../platform/platform.ts';
import { SceneFileInput } from './SceneFileInput.tsx';
import { actions, useApp } from '../store/hooks.ts';

export function Toolbar() {
  const canUndo = useApp((s) => s.history.past.length > 0);
  const canRedo = useApp((s) => s.history.future.length > 0);
  const title = useApp((s) => s.scene.title);
  const theme = useApp((s) => s.scene.view.theme);
  const sorterOpen = useApp((s) => s.sorterOpen);
  const fileInput = useRef<HTMLInputElement>(null);

  // The browser's Open (button, Ctrl/⌘+O) picks the file with this input.
  useEffect(() => {
    platform.setFilePicker(() => fileInput.current?.click());
    return () => platform.setFilePicker(null);
  }, []);

  const share = async (): Promise<void> => {
    // The app's own app:// address opens nowhere else: the dialog links to the web build.
    if (platform.isDesktop) return actions().openDialog('share');
    const url = shareUrl(window.location.href, actions().scene);
    const ok = await platform.copyText(url);
    actions().notify(
      ok ? 'info' : 'error',
      ok ? 'Link copied: it opens this exact scene.' : `Copy this link: ${url}`,
    );
  };

  return (
    <header className="toolbar">
      <div className="brand" aria-label="Descent Studio">
        <span className="logo" aria-hidden="true">
          ∇
        </span>
        Descent Studio
      </div>
      <input
        className="title-input"
        aria-label="Scene title"
        key={title}
        defaultValue={title}
        maxLength={200}
        onBlur={(e) => {
          actions().setTitle(e.target.value);
          actions().commitGesture();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      <nav className="toolbar-buttons" aria-label="Scene">
        <button
          type="button"
          data-testid="new-scene"
          onClick={() => void platform.newScene()}
          title="New scene"
        >
          New
        </button>
        <button
          type="button"
          data-testid="open-scene"
          onClick={() => void platform.open()}
          title="Open a .descent.json file"
        >
          Open…
        </button>
        <SceneFileInput ref={fileInput} testId="open-file" />
        <button
          type="button"
          data-testid="save-scene"
          onClick={() => void platform.save()}
          title={
            platform.isDesktop ? 'Save the scene' : 'Download the scene as a .descent.json file'
          }
        >
          Save
        </button>
        <button
          type="button"
          data-testid="undo"
          disabled={!canUndo}
          onClick={() => actions().undo()}
          title="Undo (Ctrl/⌘+Z)"
        >
          ↶ Undo
        </button>
        <button
          type="button"
          data-testid="redo"
          disabled={!canRedo}
          onClick={() => actions().redo()}
          title="Redo (Ctrl/⌘+Shift+Z)"
        >
          ↷ Redo
        </button>
        <button
          type="button"
          data-testid="share-link"
          onClick={() => void share()}
          title="Copy a link that opens this scene"
        >
          {platform.isDesktop ? 'Share link…' : 'Share link'}
        </button>
        <span className="toolbar-sep" />
        <button
          type="button"
          data-testid="presets-button"
          onClick={() => actions().openDialog('presets')}
          title="Chapter presets"
        >
          Presets
        </button>
        <button
          type="button"
          data-testid="lesson-button"
          aria-pressed={sorterOpen}
          onClick={() => actions().setSorterOpen(!sorterOpen)}
          title="Lesson: the slide sorter"
        >
          Lesson
        </button>
        <button
          type="button"
          data-testid="present-button"
          onClick={() => actions().startPresenting()}
          title="Present full screen (F5): the lesson, or this scene"
        >
          ▶ Present
        </button>
        <button
          type="button"
          data-testid="export-button"
          onClick={() => actions().openDialog('export')}
          title="Export video or images"
        >
          Export
        </button>
        <button
          type="button"
          data-testid="theme-toggle"
          onClick={() => platform.setTheme(theme === 'light' ? 'dark' : 'light')}
          title="Light / dark theme"
          aria-label={theme === 'light' ? 'Dark theme' : 'Light theme'}
        >
          {theme === 'light' ? '☾' : '☀'}
        </button>
        <button
          type="button"
          data-testid="shortcuts-button"
          onClick={() => actions().openDialog('shortcuts')}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </nav>
    </header>
  );
}
