import { describe, expect, it } from 'vitest';
import {
  defaultScene,
  dimOfKind,
  isSceneFileName,
  kindForDim,
  SCENE_KINDS,
  SCENE_PATTERNS,
  timelineEnd,
} from './document.ts';
import { isFigureKind } from './figure.ts';

describe('timelineEnd', () => {
  it('is the largest step count of the visible runs', () => {
    const scene = defaultScene();
    scene.runs.push({ ...scene.runs[0]!, id: 'b', steps: 250, visible: false });
    expect(timelineEnd(scene)).toBe(100);
    scene.runs[1]!.visible = true;
    expect(timelineEnd(scene)).toBe(250);
  });
});

describe('scene kinds', () => {
  it('a kind and the dimension of its function go both ways', () => {
    for (const kind of SCENE_KINDS) {
      const dim = dimOfKind(kind);
      // A figure draws its own settings, not the problem.
      if (dim === null) expect(isFigureKind(kind)).toBe(true);
      else expect(kindForDim(dim)).toBe(kind);
    }
    expect(kindForDim(1)).toBe('curve');
    expect(kindForDim(2)).toBe('surface');
  });
});

describe('scene file names', () => {
  it('takes .descent.json and the short .descent, in any case, and nothing else', () => {
    for (const name of ['bowl.descent.json', '/a/B.DESCENT.JSON', 'talk.descent', 'T.Descent']) {
      expect(isSceneFileName(name)).toBe(true);
    }
    for (const name of ['bowl.json', 'bowl.descent.bak', 'descent', 'x.descentjson']) {
      expect(isSceneFileName(name)).toBe(false);
    }
    expect(SCENE_PATTERNS).toBe('*.descent.json, *.descent');
  });
});
