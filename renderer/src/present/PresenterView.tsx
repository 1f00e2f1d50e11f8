/**
 * The presenter window: the current slide and the next, the notes in large type, the slide
 * counter and the time since the presentation began. It follows the presenting window over the
 * BroadcastChannel (channel.ts) and sends it the clicker's keys and its own buttons, so either
 * window can drive the lesson.
 */
import { useEffect, useRef, useState } from 'react';
import { PRESENT_CHANNEL } from './channel.ts';
import type { PresenterCommand, PresenterPicture, PresenterState } from './channel.ts';
import { presentKey } from './keys.ts';
import './presenter.css';

/** mm:ss (or h:mm:ss) since `start`. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function PresenterView() {
  const [state, setState] = useState<PresenterState | null>(null);
  const [picture, setPicture] = useState<PresenterPicture | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const channel = useRef<BroadcastChannel | null>(null);
  const typed = useRef('');

  useEffect(() => {
    const c = new BroadcastChannel(PRESENT_CHANNEL);
    channel.current = c;
    c.onmessage = (event: MessageEvent<PresenterState | PresenterPicture | PresenterCommand>) => {
      if (event.data?.type === 'state') setState(event.data);
      else if (event.data?.type === 'picture') setPicture(event.data);
    };
    c.postMessage({ type: 'hello' } satisfies PresenterCommand);
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => {
      window.clearInterval(tick);
      c.close();
    };
  }, []);

  const send = (command: PresenterCommand): void => channel.current?.postMessage(command);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = presentKey(e.key, typed.current);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'digit') {
        typed.current = action.typed;
        return;
      }
      typed.current = '';
      if (action.kind === 'forward' || action.kind === 'back') send({ type: action.kind });
      else if (action.kind === 'goto') send({ type: 'goto', slide: action.slide });
      else if (action.kind === 'first') send({ type: 'goto', slide: 0 });
      else if (action.kind === 'last') send({ type: 'goto', slide: Number.MAX_SAFE_INTEGER });
      else if (action.kind === 'blackout') send({ type: 'blackout' });
      else if (action.kind === 'exit') send({ type: 'exit' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!state?.presenting) {
    return (
      <main className="presenter waiting" data-testid="presenter" data-slide="0">
        <h1>Presenter view</h1>
        <p>Waiting for the presentation: start presenting (▶ Present or F5) in the main window.</p>
      </main>
    );
  }
  const current = state.slides[state.slide];
  const next = state.slides[state.slide + 1];
  return (
    <main
      className="presenter"
      data-testid="presenter"
      data-slide={state.slide + 1}
      data-stop={state.stop}
      data-blackout={String(state.blackout)}
    >
      <header className="presenter-bar">
        <span className="presenter-lesson">{state.title}</span>
        <span data-testid="presenter-counter">
          Slide {state.slide + 1} of {state.slides.length}
          {/* Stop 0 is the slide before its first beat has played. */}
          {state.stops > 1 ? ` · beat ${state.stop} of ${state.stops - 1}` : ''}
        </span>
        <span className="presenter-elapsed" data-testid="presenter-elapsed">
          {elapsedText(now - state.startedAt)}
        </span>
      </header>
      <section
        className="presenter-current"
        data-testid="presenter-current"
        aria-label="Current slide"
      >
        <h2>{current?.title}</h2>
        <div className="presenter-slide">
          {picture?.url && picture.slide === state.slide ? (
            <img src={picture.url} alt="What the audience sees" data-testid="presenter-picture" />
          ) : null}
          <p className="presenter-caption">{current?.caption}</p>
        </div>
      </section>
      <section className="presenter-next" data-testid="presenter-next" aria-label="Next slide">
        <h3>Next</h3>
        <p className="presenter-next-title">{next ? next.title : 'End of the lesson'}</p>
        {next && <p className="presenter-caption">{next.caption}</p>}
      </section>
      <section className="presenter-notes" data-testid="presenter-notes" aria-label="Notes">
        {current?.notes ? (
          current.notes
        ) : (
          <span className="presenter-none">No notes for this slide.</span>
        )}
      </section>
      <footer className="presenter-buttons">
        <button type="button" onClick={() => send({ type: 'back' })}>
          ‹ Back
        </button>
        <button
          type="button"
          data-testid="presenter-forward"
          onClick={() => send({ type: 'forward' })}
        >
          Forward ›
        </button>
        <button
          type="button"
          onClick={() => send({ type: 'blackout' })}
          aria-pressed={state.blackout}
        >
          Black screen (B)
        </button>
        <button type="button" onClick={() => send({ type: 'exit' })}>
          End
        </button>
      </footer>
    </main>
  );
}
