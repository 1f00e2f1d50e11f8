/**
 * Visual regression for a handful of key figures: light theme, the tests' fixed window, a fixed
 * step. Each canvas is compared with a committed baseline within a tolerance that software
 * WebGL (SwiftShader) keeps stable from run to run. Update the baselines on purpose only:
 * `npx playwright test e2e/figures-visual.spec.ts --update-snapshots`, then look at them.
 */
import { expect, test } from '@playwright/test';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import type { CameraPreset } from '../shared/scene/document.ts';
import { presetScene } from '../shared/scene/presets.ts';
import { openApp } from './helpers.ts';

/** The figures, each at a step where it says what it is for. */
const FIGURES: { preset: string; camera?: CameraPreset; step: number }[] = [
  { preset: 'lr-compare', step: 3 },
  { preset: 'zigzag', camera: 'top', step: 20 },
  { preset: 'zigzag', camera: 'three-quarter', step: 20 },
  { preset: 'momentum-vs-gd', camera: 'top', step: 500 },
  { preset: 'saddle', camera: 'front', step: 10 },
  { preset: 'taylor-x2', step: 0 },
];

// Baselines are drawn by Linux's SwiftShader with Debian's fonts; other systems draw text
// and antialiasing differently, so there the comparison would only measure that.
test.skip(
  process.platform !== 'linux',
  `visual baselines are made on Linux; this is ${process.platform}`,
);

for (const figure of FIGURES) {
  const name = `${figure.preset}-${figure.camera ?? 'curve'}-step${figure.step}`;
  test(`${name} looks as it did`, async ({ page }) => {
    const scene = presetScene(figure.preset)!;
    scene.view.theme = 'light';
    if (figure.camera) scene.camera = { preset: figure.camera };
    scene.timeline.position = figure.step;
    await openApp(page, sceneFragment(scene));
    await expect(page.getByTestId('canvas')).toHaveAttribute(
      'data-projection',
      figure.camera === 'three-quarter' ? 'perspective' : /perspective|orthographic/,
    );
    // The overlays (text, colour bar) are part of the figure too: the whole view is compared.
    await expect(page.getByTestId('canvas')).toHaveScreenshot(`${name}.png`, {
      maxDiffPixelRatio: 0.01,
      threshold: 0.2,
      animations: 'disabled',
    });
  });
}
