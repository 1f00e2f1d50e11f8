/**
 * Text on a figure stays true and readable: run names follow their settings, a caption says
 * when it may no longer match the scene (and can be edited or hidden), the η slider leaves the
 * keyboard to playback after a drag and spans a range that fits the scene, the step table
 * follows a drag, nothing a user needs is clipped at 1280×720, and the compare table shows the
 * chapter's three-η table.
 */
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { commitNumber, counterStep, expectColumn, openPreset } from './helpers.ts';

/** The legend's entries as text. */
async function legend(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Legend' }).getByRole('listitem').allTextContents();
}

/** Drags the η slider from one fraction of its width to another, with the mouse. */
async function dragSlider(page: Page, from: number, to: number, hold?: () => Promise<void>) {
  const box = await page.getByTestId('lr-slider').boundingBox();
  if (!box) throw new Error('no η slider');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to, y, { steps: 10 });
  if (hold) await hold();
  await page.mouse.up();
}

/** Whether an element's text is cut off (its content is wider or taller than its box). */
function clipped(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
  );
}

test.describe('run names follow their settings', () => {
  test('after dragging η on lr-compare the run reads η = <new value>, once', async ({ page }) => {
    await openPreset(page, 'lr-compare');
    expect(await legend(page)).toEqual(['η = 0.1', 'η = 0.5', 'η = 1.1']);
    // The preset opens with η = 1.1 selected; drag its η down.
    await dragSlider(page, 0.5, 0.3);
    const lr = await page.getByTestId('lr-input').inputValue();
    expect(Number(lr)).not.toBe(1.1);
    const label = `η = ${lr}`;
    await expect.poll(() => legend(page)).toEqual(['η = 0.1', 'η = 0.5', label]);
    expect((await legend(page)).join(' ')).not.toContain('·');
    // Every other place that names the run says the same.
    await expect(page.getByTestId('run-name-input')).toHaveValue(label);
    await expect(page.locator('.step-table-section h2')).toHaveText(`Steps · ${label}`);
    await expect(page.locator('.run-editor h2')).toContainText(label);
  });

  test('a typed name is kept as typed; an emptied one follows the settings again', async ({
    page,
  }) => {
    await openPreset(page, 'gd-x2');
    const name = page.getByTestId('run-name-input');
    await expect(name).toHaveValue('η = 0.1');
    await name.fill('Crawling');
    await name.press('Enter');
    await expect.poll(() => legend(page)).toEqual(['Crawling · η = 0.1']);
    // Renamed: η changes show in the legend's suffix, not in the name.
    await commitNumber(page.getByTestId('lr-input'), '0.5');
    await expect.poll(() => legend(page)).toEqual(['Crawling · η = 0.5']);
    await expect(name).toHaveValue('Crawling');
    await name.fill('');
    await name.press('Enter');
    await expect(name).toHaveValue('GD η = 0.5');
    await expect.poll(() => legend(page)).toEqual(['GD η = 0.5']);
  });
});

test.describe('the caption', () => {
  test('typing sigmoid(x) into derivative-x2 marks the caption as stale', async ({ page }) => {
    await openPreset(page, 'derivative-x2');
    const caption = page.getByTestId('caption');
    await expect(caption).toContainText('Slope of x² at x = 3');
    await expect(page.getByTestId('caption-stale')).toHaveCount(0);

    const f = page.getByTestId('expression-input');
    await f.fill('sigmoid(x)');
    await f.press('Enter');
    const stale = page.getByTestId('caption-stale');
    await expect(stale).toBeVisible();
    await expect(stale).toContainText('May no longer match');
    await expect(caption).toHaveAttribute('data-stale', 'true');

    // Keep: the caption stays and the mark goes; a new domain marks it again.
    await page.getByTestId('caption-stale-keep').click();
    await expect(stale).toHaveCount(0);
    await expect(caption).toContainText('Slope of x² at x = 3');
    await commitNumber(page.getByTestId('domain-x-max'), 6);
    await expect(stale).toBeVisible();

    // Editing the caption makes it current; Clear removes it.
    const edit = page.getByTestId('caption-edit');
    await edit.fill('The slope of the sigmoid at x = 3 is small.');
    await expect(stale).toHaveCount(0);
    await expect(caption).toContainText('The slope of the sigmoid at x = 3 is small.');
    await commitNumber(page.getByTestId('domain-x-max'), 5);
    await page.getByTestId('caption-stale-clear').click();
    await expect(caption).toHaveCount(0);
    await expect(edit).toHaveValue('');

    // Undo brings the caption back, still marked.
    await page.getByTestId('undo').click();
    await expect(stale).toBeVisible();
  });

  test('the caption can be hidden and shown again', async ({ page }) => {
    await openPreset(page, 'gd-x2');
    const caption = page.getByTestId('caption');
    await expect(caption).toBeVisible();
    const hide = page.getByTestId('caption-hide');
    await hide.check();
    await expect(caption).toHaveCount(0);
    // Hidden, it can still be edited.
    await expect(page.getByTestId('caption-edit')).toHaveValue(/From x = 3 with η = 0.1/);
    await hide.uncheck();
    await expect(caption).toBeVisible();
  });
});

