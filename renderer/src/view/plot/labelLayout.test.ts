import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelLayoutBuffers, layoutLabels, segmentHitsRect } from './labelLayout.ts';

interface Spec {
  at: [number, number];
  size?: [number, number];
  prefer?: [number, number];
  priority?: number;
  leg?: [number, number];
}

/** Buffers for labels on a canvas of width × height. */
function buffers(specs: Spec[], width = 400, height = 300): LabelLayoutBuffers {
  const b = new LabelLayoutBuffers(Math.max(1, specs.length));
  b.boundsLeft = 0;
  b.boundsTop = 0;
  b.boundsRight = width;
  b.boundsBottom = height;
  specs.forEach((s, i) => {
    b.ax[i] = s.at[0];
    b.ay[i] = s.at[1];
    b.w[i] = s.size?.[0] ?? 40;
    b.h[i] = s.size?.[1] ?? 16;
    const [dx, dy] = s.prefer ?? [0, -1];
    const n = Math.hypot(dx, dy);
    b.dx[i] = dx / n;
    b.dy[i] = dy / n;
    b.gap[i] = 6;
    b.priority[i] = s.priority ?? 50;
    b.legX0[i] = s.leg ? s.leg[0] : NaN;
    b.legY0[i] = s.leg ? s.leg[1] : NaN;
    b.legX1[i] = s.at[0];
    b.legY1[i] = s.at[1];
  });
  b.count = specs.length;
  return b;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function placed(b: LabelLayoutBuffers): (Box | null)[] {
  return Array.from({ length: b.count }, (_, i) =>
    b.shown[i] === 1
      ? {
          left: b.cx[i]! - b.w[i]! / 2,
          top: b.cy[i]! - b.h[i]! / 2,
          right: b.cx[i]! + b.w[i]! / 2,
          bottom: b.cy[i]! + b.h[i]! / 2,
        }
      : null,
  );
}

const overlap = (a: Box, c: Box): boolean =>
  a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom;

function expectNoOverlap(boxes: (Box | null)[]): void {
  const shown = boxes.filter((x): x is Box => x !== null);
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++) expect(overlap(shown[i]!, shown[j]!)).toBe(false);
}

