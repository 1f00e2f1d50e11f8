import { describe, expect, it } from 'vitest';
import {
  isRenderPage,
  readOutcome,
  readProgress,
  RENDER_READY,
  RENDER_READY_SELECTOR,
  renderRequestSchema,
  sinkEventSchema,
} from './automation.ts';

describe('page automation contract', () => {
  it('the ready selector matches the data attribute the page sets', () => {
    // dataset.renderReady is the attribute data-render-ready.
    const attribute = `data-${RENDER_READY.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    expect(RENDER_READY_SELECTOR).toBe(`html[${attribute}="true"]`);
  });

  it('recognises render pages by a whole `render` parameter in the query or fragment', () => {
    expect(isRenderPage({ search: '?render', hash: '' })).toBe(true);
    expect(isRenderPage({ search: '?a=1&render=1', hash: '' })).toBe(true);
    expect(isRenderPage({ search: '', hash: '#render' })).toBe(true);
    expect(isRenderPage({ search: '', hash: '#scene=abc&render' })).toBe(true);
    expect(isRenderPage({ search: '?prerender', hash: '' })).toBe(false);
    expect(isRenderPage({ search: '?renders=1', hash: '#scene=render' })).toBe(false);
    expect(isRenderPage({ search: '', hash: '' })).toBe(false);
  });

  it('accepts the sink events the page sends and refuses anything else', () => {
    expect(
      sinkEventSchema.safeParse({ op: 'open', file: 0, name: 'a.mp4', kind: 'mp4' }).success,
    ).toBe(true);
    expect(
      sinkEventSchema.safeParse({ op: 'write', file: 0, position: null, data: 'AAAA' }).success,
    ).toBe(true);
    expect(sinkEventSchema.safeParse({ op: 'finish', file: 1 }).success).toBe(true);
    expect(
      sinkEventSchema.safeParse({ op: 'open', file: 0, name: 'a.mov', kind: 'mov' }).success,
    ).toBe(false);
    expect(
      sinkEventSchema.safeParse({ op: 'write', file: -1, position: 0, data: '' }).success,
    ).toBe(false);
    expect(sinkEventSchema.safeParse({ op: 'delete', file: 0 }).success).toBe(false);
  });

  it('a request needs no base name, but an empty one is refused', () => {
    expect(renderRequestSchema.safeParse({ scene: {}, settings: {} }).success).toBe(true);
    expect(renderRequestSchema.safeParse({ scene: {}, settings: {}, baseName: '' }).success).toBe(
      false,
    );
  });

  it('turns a malformed outcome into a failure that says so', () => {
    const ok = {
      ok: true,
      result: {
        files: [{ name: 'a.gif', bytes: 10, frames: 2 }],
        frames: 2,
        drawn: 2,
        width: 64,
        height: 64,
        fps: 20,
        encoder: 'GIF',
        elapsedMs: 5,
        notes: [],
        throughput: 3,
      },
    };
    expect(readOutcome(ok)).toEqual(ok);
    const bad = readOutcome({ ok: true, result: { files: 'nope' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/unreadable answer/);
    expect(readProgress({ phase: 'rendering', done: 1 })).toBeNull();
  });
});