test.describe('the η slider', () => {
  test('after a drag the keyboard plays the animation, not η', async ({ page }) => {
    await openPreset(page, 'bowl-2d');
    const lr = page.getByTestId('lr-input');
    await dragSlider(page, 0.5, 0.45);
    const eta = await lr.inputValue();
    await expect(page.getByTestId('lr-slider')).not.toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => counterStep(page)).toBe(2);
    await page.keyboard.press('End');
    await expect.poll(() => counterStep(page)).toBe(30);
    await page.keyboard.press('Home');
    await expect.poll(() => counterStep(page)).toBe(0);
    await expect(lr).toHaveValue(eta);
  });

  test('Space and End play and seek even while the slider has the focus', async ({ page }) => {
    await openPreset(page, 'gd-x2');
    const slider = page.getByTestId('lr-slider');
    await slider.focus();
    await slider.press('End');
    await expect.poll(() => counterStep(page)).toBe(3);
    await expect(page.getByTestId('lr-input')).toHaveValue('0.1');
    await slider.press(' ');
    await expect(page.getByTestId('play')).toHaveAttribute('data-playing', 'true');
  });

  test('its range fits η and widens on demand', async ({ page }) => {
    await openPreset(page, 'momentum-vs-gd');
    const slider = page.getByTestId('lr-slider');
    // η = 0.001: 10⁻⁴ … 10⁻².
    await expect(slider).toHaveAttribute('min', '-4');
    await expect(slider).toHaveAttribute('max', '-2');
    await page.getByTestId('lr-range-up').click();
    await expect(slider).toHaveAttribute('max', '-1');
    // A typed η far outside moves the range to it.
    await commitNumber(page.getByTestId('lr-input'), '0.5');
    await expect(slider).toHaveAttribute('min', '-1');
    await expect(slider).toHaveAttribute('max', '1');
    await expect(page.getByTestId('lr-range-up')).toBeDisabled();
    await page.getByTestId('lr-range-down').click();
    await expect(slider).toHaveAttribute('min', '-2');

    // A drag released at the top end widens it by a decade.
    await openPreset(page, 'gd-x2');
    await expect(slider).toHaveAttribute('max', '0');
    await dragSlider(page, 0.6, 1.2);
    await expect(page.getByTestId('lr-input')).toHaveValue('1');
    await expect(slider).toHaveAttribute('max', '1');
    await expect(slider).toHaveAttribute('min', '-2');
  });

  test('the step table follows while the mouse is still held', async ({ page }) => {
    await openPreset(page, 'gd-x2');
    await expectColumn(page, 'x', [3, 2.4]);
    await dragSlider(page, 0.5, 0.75, async () => {
      // Still pressed: the table already shows the η the slider is at (x₁ = 3 − 6η).
      await expect(async () => {
        const eta = Number(await page.getByTestId('lr-input').inputValue());
        expect(eta).toBeGreaterThan(0.2);
        const x1 = await page
          .getByTestId('step-table')
          .locator('tbody tr[data-step="1"] td')
          .first()
          .getAttribute('data-value');
        expect(Number(x1)).toBeCloseTo(3 - 6 * eta, 9);
      }).toPass({ timeout: 10_000 });
    });
  });
});

