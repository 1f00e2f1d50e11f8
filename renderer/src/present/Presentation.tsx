/**
 * Present mode: the slide's title in projector-sized type over the live view, nothing of the
 * editor. Clicker keys step through beats and slides (keys.ts); a minimal overlay, shown while
 * the pointer moves, keeps η and play/pause at hand; the view itself still orbits and its start
 * point still drags. Holding L shows a laser dot at the pointer. The presenter window follows
 * through channel.ts.
 *
 * `standalone` (the single-file HTML player): there is no editor to return to, so Esc only
 * leaves full screen.
 */
import { useEffect, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { isFigureKind } from '../../../shared/scene/figure.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import {
  formatParam,
  lrKeyStep,
  lrRangeAround,
  lrToSlider,
  sliderToLr,
} from '../panels/numbers.ts';
import { NoticeBar } from '../panels/NoticeBar.tsx';
import { SliderField } from '../panels/SliderField.tsx';
import { actions, appStore, useApp } from '../store/hooks.ts';
import { Viewport } from '../view/Viewport.tsx';
import { broadcastPresentation, openPresenterWindow } from './channel.ts';
import { presentKey } from './keys.ts';
import './present.css';

/** How long the overlay stays after the pointer last moved (ms). */
const OVERLAY_MS = 2500;

/** Enters or leaves full screen; resolves false where the browser refuses. */
async function setFullscreen(on: boolean): Promise<boolean> {
  try {
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen();
    if (!on && document.fullscreenElement) await document.exitFullscreen();
    return true;
  } catch {
    return false;
  }
}

export function Presentation({ standalone = false }: { standalone?: boolean }) {
  const presentation = useApp((s) => s.presentation);
  const playing = useApp((s) => s.playing);
  const [awake, setAwake] = useState(true);
  const [typed, setTyped] = useState('');
  const [laser, setLaser] = useState<{ x: number; y: number } | null>(null);
  const pointer = useRef({ x: 0, y: 0 });
  const laserHeld = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  // Set while this component itself leaves full screen, so that is not taken for Esc.
  const leaving = useRef(false);

  const wake = (): void => {
    setAwake(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setAwake(false), OVERLAY_MS);
  };

  const exit = (): void => {
    if (standalone) {
      void setFullscreen(false);
      return;
    }
    leaving.current = true;
    void setFullscreen(false).finally(() => (leaving.current = false));
    actions().stopPresenting();
  };
  const exitRef = useRef(exit);
  exitRef.current = exit;

  // Full screen where the browser allows it (a key press or click started present mode).
  useEffect(() => {
    void setFullscreen(true);
    wake();
    // Esc in full screen is taken by the browser, which only leaves full screen: that is the
    // presenter's Esc, so present mode ends with it.
    const onFullscreen = (): void => {
      if (!document.fullscreenElement && !leaving.current && !standalone) {
        actions().stopPresenting();
      }
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    const disconnect = broadcastPresentation(appStore, () => exitRef.current());
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreen);
      window.clearTimeout(timer.current);
      disconnect();
    };
    // Mount only: `standalone` does not change while presenting.
  }, []);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      // The focused η slider keeps its arrow keys; everything a clicker sends still navigates.
      if (target?.matches('input[type="range"]') && e.key.startsWith('Arrow')) return;
      if (e.key === 'l' || e.key === 'L') {
        e.preventDefault();
        laserHeld.current = true;
        setLaser({ ...pointer.current });
        return;
      }
      if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        leaving.current = Boolean(document.fullscreenElement);
        void setFullscreen(!document.fullscreenElement).finally(() => (leaving.current = false));
        return;
      }
      const s = actions();
      const action = presentKey(e.key, typed);
      if (!action) return;
      // A button focused by a click must not also be pressed by Space or Enter.
      e.preventDefault();
      if (action.kind !== 'digit') setTyped('');
      switch (action.kind) {
        case 'digit':
          setTyped(action.typed);
          break;
        case 'forward':
          s.presentForward();
          break;
        case 'back':
          s.presentBack();
          break;
        case 'goto':
          s.presentSlide(action.slide);
          break;
        case 'first':
          s.presentSlide(0);
          break;
        case 'last':
          s.presentSlide((s.presentation?.slides.length ?? 1) - 1);
          break;
        case 'blackout':
          s.toggleBlackout();
          break;
        case 'play':
          s.togglePlay();
          break;
        case 'exit':
          exitRef.current();
          break;
      }
    };
    const onKeyUp = (e: KeyboardEvent): void => {
      if (e.key === 'l' || e.key === 'L') {
        laserHeld.current = false;
        setLaser(null);
      }
    };
    // Capture: present mode's keys come before anything in the view.
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [typed]);

  if (!presentation) return null;
  const slide = presentation.slides[presentation.slide];
  const count = presentation.slides.length;

  const onPointerMove = (e: ReactPointerEvent): void => {
    pointer.current = { x: e.clientX, y: e.clientY };
    if (laserHeld.current) setLaser({ x: e.clientX, y: e.clientY });
    wake();
  };

  return (
    <div
      className={`present${awake ? ' awake' : ''}${laser ? ' laser-on' : ''}`}
      data-testid="present"
      data-slide={presentation.slide + 1}
      data-slides={count}
      data-stop={presentation.stop}
      data-blackout={String(presentation.blackout)}
      data-playing={String(playing)}
      onPointerMove={onPointerMove}
    >
      <header className="present-head">
        <h1 data-testid="present-title">{slide?.title ?? ''}</h1>
        <span
          className="present-counter"
          aria-label={`Slide ${presentation.slide + 1} of ${count}`}
        >
          {presentation.slide + 1} / {count}
        </span>
        <PresentControls standalone={standalone} onExit={exit} />
      </header>
      <NoticeBar />
      <div className="present-stage">
        <Viewport />
      </div>
      {typed && (
        <div className="present-goto" role="status">
          Go to slide {typed}…
        </div>
      )}
      {laser && (
        <div
          className="present-laser"
          data-testid="present-laser"
          style={{ left: laser.x, top: laser.y }}
        />
      )}
      {presentation.blackout && (
        <div
          className="present-blackout"
          data-testid="present-blackout"
          aria-label="Screen blacked out"
        />
      )}
    </div>
  );
}