describe('label layout', () => {
  it('puts a lone label beyond its arrow tip, next to the anchor, without a leader', () => {
    // An arrow from (200, 150) to (260, 150): the label continues to the right.
    const b = buffers([{ at: [260, 150], leg: [200, 150] }]);
    b.dx[0] = 1;
    b.dy[0] = 0;
    layoutLabels(b);
    expect(b.shown[0]).toBe(1);
    expect(b.cx[0]).toBeCloseTo(260 + 6 + 20, 9);
    expect(b.cy[0]).toBeCloseTo(150, 9);
    expect(b.leader[0]).toBe(0);
  });

  it('labels stacked on one point (∇f, −∇f, λ₁, λ₂, the curvature word) all fit, apart', () => {
    const p: [number, number] = [200, 150];
    const b = buffers([
      { at: p, prefer: [1, 0], priority: 75 },
      { at: p, prefer: [-1, 0], priority: 80 },
      { at: p, prefer: [1, 0], priority: 40 },
      { at: p, prefer: [1, 0], priority: 40 },
      { at: p, prefer: [0, -1], priority: 50 },
      { at: p, prefer: [0, -1], priority: 65 },
    ]);
    layoutLabels(b);
    const boxes = placed(b);
    expect(boxes.every((x) => x !== null)).toBe(true);
    expectNoOverlap(boxes);
    // The most important one got its preferred spot; the others moved (some with leaders).
    expect(b.cx[1]).toBeLessThan(200);
    expect(b.leader[1]).toBe(0);
  });

  it('when crowded, the least important labels hide first', () => {
    // A canvas with room for a handful of labels around one point.
    const specs: Spec[] = Array.from({ length: 30 }, (_, i) => ({
      at: [60, 40] as [number, number],
      size: [50, 18] as [number, number],
      priority: i,
    }));
    const b = buffers(specs, 120, 80);
    layoutLabels(b);
    const shown = Array.from({ length: 30 }, (_, i) => b.shown[i] === 1);
    expect(shown.some((s) => !s)).toBe(true);
    expect(shown.some((s) => s)).toBe(true);
    // Every hidden label matters less than every shown one.
    const lowestShown = Math.min(...shown.flatMap((s, i) => (s ? [i] : [])));
    const highestHidden = Math.max(...shown.flatMap((s, i) => (s ? [] : [i])));
    expect(highestHidden).toBeLessThan(lowestShown);
    expectNoOverlap(placed(b));
  });

  it('keeps off fixed labels (ticks) and inside the canvas', () => {
    const b = buffers([{ at: [390, 150], prefer: [1, 0] }]);
    b.addFixed(150, 120, 250, 180);
    layoutLabels(b);
    const [box] = placed(b);
    expect(box).not.toBeNull();
    expect(box!.right).toBeLessThanOrEqual(400);
    expect(overlap(box!, { left: 150, top: 120, right: 250, bottom: 180 })).toBe(false);
  });

  it('prefers spots that leave other arrows uncovered', () => {
    // Label 0 prefers to go up, where a vertical arrow (label 1's) runs.
    const b = buffers([
      { at: [200, 150], prefer: [0, -1], priority: 60 },
      { at: [200, 60], leg: [200, 160], prefer: [0, -1], priority: 10 },
    ]);
    layoutLabels(b);
    const [box] = placed(b);
    expect(segmentHitsRect(200, 160, 200, 60, box!.left, box!.top, box!.right, box!.bottom)).toBe(
      false,
    );
  });

  it('keeps its spot between layouts when nothing forces a move', () => {
    const b = buffers([
      { at: [200, 150], prefer: [1, 0], priority: 70 },
      { at: [200, 150], prefer: [1, 0], priority: 60 },
    ]);
    layoutLabels(b);
    const first = [b.cx[1], b.cy[1]];
    layoutLabels(b);
    expect([b.cx[1], b.cy[1]]).toEqual(first);
  });

  it('never overlaps and never leaves the canvas (property)', () => {
    const spec = fc.record({
      x: fc.double({ min: 0, max: 300, noNaN: true }),
      y: fc.double({ min: 0, max: 200, noNaN: true }),
      w: fc.double({ min: 10, max: 90, noNaN: true }),
      h: fc.double({ min: 8, max: 24, noNaN: true }),
      angle: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
      priority: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 14 }), (specs) => {
        const b = buffers(
          specs.map((s) => ({
            at: [s.x, s.y],
            size: [s.w, s.h],
            prefer: [Math.cos(s.angle), Math.sin(s.angle)],
            priority: s.priority,
          })),
          300,
          200,
        );
        b.addFixed(0, 190, 300, 200);
        layoutLabels(b);
        const boxes = placed(b);
        for (const box of boxes) {
          if (!box) continue;
          if (box.left < 0 || box.top < 0 || box.right > 300 || box.bottom > 200) return false;
          if (overlap(box, { left: 0, top: 190, right: 300, bottom: 200 })) return false;
        }
        const shown = boxes.filter((x): x is Box => x !== null);
        for (let i = 0; i < shown.length; i++)
          for (let j = i + 1; j < shown.length; j++)
            if (overlap(shown[i]!, shown[j]!)) return false;
        return true;
      }),
    );
  });
});

describe('segmentHitsRect', () => {
  it.each([
    [[0, 0, 10, 10], true],
    [[-5, 5, 15, 5], true],
    [[-5, -5, -1, 20], false],
    [[20, 0, 0, 20], false],
    [[4, 4, 6, 6], true],
  ] as const)('segment %j through [2, 8]²: %s', (s, hits) => {
    expect(segmentHitsRect(s[0], s[1], s[2], s[3], 2, 2, 8, 8)).toBe(hits);
  });
});
