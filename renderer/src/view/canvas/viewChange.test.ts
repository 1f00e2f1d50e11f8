import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store/appStore.ts';
import type { AppState } from '../../store/types.ts';
import { changesPicture } from './viewChange.ts';

/** The state before and after `act`. */
function around(act: (s: AppState) => void): [AppState, AppState] {
  const store = createAppStore();
  const before = store.getState();
  act(before);
  return [store.getState(), before];
}

describe('changesPicture', () => {
  it('ignores a run’s learning rate, start and steps (they arrive as new trajectories)', () => {
    const id = createAppStore().getState().scene.runs[0]!.id;
    expect(changesPicture(...around((s) => s.updateParams(id, { lr: 0.3 }, 'lr')))).toBe(false);
    expect(changesPicture(...around((s) => s.updateRun(id, { start: [1, 1] })))).toBe(false);
    expect(changesPicture(...around((s) => s.updateRun(id, { steps: 7 })))).toBe(false);
  });

  it('ignores panel-only state', () => {
    expect(changesPicture(...around((s) => s.setSliding(true)))).toBe(false);
    expect(changesPicture(...around((s) => s.notify('info', 'hello')))).toBe(false);
    expect(changesPicture(...around((s) => s.openDialog('shortcuts')))).toBe(false);
  });

  it('counts what the view draws', () => {
    const id = createAppStore().getState().scene.runs[0]!.id;
    expect(changesPicture(...around((s) => s.updateRun(id, { color: '#ff0000' })))).toBe(true);
    expect(changesPicture(...around((s) => s.updateRun(id, { visible: false })))).toBe(true);
    expect(changesPicture(...around((s) => s.setOverlay('tangent', true)))).toBe(true);
    expect(changesPicture(...around((s) => s.setProbe([1, 2])))).toBe(true);
    expect(changesPicture(...around((s) => s.addRun()))).toBe(true);
    expect(changesPicture(...around((s) => s.setTrajectories([])))).toBe(true);
  });
});