/** The overlay: back, play/pause, forward, η of the selected run, presenter window, exit. */
function PresentControls({ standalone, onExit }: { standalone: boolean; onExit: () => void }) {
  const playing = useApp((s) => s.playing);
  const kind = useApp((s) => s.scene.kind);
  const runId = useApp((s) => s.scene.selectedRunId);
  const hasRun = useApp((s) => s.scene.runs.some((r) => r.id === s.scene.selectedRunId));
  const live = !isFigureKind(kind) && hasRun && runId !== null;
  const slide = useApp((s) => s.presentation?.slide ?? 0);
  const count = useApp((s) => s.presentation?.slides.length ?? 1);
  return (
    <div
      className="present-controls"
      data-testid="present-controls"
      role="toolbar"
      aria-label="Presentation"
    >
      <button
        type="button"
        onClick={() => actions().presentBack()}
        aria-label="Back"
        title="Back (←, PageUp)"
      >
        ‹
      </button>
      <button
        type="button"
        data-testid="present-play"
        onClick={() => actions().togglePlay()}
        aria-label={playing ? 'Pause' : 'Play'}
        title="Play or pause (K)"
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        onClick={() => actions().presentForward()}
        aria-label="Forward"
        title="Forward (→, PageDown, Space)"
      >
        ›
      </button>
      {live && <PresentLr runId={runId} />}
      <span className="present-spacer" />
      <button
        type="button"
        onClick={() => {
          if (!openPresenterWindow()) {
            actions().notify(
              'error',
              'The presenter window was blocked: allow pop-ups for this page.',
            );
          }
        }}
        title="Open the presenter window: notes, next slide, time"
      >
        Presenter view
      </button>
      <span className="present-counter">
        {slide + 1} / {count}
      </span>
      <button
        type="button"
        onClick={onExit}
        title={standalone ? 'Leave full screen (Esc)' : 'End the presentation (Esc)'}
      >
        {standalone ? 'Exit full screen' : 'End'}
      </button>
    </div>
  );
}

/** A value for the back row: five significant digits, exponents only where needed. */
function readable(value: number): string {
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-4 || size >= 1e7)) return value.toExponential(2);
  return String(Number(value.toPrecision(5)));
}

/** η of the selected run on a log slider, and the run's final value it moves. */
function PresentLr({ runId }: { runId: string }) {
  const lr = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.params.lr ?? 0.1);
  const slideIndex = useApp((s) => s.presentation?.slide ?? 0);
  // The slider's two decades are chosen around the slide's own η when the slide opens.
  const [range, setRange] = useState(() => ({ slide: slideIndex, ...lrRangeAround(lr) }));
  if (range.slide !== slideIndex) setRange({ slide: slideIndex, ...lrRangeAround(lr) });
  const final = useApp((s) => {
    const t = s.trajectories[runId];
    if (!t || t.count === 0) return null;
    return t.data[(t.count - 1) * STRIDE + COL.f] ?? null;
  });
  const steps = useApp((s) => {
    const t = s.trajectories[runId];
    return t ? t.count - 1 : 0;
  });
  const setLr = (position: number): void =>
    actions().updateParams(runId, { lr: sliderToLr(position) }, `present-lr:${runId}`);
  const current = (): number =>
    appStore.getState().scene.runs.find((r) => r.id === runId)?.params.lr ?? lr;
  return (
    <div className="present-lr">
      <SliderField
        label="η"
        display={formatParam(lr)}
        value={lrToSlider(lr)}
        min={range.min}
        max={range.max}
        step={0.01}
        testId="present-lr-slider"
        valueText={`η = ${formatParam(lr)}`}
        onLive={setLr}
        keyStep={(key) =>
          key === 'ArrowRight' || key === 'ArrowUp'
            ? lrToSlider(lrKeyStep(current(), 1))
            : key === 'ArrowLeft' || key === 'ArrowDown'
              ? lrToSlider(lrKeyStep(current(), -1))
              : null
        }
        onRelease={() => {
          // A clicker's keys must navigate again after a drag, not move η.
          (document.activeElement as HTMLElement | null)?.blur();
          actions().commitGesture();
        }}
      />
      <span
        className="present-final"
        data-testid="present-final"
        data-value={final === null ? '' : String(final)}
      >
        {final === null ? '' : `f = ${readable(final)} after ${steps} steps`}
      </span>
    </div>
  );
}
