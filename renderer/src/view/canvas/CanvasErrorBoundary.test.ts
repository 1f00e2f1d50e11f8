import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  canvasFailureMessage,
  CanvasErrorBoundary,
  CONTEXT_LOST_REASON,
  failureReason,
} from './CanvasErrorBoundary.tsx';

const canvas = createElement('canvas', { 'data-testid': 'the-canvas' });

/** The boundary's output for a given state (server rendering runs no lifecycle). */
function renderWith(state: CanvasErrorBoundary['state'] | null): string {
  const boundary = new CanvasErrorBoundary({ children: canvas });
  if (state) boundary.state = state;
  return renderToStaticMarkup(createElement('div', null, boundary.render()));
}

describe('CanvasErrorBoundary', () => {
  it('words the message plainly', () => {
    expect(canvasFailureMessage('no WebGL', false)).toBe(
      'The 3D view could not start: no WebGL. Other panels keep working.',
    );
    expect(canvasFailureMessage(CONTEXT_LOST_REASON, true)).toMatch(
      /^The 3D view stopped: .+\. Other panels keep working\.$/,
    );
  });

  it('turns thrown values into a short reason', () => {
    expect(failureReason(new Error('Error creating WebGL context.'))).toBe(
      'this computer offers no WebGL graphics (Error creating WebGL context)',
    );
    expect(failureReason(new Error('shader failed\n  at compile (three.module.js)'))).toBe(
      'shader failed',
    );
    expect(failureReason('')).toBe('an unknown error');
    expect(failureReason(42)).toBe('42');
  });

  it('a throw while starting replaces the canvas with the message', () => {
    const state = {
      ...CanvasErrorBoundary.getDerivedStateFromError(new Error('Error creating WebGL context')),
      generation: 0,
    } as CanvasErrorBoundary['state'];
    expect(state.failure).toEqual({ reason: expect.stringContaining('WebGL'), started: false });
    const html = renderWith(state);
    expect(html).toContain('role="alert"');
    expect(html).toContain('The 3D view could not start: this computer offers no WebGL graphics');
    expect(html).toContain('Other panels keep working.');
    expect(html).toContain('Try again');
    expect(html).not.toContain('the-canvas');
  });

  it('a lost context shows the message over a canvas kept for the restore', () => {
    const html = renderWith({
      failure: { reason: CONTEXT_LOST_REASON, started: true },
      generation: 0,
    });
    expect(html).toContain('The 3D view stopped');
    expect(html).toContain('the-canvas');
  });

  it('shows only the canvas while all is well', () => {
    const html = renderWith(null);
    expect(html).toContain('the-canvas');
    expect(html).not.toContain('role="alert"');
  });
});
