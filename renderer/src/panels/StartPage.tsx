/**
 * The start page: the chapter's figures by section, each with a sketch, plus "Blank scene" and
 * "Open file…" (and "Continue" with the scene the app restored). It opens when the app starts
 * unless the user turned it off (see startPageAtLaunch in store/persistence.ts), and from the
 * top bar's Start button at any time. It lies over the app as a modal page; anything that puts
 * another scene in place (a preset, a file, a link, a new scene) closes it.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { PRESETS } from '../../../shared/scene/presets.ts';
import type { Preset } from '../../../shared/scene/presets.ts';
import { platform } from '../platform/platform.ts';
import { SceneFileInput } from './SceneFileInput.tsx';
import { actions, appStore, useApp } from '../store/hooks.ts';
import { VIEW_KINDS } from '../view/registry.ts';
import { Icon } from './Icon.tsx';
import { presetThumbnail } from './startThumbnails.ts';
import './StartPage.css';

/** Thumbnail size in CSS pixels (16:10, like most slides' figures). */
const THUMB_W = 176;
const THUMB_H = 110;

/** Sections in chapter order, each with its presets. */
const SECTIONS: readonly { section: string; presets: Preset[] }[] = [
  ...new Set(PRESETS.map((p) => p.section)),
].map((section) => ({ section, presets: PRESETS.filter((p) => p.section === section) }));

/** The top bar's button that opens the start page. */
export function StartPageButton() {
  return (
    <button
      type="button"
      className="icon-button start-page-button"
      data-testid="start-page-button"
      title="Start page: the chapter's figures"
      aria-label="Start page"
      onClick={() => actions().setStartPage(true)}
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path
          d="M8 2 1.5 7.5h2V14h3.5v-4h2v4h3.5V7.5h2z"
          fill="none"
          stroke="currentColor"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}

/** One figure: its sketch (drawn after the page shows, one per task), title and kind. */
function PresetCard({ preset, theme }: { preset: Preset; theme: 'light' | 'dark' }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    const width = Math.round(THUMB_W * ratio);
    const height = Math.round(THUMB_H * ratio);
    // Each sketch in a task of its own, so the page is interactive at once.
    const timer = setTimeout(() => {
      const sketch = presetThumbnail(preset.id, preset.scene, theme, width, height);
      const ctx = element.getContext('2d');
      if (!sketch || !ctx) return;
      element.width = width;
      element.height = height;
      ctx.drawImage(sketch, 0, 0);
      element.dataset.drawn = 'true';
    }, 0);
    return () => clearTimeout(timer);
  }, [preset, theme]);
  return (
    <li>
      <button
        type="button"
        className="start-card"
        data-testid={`start-preset-${preset.id}`}
        title={preset.caption}
        onClick={() => {
          actions().setStartPage(false);
          void platform.openPreset(preset.id);
        }}
      >
        <canvas ref={canvas} className="start-thumb" aria-hidden="true" />
        <strong>{preset.title}</strong>
        <span className="start-kind">{VIEW_KINDS[preset.scene.kind].label}</span>
      </button>
    </li>
  );
}

/** Keeps Tab inside the page (it is modal) and plain keys away from the app's shortcuts. */
function onPageKey(e: ReactKeyboardEvent<HTMLDivElement>): void {
  if (e.key === 'Escape') {
    e.stopPropagation();
    actions().setStartPage(false);
    return;
  }
  if (e.key === 'Tab') {
    const focusable = [
      ...e.currentTarget.querySelectorAll<HTMLElement>('button, input, [href]'),
    ].filter((el) => !(el as HTMLButtonElement).disabled);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first && last) {
      if (
        e.shiftKey &&
        (document.activeElement === first || document.activeElement === e.currentTarget)
      ) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }
  // Space, the arrows, Home/End, R and ? drive the scene behind the page: not while it is open.
  // Ctrl/⌘ shortcuts (Open, New, …) still reach the app.
  if (!e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation();
}

export function StartPage() {
  const titleId = useId();
  const theme = useApp((s) => s.scene.view.theme);
  const showAtStart = useApp((s) => s.showStartPage);
  const sceneTitle = useApp((s) => s.scene.title);
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Focus into the page; back to where it was when it closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    root.current?.querySelector<HTMLElement>('.start-actions button')?.focus();
    return () => previous?.focus?.();
  }, []);

  // Another scene put in place (a file, a link, the desktop menu, undo) closes the page.
  useEffect(
    () =>
      appStore.subscribe(
        (s) => s.revision,
        () => actions().setStartPage(false),
      ),
    [],
  );

  return (
    <div
      className="start-page"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid="start-page"
      ref={root}
      tabIndex={-1}
      onKeyDown={onPageKey}
    >
      <div className="start-sheet">
        <header className="start-header">
          <div>
            <h1 id={titleId}>
              <span className="logo" aria-hidden="true">
                ∇
              </span>
              Descent Studio
            </h1>
            <p>
              The figures of the chapter <cite>Calculus for ML</cite>, ready to present: open one,
              then drag η, play the steps and export the animation for a slide.
            </p>
          </div>
          <button
            type="button"
            className="icon start-close"
            aria-label="Close the start page"
            title="Close (Esc)"
            data-testid="start-close"
            onClick={() => actions().setStartPage(false)}
          >
            <Icon name="close" size={16} />
          </button>
        </header>

        <div className="start-actions">
          <button
            type="button"
            data-testid="start-blank"
            onClick={() => {
              actions().setStartPage(false);
              void platform.newScene();
            }}
          >
            Blank scene
          </button>
          <button
            type="button"
            data-testid="start-open"
            onClick={() => {
              // The browser's file chooser opens only inside the click; the app's is native.
              if (platform.isDesktop) void platform.open();
              else fileInput.current?.click();
            }}
          >
            Open file…
          </button>
          <SceneFileInput ref={fileInput} testId="start-open-file" />
          <button
            type="button"
            data-testid="start-lesson"
            title="The chapter §1 to §9 as a lesson: one slide per figure, with notes; ▶ Present (F5) to teach it"
            onClick={() => actions().openLesson(calculusLesson())}
          >
            Lesson “Calculus for ML”
          </button>
          <button
            type="button"
            data-testid="start-continue"
            title="Close this page and go on with the scene that is open"
            onClick={() => actions().setStartPage(false)}
          >
            Continue with “{sceneTitle || 'Untitled scene'}”
          </button>
        </div>

        <div className="start-sections">
          {SECTIONS.map(({ section, presets }) => (
            <section key={section} className="start-section" aria-label={section}>
              <h2>{section}</h2>
              <ul className="start-grid">
                {presets.map((preset) => (
                  <PresetCard key={preset.id} preset={preset} theme={theme} />
                ))}
              </ul>
            </section>
          ))}
        </div>

        <footer className="start-footer">
          <label className="check">
            <input
              type="checkbox"
              data-testid="start-show-at-start"
              checked={showAtStart}
              onChange={(e) => actions().setShowStartPage(e.target.checked)}
            />
            Show this page at start
          </label>
          <span className="hint">It is always one click away: the ⌂ button in the top bar.</span>
        </footer>
      </div>
    </div>
  );
}
