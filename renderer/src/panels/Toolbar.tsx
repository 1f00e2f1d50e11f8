/**
 * The top bar: scene documents (new, open, save, share), undo/redo, presets, export, theme and
 * the shortcuts sheet.
 */
import { useRef } from 'react';
import { parseSceneText, SCENE_EXTENSION, serializeScene } from '../../../shared/scene.ts';
import { copyText, downloadText, fileNameFor } from '../lib/clipboard.ts';
import { shareUrl } from '../lib/shareLink.ts';
import { actions, useApp } from '../store/hooks.ts';

export function Toolbar() {
  const canUndo = useApp((s) => s.history.past.length > 0);
  const canRedo = useApp((s) => s.history.future.length > 0);
  const title = useApp((s) => s.scene.title);
  const theme = useApp((s) => s.scene.view.theme);
  const fileInput = useRef<HTMLInputElement>(null);

  const open = async (file: File): Promise<void> => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      actions().notify('error', `Could not read ${file.name}.`);
      return;
    }
    const parse = parseSceneText(text);
    if (!parse.ok) {
      actions().notify('error', `${file.name} was not opened. ${parse.message}`);
      return;
    }
    actions().openScene(parse.scene);
    actions().notify('info', `Opened ${file.name}.`);
  };

  const save = (): void => {
    const { scene } = actions();
    downloadText(fileNameFor(scene.title, SCENE_EXTENSION), serializeScene(scene));
  };

  const share = async (): Promise<void> => {
    const url = shareUrl(window.location.href, actions().scene);
    const ok = await copyText(url);
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
          onClick={() => actions().newScene()}
          title="New scene"
        >
          New
        </button>
        <button
          type="button"
          data-testid="open-scene"
          onClick={() => fileInput.current?.click()}
          title="Open a .descent.json file"
        >
          Open…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".descent.json,.json,application/json"
          data-testid="open-file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void open(file);
          }}
        />
        <button
          type="button"
          data-testid="save-scene"
          onClick={save}
          title="Download the scene as a .descent.json file"
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
          Share link
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
          data-testid="export-button"
          onClick={() => actions().openDialog('export')}
          title="Export video or images"
        >
          Export
        </button>
        <button
          type="button"
          data-testid="theme-toggle"
          onClick={() => actions().setView({ theme: theme === 'light' ? 'dark' : 'light' })}
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
