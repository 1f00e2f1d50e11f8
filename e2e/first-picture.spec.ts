/**
 * The first picture comes first: on opening, the side panels fill only once the view has drawn
 * its surface (or after PANELS_WAIT_MS at most), their boxes are laid out from the start so the
 * view does not move when they fill, and a scene the view cannot draw does not hold them back.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PANEL_IDS } from '../renderer/src/panels/PanelToggle.tsx';
import { PANELS_WAIT_MS } from '../renderer/src/view/firstPicture.ts';
import { skipStartPage, withoutWebGL } from './helpers.ts';

interface Seen {
  /** When the app's layout first appeared, and when each panel first had contents (ms). */
  app?: number;
  left?: number;
  right?: number;
  /** The view's box when the layout appeared and when the last panel filled. */
  viewAtStart?: number[];
  viewAtFill?: number[];
}

/** Records, from the page's first script on, when the layout and each panel's contents appear. */
async function watchPanels(page: Page): Promise<void> {
  await page.addInitScript((ids) => {
    const seen: Seen = {};
    (window as unknown as { seen: Seen }).seen = seen;
    const box = () => {
      const r = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      return r ? [r.x, r.y, r.width, r.height] : [];
    };
    new MutationObserver(() => {
      const now = performance.now();
      if (seen.app === undefined && document.querySelector('main.layout')) {
        seen.app = now;
        seen.viewAtStart = box();
      }
      for (const side of ['left', 'right'] as const) {
        if (seen[side] === undefined && document.getElementById(ids[side])?.firstElementChild) {
          seen[side] = now;
          seen.viewAtFill = box();
        }
      }
    }).observe(document, { childList: true, subtree: true });
  }, PANEL_IDS);
}

const readSeen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

test('the side panels fill after the first picture, and the view does not move', async ({
  page,
}) => {
  await skipStartPage(page);
  await watchPanels(page);
  await page.goto('./#preset=bowl-2d');
  await expect(page.getByTestId('step-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('expression-input')).toBeVisible();

  const seen = await readSeen(page);
  const surface = await page.evaluate(
    () => performance.getEntriesByName('descent:first-surface')[0]?.startTime,
  );
  expect(surface, 'the first surface was marked').toBeGreaterThan(0);
  expect(seen.app).toBeGreaterThan(0);
  // Both panels were empty when the layout appeared, and filled after the picture (or, on a
  // machine too slow for it, after the longest wait).
  const due = Math.min(surface!, seen.app! + PANELS_WAIT_MS);
  for (const side of ['left', 'right'] as const) {
    expect(seen[side], `${side} panel filled`).toBeGreaterThanOrEqual(due - 1);
  }
  expect(seen.viewAtStart!.length).toBe(4);
  expect(seen.viewAtFill).toEqual(seen.viewAtStart);
});

test('a view that cannot draw does not hold the panels back', async ({ page }) => {
  await skipStartPage(page);
  await watchPanels(page);
  await withoutWebGL(page);
  await page.goto('./#preset=bowl-2d');
  await expect(page.getByTestId('canvas-failure')).toBeVisible();
  await expect(page.getByTestId('expression-input')).toBeEditable();
  // The failure itself released the panels, before the longest wait would have.
  const seen = await readSeen(page);
  expect(seen.left! - seen.app!).toBeLessThan(PANELS_WAIT_MS);
});
