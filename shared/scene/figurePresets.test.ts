import { describe, expect, it } from 'vitest';
import { timelineEnd } from './document.ts';
import { checkFigure, FIGURE_KINDS, isFigureKind } from './figure.ts';
import { FIGURE_PRESET_SPECS } from './figurePresets.ts';
import { parseScene } from './parse.ts';
import { PRESETS } from './presets.ts';

/** The ids the issue names, one or more per section the function plots do not cover. */
const REQUIRED = [
  'secant-x2',
  'rules-product',
  'chain-3x-plus-1',
  'chain-fork',
  'sigmoid-slope',
  'activations',
  'vanishing-sigmoid',
  'jacobian-x2-xy',
  'integral-x2',
];

const sectionOf = (section: string): number => Number(/^§(\d+)/.exec(section)?.[1]);

describe('figure presets', () => {
  it('include every required id, and every figure kind has one', () => {
    const ids = FIGURE_PRESET_SPECS.map((p) => p.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
    expect(new Set(FIGURE_PRESET_SPECS.map((p) => p.kind))).toEqual(new Set(FIGURE_KINDS));
  });

  it('are figure scenes that open as they are and fit their kind', () => {
    for (const p of PRESETS.filter((q) => isFigureKind(q.scene.kind))) {
      const parsed = parseScene(JSON.parse(JSON.stringify(p.scene)));
      expect(parsed.ok ? 'ok' : parsed.message, p.id).toBe('ok');
      if (!isFigureKind(p.scene.kind)) continue;
      expect(checkFigure(p.scene.kind, p.scene.figure), p.id).toBeNull();
      expect(p.scene.runs).toEqual([]);
      expect(p.scene.timeline.position).toBeLessThanOrEqual(timelineEnd(p.scene));
    }
  });

  it('open a graph with both passes done, so every node shows its gradient', () => {
    for (const p of PRESETS.filter((q) => q.scene.kind === 'graph')) {
      expect(timelineEnd(p.scene)).toBeGreaterThan(0);
      expect(p.scene.timeline.position).toBe(timelineEnd(p.scene));
    }
  });

  it('with the function plots, give every section from §1 to §9 a preset, in chapter order', () => {
    const sections = PRESETS.map((p) => sectionOf(p.section));
    for (let s = 1; s <= 9; s++) expect(sections, `§${s}`).toContain(s);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
  });
});
