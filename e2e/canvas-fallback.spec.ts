/**
 * A 3D view that cannot draw never takes the app down: without WebGL (no GPU, no software
 * fallback) the view shows a plain message and every panel keeps working; a graphics context
 * the driver takes away shows the message until it comes back, then the view draws again.
 */
import { expect, test } from '@playwright/test';
import { expectColumn, expectSurfaceDrawn, openApp, withoutWebGL } from './helpers.ts';

test('without WebGL the view says so and the panels keep working', async ({ page }) => {
  await withoutWebGL(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openApp(page);

  const failure = page.getByTestId('canvas-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('The 3D view could not start:');
  await expect(failure).toContainText('Other panels keep working.');
  await expect(page.getByTestId('canvas').locator('canvas')).toHaveCount(0);

  // The left panel still edits the scene, and the numbers follow (∂f/∂y = 6y at y = 2).
  const input = page.getByTestId('expression-input');
  await input.fill('x^2 + 3*y^2');
  await input.press('Enter');
  await expect(page.getByTestId('surface-select')).toHaveValue('__expression');
  await expectColumn(page, '∂f/∂y', [12]);
  await expect(page.getByTestId('lr-input')).toBeEditable();
  await expect(failure).toBeVisible();
  expect(errors).toEqual([]);
});

test('a lost graphics context shows the message until it is restored', async ({ page }) => {
  await openApp(page);
  await expectSurfaceDrawn(page);
  await page.getByTestId('canvas').evaluate((view) => {
    const canvas = view.querySelector('canvas')!;
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    const lose = gl?.getExtension('WEBGL_lose_context');
    if (!lose) throw new Error('no WEBGL_lose_context here');
    (window as unknown as { loseContext: WEBGL_lose_context }).loseContext = lose;
    lose.loseContext();
  });
  const failure = page.getByTestId('canvas-failure');
  await expect(failure).toContainText('The 3D view stopped:');
  await expect(failure).toContainText('Other panels keep working.');

  await page.evaluate(() =>
    (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.restoreContext(),
  );
  await expect(failure).toHaveCount(0);
  await expectSurfaceDrawn(page);
});
