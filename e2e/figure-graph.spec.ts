/**
 * The computation-graph figure (chapter §3): the presets show the chapter's numbers on the
 * graph's nodes (full precision in `data-value` / `data-grad` of each `graph-node`), the
 * playhead reveals values on the forward pass and gradients on the backward pass, and the
 * expression and point can be edited, a bad expression being refused with nothing changed.
 *
 * With DESCENT_SHOTS=1 it also writes screenshots of every graph preset at 1280×720 and
 * 1920×1080, light and dark, mid-backward-pass and at the end, into /tmp/shots/graph/.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { backprop } from '../shared/graph/index.ts';
import { PRESETS } from '../shared/scene/presets.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import {
  canvasStats,
  canvasThumbnail,
  commitNumber,
  counterStep,
  openApp,
  openPreset,
  thumbnailDistance,
} from './helpers.ts';

/** The node row whose label (as buildGraph names it) is `label`. */
function node(page: Page, label: string): Locator {
  return page.locator(`[data-testid="graph-node"][data-label="${label}"]`);
}

/** data-value and data-grad of every node, in node order. */
async function nodeNumbers(page: Page): Promise<{ id: string; value: string; grad: string }[]> {
  return page.getByTestId('graph-node').evaluateAll((rows) =>
    rows.map((r) => ({
      id: r.getAttribute('data-id') ?? '',
      value: r.getAttribute('data-value') ?? '',
      grad: r.getAttribute('data-grad') ?? '',
    })),
  );
}

/** Waits until the figure's canvas shows more than its background. */
async function expectDrawn(page: Page): Promise<void> {
  await expect(async () => {
    const stats = await canvasStats(page);
    expect(stats.foreground, 'share of drawn pixels').toBeGreaterThan(0.02);
    expect(stats.colors, 'distinct colours').toBeGreaterThan(8);
  }).toPass({ timeout: 15_000 });
}

/** Moves the playhead with the keyboard on the scrubber (Home: start, End: end). */
async function scrub(page: Page, key: 'Home' | 'End'): Promise<void> {
  await page.getByTestId('timeline').press(key);
}

test('(3x + 1)² at x = 1: f = 16 and df/dx = 24, revealed pass by pass', async ({ page }) => {
  await openPreset(page, 'chain-3x-plus-1');
  await expectDrawn(page);
  // The preset opens at the end: both passes shown.
  await expect(node(page, 'x')).toHaveAttribute('data-value', '1');
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '24');
  await expect(node(page, '²')).toHaveAttribute('data-value', '16');
  await expect(node(page, '²')).toHaveAttribute('data-grad', '1');
  await expect(node(page, '+')).toHaveAttribute('data-value', '4');
  await expect(node(page, '+')).toHaveAttribute('data-grad', '8');
  await expect(page.getByTestId('graph-gradient')).toHaveAttribute('data-value', '24');
  await expect(page.getByTestId('graph-output')).toHaveAttribute('data-value', '16');
  // The chain, link by link: the square passes back 2·4 = 8, the product 8·3 = 24.
  const square = page.locator('[data-testid="graph-edge"][data-to="n5"]');
  await expect(square).toHaveAttribute('data-local', '8');
  const intoX = page.locator('[data-testid="graph-edge"][data-from="n1"]');
  await expect(intoX).toHaveAttribute('data-local', '3');
  await expect(intoX).toHaveAttribute('data-contribution', '24');
  const end = await canvasThumbnail(page);

  // Back to the start: nothing computed yet.
  await scrub(page, 'Home');
  expect(await counterStep(page)).toBe(0);
  await expect(node(page, 'x')).toHaveAttribute('data-value', '');
  for (const n of await nodeNumbers(page)) expect(n).toMatchObject({ value: '', grad: '' });
  await expect(page.getByTestId('graph-gradient')).toHaveAttribute('data-value', '');
  await expect(async () => {
    expect(thumbnailDistance(await canvasThumbnail(page), end)).toBeGreaterThan(0.5);
  }).toPass();

  // The forward pass: every value, no gradient.
  await page.getByTestId('graph-forward').click();
  expect(await counterStep(page)).toBe(6);
  await expect(node(page, '²')).toHaveAttribute('data-value', '16');
  const forward = await nodeNumbers(page);
  expect(forward.map((n) => n.value)).toEqual(['3', '1', '3', '1', '4', '16']);
  expect(forward.every((n) => n.grad === '')).toBe(true);

  // One step into the backward pass: the output's gradient 1 is final, nothing else yet.
  await page.getByTestId('step-forward').click();
  await expect(node(page, '²')).toHaveAttribute('data-grad', '1');
  await expect(node(page, '+')).toHaveAttribute('data-grad', '');

  // The backward pass: every gradient.
  await page.getByTestId('graph-backward').click();
  expect(await counterStep(page)).toBe(17);
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '24');
  const backward = await nodeNumbers(page);
  expect(backward.map((n) => n.grad)).toEqual(['8', '24', '8', '8', '8', '1']);
  await scrub(page, 'End');
  await expect(async () => {
    expect(thumbnailDistance(await canvasThumbnail(page), end)).toBeLessThan(0.5);
  }).toPass();
});

