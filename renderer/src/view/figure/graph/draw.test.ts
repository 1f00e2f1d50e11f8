import { describe, expect, it } from 'vitest';
import { timelineEnd } from '../../../../../shared/scene/document.ts';
import type { Scene } from '../../../../../shared/scene/document.ts';
import { PRESETS } from '../../../../../shared/scene/presets.ts';
import { FIGURE_THEMES, baseFontSize } from '../theme.ts';
import { drawGraph } from './draw.ts';

/** Width of a character in ems, for the fake context's measureText. */
const CHAR_EM = 0.56;

interface Text {
  text: string;
  size: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * A 2D context that records every text drawn (with its box, from a fixed width per character)
 * and fails on a non-finite coordinate; everything else does nothing.
 */
function recordingContext(): { ctx: CanvasRenderingContext2D; texts: Text[]; bad: string[] } {
  const texts: Text[] = [];
  const bad: string[] = [];
  const state = {
    font: '10px sans',
    textAlign: 'left' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
  };
  const size = (): number => Number(/([\d.]+)px/.exec(state.font)?.[1] ?? 10);
  const finite =
    (name: string) =>
    (...args: unknown[]): void => {
      if (args.some((a) => typeof a === 'number' && !Number.isFinite(a))) {
        bad.push(`${name}(${args.join(', ')})`);
      }
    };
  const methods: Record<string, (...args: never[]) => unknown> = {
    measureText: (text: string) => ({ width: text.length * CHAR_EM * size() }),
    fillText: (text: string, x: number, y: number) => {
      finite('fillText')(x, y);
      const s = size();
      const w = text.length * CHAR_EM * s;
      const x0 = state.textAlign === 'center' ? x - w / 2 : state.textAlign === 'right' ? x - w : x;
      const y0 =
        state.textBaseline === 'middle' ? y - s / 2 : state.textBaseline === 'top' ? y : y - s;
      texts.push({ text, size: s, x0, x1: x0 + w, y0, y1: y0 + s });
    },
    moveTo: finite('moveTo'),
    lineTo: finite('lineTo'),
    arc: finite('arc'),
    roundRect: finite('roundRect'),
    rect: finite('rect'),
  };
  const ctx = new Proxy(state, {
    get: (target, key: string) =>
      key in methods ? methods[key] : key in target ? target[key as keyof typeof target] : () => {},
    set: (target, key: string, value) => {
      (target as Record<string, unknown>)[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, texts, bad };
}

function draw(scene: Scene, position: number, width: number, height: number, dark = false) {
  const rec = recordingContext();
  drawGraph(rec.ctx, {
    scene,
    figure: scene.figure,
    position,
    end: timelineEnd(scene),
    width,
    height,
    theme: FIGURE_THEMES[dark ? 'dark' : 'light'],
  });
  return rec;
}

const GRAPHS = PRESETS.filter((p) => p.scene.kind === 'graph');
/** The view's canvas in a 1280×720 and a 1920×1080 window, and a whole 720p/1080p export. */
const CANVASES: [number, number][] = [
  [612, 560],
  [1252, 838],
  [1280, 720],
  [1920, 1080],
];

describe('drawGraph', () => {
  it('has graph presets to draw', () => {
    expect(GRAPHS.map((p) => p.id)).toEqual(
      expect.arrayContaining(['chain-3x-plus-1', 'chain-fork']),
    );
  });

  for (const preset of GRAPHS) {
    for (const [width, height] of CANVASES) {
      it(`${preset.id} at ${width}×${height}: readable, inside, nothing overlapping`, () => {
        const end = timelineEnd(preset.scene);
        const base = baseFontSize(width, height);
        for (const position of [0, 2.5, end * 0.6, end - 0.5, end]) {
          const { texts, bad } = draw(preset.scene, position, width, height);
          expect(bad).toEqual([]);
          expect(texts.length).toBeGreaterThan(0);
          for (const t of texts) {
            // figureFont writes sizes to 0.01 px.
            expect(t.size, `"${t.text}" size`).toBeGreaterThanOrEqual(base - 0.005);
            expect(t.x0, `"${t.text}" left`).toBeGreaterThanOrEqual(0);
            expect(t.x1, `"${t.text}" right`).toBeLessThanOrEqual(width);
            expect(t.y0, `"${t.text}" top`).toBeGreaterThanOrEqual(0);
            expect(t.y1, `"${t.text}" bottom`).toBeLessThanOrEqual(height);
          }
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i]!;
              const b = texts[j]!;
              const apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
              expect(apart, `"${a.text}" and "${b.text}" at ${position}`).toBe(true);
            }
          }
        }
      });
    }
  }

  it('shows each number once its step is done, and the chapter’s 24 at the end', () => {
    const scene = GRAPHS.find((p) => p.id === 'chain-3x-plus-1')!.scene;
    const at = (p: number): string[] => draw(scene, p, 1280, 720).texts.map((t) => t.text);
    expect(at(0)).not.toContain('16');
    expect(at(6)).toContain('16');
    expect(at(6)).not.toContain('grad 24');
    expect(at(17)).toContain('grad 24');
    expect(at(17)).toContain('2·4 = 8');
    expect(at(17).join(' ')).toContain('∂f/∂x = 24');
  });

  it('writes why there is no graph for an expression it cannot use', () => {
    const scene = GRAPHS[0]!.scene;
    const broken = { ...scene, figure: { ...scene.figure, f: 'x +' } };
    const { texts, bad } = draw(broken, 0, 800, 600);
    expect(bad).toEqual([]);
    expect(texts.map((t) => t.text).join(' ')).toMatch(/\S/);
  });
});
