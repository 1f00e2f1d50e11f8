import { describe, expect, it } from 'vitest';
import { SolverClient } from '../../../../shared/client.ts';
import type { Endpoint } from '../../../../shared/protocol.ts';
import { presetScene } from '../../../../shared/scene/presets.ts';
import { handleMessage } from '../../../../shared/service.ts';
import { startSolverSync } from '../../solver/sync.ts';
import { createAppStore } from '../../store/appStore.ts';
import { describeScene } from './sceneDescription.ts';

/** The real solver answering in-process, asynchronously like a worker. */
function inProcess(): Endpoint {
  let handler: (m: unknown) => void = () => {};
  return {
    post(message) {
      const { response } = handleMessage(structuredClone(message));
      setTimeout(() => handler(response), 0);
    },
    listen(h) {
      handler = h;
    },
  };
}

describe('describeScene', () => {
  it('says what is drawn, how each run ends and where the selected run is', async () => {
    const store = createAppStore();
    store.getState().resetDocument(presetScene('lr-compare')!);
    const sync = startSolverSync(store, new SolverClient(inProcess()));
    await sync.settled();
    const text = describeScene(store.getState(), 2);
    expect(text).toMatch(/^Curve of f\(x\) = x\^2, for x from/);
    // The three runs of the chapter's learning-rate table, the last diverging.
    expect(text).toMatch(/Run η = 0\.1: GD, learning rate 0\.1, runs 6 steps\./);
    expect(text).toMatch(/Run η = 0\.5: GD, learning rate 0\.5, converges at step 1\./);
    // lr-compare selects η = 1.1: x = 3 → −3.6 → 4.32 at step 2, f = 4.32² = 18.6624.
    expect(text).toMatch(/At step 2 of 6, η = 1\.1 is at \(4\.32\) where f = 18\.6624\./);
    sync.stop();
  });
});

describe('describeScene for a flat figure', () => {
  it('names the figure, what it is drawn for and where the timeline is', () => {
    const store = createAppStore();
    store.getState().resetDocument(presetScene('chain-fork')!);
    const text = describeScene(store.getState(), 3);
    expect(text).toContain('Computation graph of a^2 + 3a at 2');
    expect(text).toMatch(/Timeline at 3 of \d+\./);
    // Nothing of the function plot it is not.
    expect(text).not.toMatch(/Surface|Curve|No runs/);
  });
});
