/**
 * Keeps a failing 3D view from taking the whole app down. Without WebGL (no GPU and no software
 * fallback, a blocklisted driver) the canvas throws while it starts, and an error there would
 * otherwise unmount every panel; a graphics context the driver takes away (GPU reset, sleep)
 * blanks the picture. Both show one plain message in the view's place, and the rest of the app
 * keeps working. A restored context (or "Try again") starts the view afresh.
 */
import { Component } from 'react';
import type { CSSProperties, ErrorInfo, ReactNode } from 'react';
import { markFirstPicture } from '../firstPicture.ts';

/** The message shown in the view's place. */
export function canvasFailureMessage(reason: string, started: boolean): string {
  const what = started ? 'The 3D view stopped' : 'The 3D view could not start';
  return `${what}: ${reason}. Other panels keep working.`;
}

/** A thrown value as a short reason, without a trailing full stop (the message adds one). */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0]?.trim().replace(/\.+$/, '') ?? '';
  if (line === '') return 'an unknown error';
  // three.js says only "Error creating WebGL context": say what that means here.
  if (/webgl/i.test(line) && /context/i.test(line)) {
    return `this computer offers no WebGL graphics (${line})`;
  }
  return line;
}

/** The reason shown after `webglcontextlost`. */
export const CONTEXT_LOST_REASON = 'the graphics driver took the drawing context away';

/** What the boundary knows: a failure's reason and whether the view had started. */
export interface CanvasFailure {
  reason: string;
  started: boolean;
}

interface State {
  failure: CanvasFailure | null;
  /** Bumped to mount the view afresh (after a restore or "Try again"). */
  generation: number;
}

const fill: CSSProperties = { position: 'absolute', inset: 0 };
const noticeStyle: CSSProperties = {
  ...fill,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: 10,
  padding: 24,
  textAlign: 'center',
  background: 'var(--bg)',
  color: 'var(--text)',
};

/** The message in the view's place; the button mounts the view again. */
export function CanvasFailureNotice(props: { failure: CanvasFailure; onRetry?: () => void }) {
  return (
    <div role="alert" data-testid="canvas-failure" style={noticeStyle}>
      <p style={{ margin: 0, maxWidth: '42em' }}>
        {canvasFailureMessage(props.failure.reason, props.failure.started)}
      </p>
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** See the module comment. Wraps the R3F `<Canvas>` (and nothing else). */
export class CanvasErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failure: null, generation: 0 };
  #box: HTMLDivElement | null = null;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failure: { reason: failureReason(error), started: false } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[view] the 3D view failed:', error, info.componentStack);
    // No picture is coming: the panels beside it must not wait for one.
    markFirstPicture();
  }

  override componentWillUnmount(): void {
    this.#watch(null);
  }

  // The context events fire at the canvas and do not bubble: listened for while capturing.
  readonly #lost = (): void => {
    markFirstPicture();
    this.setState({ failure: { reason: CONTEXT_LOST_REASON, started: true } });
  };

  readonly #restored = (): void => {
    this.#retry();
  };

  readonly #retry = (): void => {
    this.setState((s) => ({ failure: null, generation: s.generation + 1 }));
  };

  readonly #watch = (box: HTMLDivElement | null): void => {
    if (this.#box === box) return;
    this.#box?.removeEventListener('webglcontextlost', this.#lost, true);
    this.#box?.removeEventListener('webglcontextrestored', this.#restored, true);
    this.#box = box;
    box?.addEventListener('webglcontextlost', this.#lost, true);
    box?.addEventListener('webglcontextrestored', this.#restored, true);
  };

  override render(): ReactNode {
    const { failure, generation } = this.state;
    // A lost context keeps the canvas mounted (three.js waits for the restore); a throw cannot.
    const keepCanvas = failure === null || failure.started;
    return (
      <div ref={this.#watch} style={fill} data-testid="canvas-box">
        {keepCanvas && (
          <div key={generation} style={fill}>
            {this.props.children}
          </div>
        )}
        {failure && <CanvasFailureNotice failure={failure} onRetry={this.#retry} />}
      </div>
    );
  }
}