test('the fork a² + 3a at a = 2: two contributions, 4 and 3, add to 7', async ({ page }) => {
  await openPreset(page, 'chain-fork');
  await expectDrawn(page);
  const a = node(page, 'a');
  await expect(a).toHaveAttribute('data-grad', '7');
  await expect(a).toHaveAttribute('data-value', '2');
  const id = await a.getAttribute('data-id');
  const out = page.locator(`[data-testid="graph-edge"][data-from="${id}"]`);
  await expect(out).toHaveCount(2);
  const flows = (await out.evaluateAll((rows) =>
    rows.map((r) => Number(r.getAttribute('data-contribution'))),
  )) as number[];
  expect(flows.sort()).toEqual([3, 4]);
  // The sum shows at the node.
  await expect(a).toContainText('= 4 + 3');
  await expect(node(page, '+')).toHaveAttribute('data-value', '10');
});

test('typing an expression and a point redraws the graph; a bad one changes nothing', async ({
  page,
}) => {
  await openPreset(page, 'chain-3x-plus-1');
  const input = page.getByTestId('graph-input');
  const before = await nodeNumbers(page);

  // A bad expression: an error under the field, the graph as it was.
  await input.fill('x +');
  await input.press('Enter');
  await expect(page.getByTestId('graph-error')).toBeVisible();
  await expect(page.getByTestId('graph-error')).toHaveAttribute('role', 'alert');
  expect(await nodeNumbers(page)).toEqual(before);
  await expect(page.getByTestId('graph-gradient')).toHaveAttribute('data-value', '24');

  // A point: x = 2 gives f′ = 6(3·2 + 1) = 42.
  await input.press('Escape');
  await commitNumber(page.getByTestId('graph-at-x'), 2);
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '42');
  await expect(node(page, '²')).toHaveAttribute('data-value', '49');

  // Two variables: the point grows to (2, 1), and both passes stay on show.
  await input.fill('x^2 + x*y');
  await input.press('Enter');
  await expect(page.getByTestId('graph-error')).toHaveCount(0);
  await expect(page.getByTestId('graph-node')).toHaveCount(5);
  await expect(page.getByTestId('graph-at-y')).toHaveValue('1');
  await expect(node(page, 'x')).toHaveAttribute('data-grad', '5');
  await expect(node(page, 'y')).toHaveAttribute('data-grad', '2');
  await expect(page.getByTestId('graph-gradient')).toHaveCount(2);
  await expect(page.getByTestId('graph-output')).toHaveAttribute('data-value', '6');
  expect(await counterStep(page)).toBe(15);
  await expectDrawn(page);
  // One undo brings the old expression back with its point.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(input).toHaveValue('(3x + 1)^2');
  await expect(page.getByTestId('graph-node')).toHaveCount(6);
});

const GRAPH_PRESETS = PRESETS.filter((p) => p.scene.kind === 'graph');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** The position half-way through the last step that sends a contribution back. */
function midBackward(source: string, at: readonly number[]): number {
  const steps = backprop(source, at).steps;
  const edges = steps.flatMap((s, i) => ('edge' in s ? [i] : []));
  return edges.at(-1)! + 0.5;
}

// Only on request: it writes files outside the repository for a person to look at.
if (process.env.DESCENT_SHOTS) {
  test('screenshots of the graph presets', async ({ page }) => {
    test.setTimeout(60_000 + GRAPH_PRESETS.length * 40_000);
    expect(GRAPH_PRESETS.length).toBeGreaterThanOrEqual(2);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const preset of GRAPH_PRESETS) {
        for (const theme of ['light', 'dark'] as const) {
          const view = { ...preset.scene.view, theme };
          const { f, at } = preset.scene.figure;
          const position = midBackward(f, at);
          const mid = { ...preset.scene, view, timeline: { ...preset.scene.timeline, position } };
          const end = { ...preset.scene, view };
          for (const [name, scene] of [
            ['mid', mid],
            ['end', end],
          ] as const) {
            await openApp(page, sceneFragment(scene));
            await expectDrawn(page);
            const file = `${preset.id}-${size.width}x${size.height}-${theme}-${name}.png`;
            await page.screenshot({ path: `/tmp/shots/graph/${file}` });
          }
        }
      }
    }
  });
}