test.describe('nothing a user needs is clipped at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the step table scrolls to its last column with the step column in view', async ({
    page,
  }) => {
    for (const [preset, last] of [
      ['zigzag', 'f(x,y)'],
      ['warmup-cosine', 'η'],
    ] as const) {
      await openPreset(page, preset);
      const scroller = page.locator('.step-table-section .table-scroll');
      const header = page.getByTestId('step-table').locator('thead th').last();
      await expect(header).toHaveText(last);
      await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
      const [box, cell, step] = await Promise.all([
        scroller.boundingBox(),
        header.boundingBox(),
        page.getByTestId('step-table').locator('thead th').first().boundingBox(),
      ]);
      // The last header lies inside the scroller, right of the (sticky) step column.
      expect(cell!.x + cell!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
      expect(cell!.x).toBeGreaterThanOrEqual(step!.x + step!.width - 1);
      expect(step!.x).toBeGreaterThanOrEqual(box!.x - 1);
    }
  });

  test('run names, run status and the theme select show their whole text', async ({ page }) => {
    await openPreset(page, 'momentum-vs-gd');
    const statuses = page.getByTestId('run-status');
    await expect(statuses.first()).toContainText('f =');
    for (const status of await statuses.all()) expect(await clipped(status)).toBe(false);
    // The editor's name field wraps a long name rather than cutting it.
    await page
      .getByTestId('run-list')
      .getByRole('listitem')
      .nth(1)
      .getByTestId('run-status')
      .click();
    const name = page.getByTestId('run-name-input');
    await expect(name).toHaveValue('Momentum β = 0.9');
    expect(await clipped(name)).toBe(false);
    await openPreset(page, 'warmup-cosine');
    await expect(name).toHaveValue('Warm-up 10 + cosine, peak η = 0.05');
    expect(await clipped(name)).toBe(false);

    // The theme select is at least as wide as its chosen option's text.
    const theme = page.getByTestId('theme-select');
    const fits = await theme.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = ctx.measureText(el.selectedOptions[0]?.text ?? '').width;
      const room =
        el.clientWidth -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight) -
        // The drop-down arrow.
        16;
      return { text, room };
    });
    expect(fits.room).toBeGreaterThanOrEqual(fits.text);
  });
});

test.describe('the compare table', () => {
  test("lr-compare: the chapter's three-η table, copyable", async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPreset(page, 'lr-compare');
    await page.getByTestId('table-tab-compare').click();
    const table = page.getByTestId('compare-table');
    await expect(table.locator('thead')).toContainText('η = 0.1');
    await expect(table.locator('tbody tr')).toHaveCount(7);
    // One data-value cell per run per quantity in every row.
    for (const row of await table.locator('tbody tr').all()) {
      await expect(row.locator('[data-value]')).toHaveCount(6);
    }
    const values = (run: string, quantity: string) =>
      table
        .locator(`tbody td[data-run-id="${run}"][data-quantity="${quantity}"]`)
        .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
    // Chapter §5: 3 → 2.4 → 1.92 → 1.536; 3 → 0 → 0 → 0; 3 → −3.6 → 4.32 → −5.184.
    const expected = {
      'lr-0.1': [3, 2.4, 1.92, 1.536],
      'lr-0.5': [3, 0, 0, 0],
      'lr-1.1': [3, -3.6, 4.32, -5.184],
    };
    for (const [run, xs] of Object.entries(expected)) {
      const got = await values(run, 'x');
      xs.forEach((x, i) => expect(got[i]).toBeCloseTo(x, 12));
      const f = await values(run, 'f');
      xs.forEach((x, i) => expect(f[i]).toBeCloseTo(x * x, 12));
    }
    // The row at the playhead is marked, and a click on a row seeks there.
    await table.locator('tbody tr[data-step="2"]').click();
    await expect(table.locator('tbody tr.current')).toHaveAttribute('data-step', '2');

    await page.getByTestId('compare-copy-markdown').click();
    await expect(page.getByTestId('notice')).toContainText('Copied the compare table as Markdown');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.split('\n').slice(0, 5)).toEqual([
      '| step | x (η = 0.1) | f (η = 0.1) | x (η = 0.5) | f (η = 0.5) | x (η = 1.1) | f (η = 1.1) |',
      '|---|---|---|---|---|---|---|',
      '| 0 | 3.000 | 9.000 | 3.000 | 9.000 | 3.000 | 9.000 |',
      '| 1 | 2.400 | 5.760 | 0.000 | 0.000 | -3.600 | 12.960 |',
      '| 2 | 1.920 | 3.686 | 0.000 | 0.000 | 4.320 | 18.662 |',
    ]);
  });

  test('shows only visible runs, and y for f of two variables', async ({ page }) => {
    await openPreset(page, 'zigzag');
    await page.getByTestId('table-tab-compare').click();
    const table = page.getByTestId('compare-table');
    await expect(table.locator('tbody tr').first().locator('[data-value]')).toHaveCount(9);
    await page
      .getByTestId('run-list')
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: /^Hide/ })
      .click();
    await expect(table.locator('tbody tr').first().locator('[data-value]')).toHaveCount(6);
    await expect(table.locator('thead th[data-run-id]')).toHaveCount(2);
  });
});
