import { Vector4 } from 'three';
import type { WebGLRenderer } from 'three';
import type { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { describe, expect, it } from 'vitest';
import { ContourLines } from './contourLines.ts';

describe('ContourLines', () => {
  it('gives every corner of a segment its ends and colour, and indexes its own corners', () => {
    const ends = Float32Array.of(0, 1, 2, 3, 4, 5, -1, -2, -3, 0.5, 0.25, 0.125);
    const colors = Float32Array.of(0.1, 0.2, 0.3, 0.7, 0.8, 0.9);
    const lines = new ContourLines(ends, colors, { width: 2, opacity: 1 });
    const g = (lines.object.geometry as import('three').BufferGeometry).attributes;
    const start = g.instanceStart!.array;
    const end = g.instanceEnd!.array;
    const color = g.instanceColorStart!.array;
    expect(start.length).toBe(2 * 8 * 3);
    for (let s = 0; s < 2; s++) {
      for (let c = 0; c < 8; c++) {
        const o = (s * 8 + c) * 3;
        expect([...start.slice(o, o + 3)]).toEqual([...ends.slice(s * 6, s * 6 + 3)]);
        expect([...end.slice(o, o + 3)]).toEqual([...ends.slice(s * 6 + 3, s * 6 + 6)]);
        expect([...color.slice(o, o + 3)]).toEqual([...colors.slice(s * 3, s * 3 + 3)]);
      }
    }
    // The second segment's triangles use its own corners 8…15, and its corner codes repeat.
    const index = [...lines.object.geometry.index!.array];
    expect(Math.min(...index.slice(18))).toBe(8);
    expect(Math.max(...index.slice(18))).toBe(15);
    const position = g.position!.array;
    expect([...position.slice(24, 48)]).toEqual([...position.slice(0, 24)]);
    lines.dispose();
  });

  it('is its width at the pixel ratio, and never thinner than a device pixel', () => {
    const lines = new ContourLines(Float32Array.of(0, 0, 0, 1, 1, 1), Float32Array.of(0, 0, 0), {
      width: 1.6,
      opacity: 1,
    });
    const widthAt = (pixelRatio: number): number => {
      const renderer = {
        getViewport: (v: Vector4) => v.set(0, 0, 640, 400),
        getPixelRatio: () => pixelRatio,
      } as unknown as WebGLRenderer;
      const draw = lines.object.onBeforeRender as unknown as (r: WebGLRenderer) => void;
      draw(renderer);
      return (lines.object.material as LineMaterial).linewidth;
    };
    expect(widthAt(1)).toBeCloseTo(1.6, 10);
    expect(widthAt(2)).toBeCloseTo(3.2, 10);
    // Adaptive quality's low ratios: one device pixel (1 / ratio in the shader's CSS px).
    expect(widthAt(0.5)).toBeCloseTo(2, 10);
    expect(widthAt(0.35)).toBeCloseTo(1 / 0.35, 10);
    lines.dispose();
  });
});
