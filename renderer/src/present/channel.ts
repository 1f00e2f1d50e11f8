/**
 * The presenter window's link to the presenting window: a BroadcastChannel (same origin, any
 * number of windows) carrying the presentation's state one way and the presenter's commands
 * the other. The presenter window says hello when it opens and gets the state at once.
 */
import { slideStops } from '../../../shared/lesson/document.ts';
import type { AppStore, Presentation } from '../store/types.ts';

export const PRESENT_CHANNEL = 'descent-present';

/** What the presenter window shows. */
export interface PresenterState {
  type: 'state';
  /** False once the presentation ended. */
  presenting: boolean;
  title: string;
  slides: { title: string; notes: string; caption: string }[];
  slide: number;
  stop: number;
  /** Stops on the current slide. */
  stops: number;
  blackout: boolean;
  startedAt: number;
}

/** A small picture of what the audience sees now (sent a moment after each change). */
export interface PresenterPicture {
  type: 'picture';
  slide: number;
  /** A JPEG data URL, or '' when the view could not be read. */
  url: string;
}

export type PresenterCommand =
  | { type: 'hello' }
  | { type: 'forward' }
  | { type: 'back' }
  | { type: 'goto'; slide: number }
  | { type: 'blackout' }
  | { type: 'exit' };

/** The state message for a presentation (or the ended one when `p` is null). */
export function presenterState(p: Presentation | null, stops: number): PresenterState {
  return {
    type: 'state',
    presenting: p !== null,
    title: p?.title ?? '',
    slides: (p?.slides ?? []).map((s) => ({
      title: s.title,
      notes: s.notes,
      caption: s.scene.caption,
    })),
    slide: p?.slide ?? 0,
    stop: p?.stop ?? 0,
    stops,
    blackout: p?.blackout ?? false,
    startedAt: p?.startedAt ?? 0,
  };
}

/**
 * Keeps presenter windows in step with `store`'s presentation and runs their commands. `exit`
 * is what Esc would do in the presenting window. Returns the function that disconnects.
 */
export function broadcastPresentation(store: AppStore, exit: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(PRESENT_CHANNEL);
  const send = (): void => {
    const { presentation, scene } = store.getState();
    const stops = presentation ? slideStops(scene).length : 0;
    channel.postMessage(presenterState(presentation, stops));
  };
  channel.onmessage = (event: MessageEvent<PresenterCommand>) => {
    const s = store.getState();
    switch (event.data?.type) {
      case 'hello':
        send();
        sendPicture();
        break;
      case 'forward':
        s.presentForward();
        break;
      case 'back':
        s.presentBack();
        break;
      case 'goto':
        s.presentSlide(event.data.slide);
        break;
      case 'blackout':
        s.toggleBlackout();
        break;
      case 'exit':
        exit();
        break;
    }
  };
  // The picture follows once the slide (or beat) has been drawn and has settled.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sendPicture = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const { presentation } = store.getState();
      if (!presentation || store.getState().playing) return sendPicture();
      const message: PresenterPicture = {
        type: 'picture',
        slide: presentation.slide,
        url: viewPicture(),
      };
      channel.postMessage(message);
    }, 700);
  };
  const unsubscribe = store.subscribe(
    (s) => s.presentation,
    () => {
      send();
      sendPicture();
    },
  );
  const unsubscribeScene = store.subscribe((s) => s.scene, sendPicture);
  send();
  sendPicture();
  return () => {
    clearTimeout(timer);
    unsubscribe();
    unsubscribeScene();
    channel.postMessage(presenterState(null, 0));
    channel.close();
  };
}

/** Opens the presenter window (the same page with `?presenter`); false when blocked. */
export function openPresenterWindow(): boolean {
  const url = new URL(window.location.href);
  url.hash = '';
  url.search = '?presenter';
  const opened = window.open(url.href, 'descent-presenter', 'popup,width=1100,height=700');
  return opened !== null;
}

/** True in a window opened as the presenter view. */
export function isPresenterPage(location: Pick<Location, 'search'>): boolean {
  return new URLSearchParams(location.search).has('presenter');
}

/** The presented view as a small JPEG data URL ('' when there is no readable canvas). */
function viewPicture(): string {
  const canvas = document.querySelector<HTMLCanvasElement>('.present .viewport canvas');
  if (!canvas || canvas.width === 0 || canvas.height === 0) return '';
  const width = 480;
  const small = document.createElement('canvas');
  small.width = width;
  small.height = Math.round((canvas.height / canvas.width) * width);
  const ctx = small.getContext('2d');
  if (!ctx) return '';
  // The view's background, under a canvas that may be transparent.
  ctx.fillStyle = getComputedStyle(canvas.parentElement ?? canvas).backgroundColor || '#fff';
  ctx.fillRect(0, 0, small.width, small.height);
  try {
    ctx.drawImage(canvas, 0, 0, small.width, small.height);
    return small.toDataURL('image/jpeg', 0.75);
  } catch {
    return '';
  }
}
