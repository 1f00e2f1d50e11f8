/**
 * Lessons and present mode in the browser build: the slide sorter builds a lesson from scenes,
 * the built-in "Calculus for ML" opens, and present mode answers a clicker's keys (beats, then
 * slides; number + Enter; blackout), keeps η live, drives the presenter window, and gives the
 * editor back as it was on Esc.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { canvasStats, canvasThumbnail, openApp, openPreset, thumbnailDistance } from './helpers.ts';
import { calculusLesson } from '../shared/lesson/builtin.ts';

const present = (page: Page) => page.getByTestId('present');
/** Slides of the built-in lesson (one per chapter preset). */
const SLIDES = calculusLesson().slides.length;
/** The 1-based number of the built-in lesson's slide `id` (a new preset moves the later ones). */
const slideOf = (id: string): number => calculusLesson().slides.findIndex((s) => s.id === id) + 1;

/** Opens the built-in lesson from the slide sorter. */
async function openBuiltinLesson(page: Page): Promise<void> {
  await page.getByTestId('lesson-button').click();
  await page.getByTestId('lesson-builtin').click();
  await expect(page.getByTestId('slide-card')).toHaveCount(SLIDES);
}

/** Jumps to slide `n` (1-based) the way a presenter does: the number, then Enter. */
async function jumpTo(page: Page, n: number): Promise<void> {
  await page.keyboard.type(String(n));
  await page.keyboard.press('Enter');
  await expect(present(page)).toHaveAttribute('data-slide', String(n));
}

test.describe('the slide sorter', () => {
  test('builds a lesson from scenes: add, reorder, duplicate, delete, undo, notes', async ({
    page,
  }) => {
    await openPreset(page, 'gd-x2');
    await page.getByTestId('lesson-button').click();
    await page.getByTestId('lesson-new').click();
    const cards = page.getByTestId('slide-card');
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText('Gradient descent on x²');
    // gd-x2 has markers 0, 1, 2, 3 → three beats.
    await expect(cards.first()).toContainText('3 beats');

    // A second scene, added after the first.
    await page.getByTestId('presets-button').click();
    await page.getByRole('dialog').getByText('The saddle x² − y²').click();
    await expect(page.getByLabel('Scene title')).toHaveValue('The saddle x² − y²');
    // Another document in the editor leaves the slide as it was.
    await expect(cards.first()).not.toHaveAttribute('aria-current', 'true');
    await page.getByTestId('slide-add').click();
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');

    // Title and notes of the edited slide.
    await page.getByTestId('slide-title').fill('Saddle');
    await page.getByTestId('slide-notes').fill('Start one run on the axis.');
    await page.getByTestId('slide-notes').blur();
    await expect(cards.nth(1)).toContainText('Saddle');

    // Keyboard reorder: Alt+← moves the focused card left.
    await cards.nth(1).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(cards.first()).toContainText('Saddle');
    // Drag it back to the end.
    await cards.first().dragTo(cards.nth(1), { targetPosition: { x: 100, y: 10 } });
    await expect(cards.nth(1)).toContainText('Saddle');

    // Duplicate, delete, undo the delete.
    await page.getByTestId('slide-duplicate').click();
    await expect(cards).toHaveCount(3);
    await cards.nth(2).click();
    await page.getByTestId('slide-delete').click();
    await expect(cards).toHaveCount(2);
    await page.getByTestId('lesson-undo').click();
    await expect(cards).toHaveCount(3);
    await page.getByTestId('lesson-redo').click();
    await expect(cards).toHaveCount(2);

    // Clicking a slide opens its scene for editing.
    await cards.first().click();
    await expect(page.getByLabel('Scene title')).toHaveValue('Gradient descent on x²');
    await cards.nth(1).click();
    await expect(page.getByLabel('Scene title')).toHaveValue('The saddle x² − y²');
    await expect(page.getByTestId('slide-notes')).toHaveValue('Start one run on the axis.');

    // Save offers a lesson file that reads back as the same slides.
    const download = page.waitForEvent('download');
    await page.getByTestId('lesson-save').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Untitled lesson.descent-lesson.json');
    const text = await (await file.createReadStream()).toArray();
    const saved = JSON.parse(Buffer.concat(text).toString('utf8')) as {
      version: number;
      slides: { title: string; notes: string; scene: { title: string } }[];
    };
    expect(saved.version).toBe(1);
    expect(saved.slides.map((s) => s.title)).toEqual(['Gradient descent on x²', 'Saddle']);
    expect(saved.slides[1]!.notes).toBe('Start one run on the axis.');
  });

  test('the start page opens the built-in lesson', async ({ page }) => {
    // A first run: the start page shows.
    await page.goto('./');
    await page.getByTestId('start-lesson').click();
    await expect(page.getByTestId('start-page')).toHaveCount(0);
    await expect(page.getByTestId('slide-card')).toHaveCount(SLIDES);
    await expect(page.getByTestId('lesson-title')).toHaveValue('Calculus for ML');
    await expect(page.getByLabel('Scene title')).toHaveValue('Slope of x² at x = 3');
  });

  test('a damaged lesson file is refused with a message and changes nothing', async ({ page }) => {
    await openApp(page);
    await openBuiltinLesson(page);
    await page.getByTestId('lesson-file-input').setInputFiles({
      name: 'broken.descent-lesson.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version": 99, "title": "x", "slides": []}'),
    });
    await expect(page.getByRole('alert')).toContainText('newer Descent Studio');
    await expect(page.getByTestId('slide-card')).toHaveCount(SLIDES);
  });
});

test.describe('present mode', () => {
  test('clicker keys step through beats and slides; blackout; Esc gives the editor back', async ({
    page,
  }) => {
    await openApp(page);
    await openBuiltinLesson(page);
    // Edit slide 2 a little so we can see it comes back after presenting.
    await page.getByTestId('slide-card').nth(1).click();
    const editedTitle = await page.getByLabel('Scene title').inputValue();

    await page.keyboard.press('F5');
    await expect(present(page)).toBeVisible();
    await expect(present(page)).toHaveAttribute('data-slide', '2');
    await expect(page.getByTestId('present-title')).toContainText('§1');
    await expect(page.getByTestId('slide-sorter')).toHaveCount(0);

    // Home, then gd-x2: three beats of one step each, then the next slide.
    await page.keyboard.press('Home');
    await expect(present(page)).toHaveAttribute('data-slide', '1');
    await jumpTo(page, slideOf('gd-x2'));
    await expect(page.getByTestId('present-title')).toContainText('Gradient descent on x²');
    await expect(present(page)).toHaveAttribute('data-stop', '0');
    for (const [key, stop] of [
      ['PageDown', '1'],
      ['ArrowRight', '2'],
      ['Space', '3'],
    ] as const) {
      await page.keyboard.press(key);
      await expect(present(page)).toHaveAttribute('data-stop', stop);
      // The beat plays (one step per second here) and stops on its own.
      await expect(present(page)).toHaveAttribute('data-playing', 'false');
    }
    await page.keyboard.press('Enter');
    await expect(present(page)).toHaveAttribute('data-slide', String(slideOf('lr-compare')));
    // Back from a slide's start shows the previous slide as it ends.
    await page.keyboard.press('PageUp');
    await expect(present(page)).toHaveAttribute('data-slide', String(slideOf('gd-x2')));
    await expect(present(page)).toHaveAttribute('data-stop', '3');
    await page.keyboard.press('ArrowLeft');
    await expect(present(page)).toHaveAttribute('data-stop', '2');

    // Forward during a beat finishes it at once, as a click during a slide animation does:
    // the bowl's last beat is 28 steps at 3 steps per second.
    await jumpTo(page, slideOf('bowl-2d'));
    for (const stop of ['1', '2']) {
      await page.keyboard.press('PageDown');
      await expect(present(page)).toHaveAttribute('data-stop', stop);
      await expect(present(page)).toHaveAttribute('data-playing', 'false');
    }
    await page.keyboard.press('PageDown');
    await expect(present(page)).toHaveAttribute('data-playing', 'true');
    await page.keyboard.press('PageDown');
    await expect(present(page)).toHaveAttribute('data-playing', 'false');
    await expect(present(page)).toHaveAttribute('data-stop', '3');
    await expect(present(page)).toHaveAttribute('data-slide', String(slideOf('bowl-2d')));

    // Blackout with B, back with B; "." too.
    await page.keyboard.press('b');
    await expect(page.getByTestId('present-blackout')).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.getByTestId('present-blackout')).toHaveCount(0);
    await page.keyboard.press('.');
    await expect(present(page)).toHaveAttribute('data-blackout', 'true');
    await page.keyboard.press('.');

    await page.keyboard.press('End');
    await expect(present(page)).toHaveAttribute('data-slide', String(SLIDES));

    // Esc: the editor comes back with the slide that was being edited.
    await page.keyboard.press('Escape');
    await expect(present(page)).toHaveCount(0);
    await expect(page.getByLabel('Scene title')).toHaveValue(editedTitle);
    await expect(page.getByTestId('slide-card').nth(1)).toHaveAttribute('aria-current', 'true');
  });

  test('η stays live during the presentation: on the saddle, and drawn on the zig-zag', async ({
    page,
  }) => {
    await openApp(page);
    await openBuiltinLesson(page);
    await page.getByTestId('present-button').click();
    await expect(present(page)).toBeVisible();
    await expect(page.getByTestId('slide-card')).toHaveCount(0);
    const final = page.getByTestId('present-final');
    const slider = page.getByTestId('present-lr-slider');

    // The saddle: the selected run's end moves with η (η 0.1 → 0.3 in the slider's steps).
    await jumpTo(page, slideOf('saddle'));
    await expect(page.getByTestId('present-title')).toContainText('The saddle x² − y²');
    await expect(final).not.toHaveAttribute('data-value', '');
    const before = await final.getAttribute('data-value');
    await slider.focus();
    for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
    await expect(page.getByTestId('present-controls')).toContainText('0.3');
    await expect(final).not.toHaveAttribute('data-value', before!);
    // The arrow keys belonged to the slider: still the same slide and stop.
    await expect(present(page)).toHaveAttribute('data-slide', String(slideOf('saddle')));
    await expect(present(page)).toHaveAttribute('data-stop', '0');

    // The zig-zag across the narrow bowl: the drawn path follows η (it is drawn in full from
    // the slide's first stop).
    await slider.blur();
    await jumpTo(page, slideOf('zigzag'));
    await expect(page.getByTestId('present-title')).toContainText('Step size against curvature');
    const picture = await canvasThumbnail(page, 256);
    await slider.focus();
    for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
    // The path is a thin line: count the pixels that changed clearly rather than average.
    const changed = async (): Promise<number> => {
      const now = await canvasThumbnail(page, 256);
      return now.filter((v, i) => Math.abs(v - picture[i]!) > 40).length;
    };
    await expect.poll(changed).toBeGreaterThan(30);
  });

  test('the presenter window follows the slides and drives them', async ({ page, context }) => {
    await openApp(page);
    await openBuiltinLesson(page);
    await page.getByTestId('present-button').click();
    await expect(present(page)).toHaveAttribute('data-slide', '1');
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Presenter view' }).click();
    const presenter = await popup;
    const view = presenter.getByTestId('presenter');
    await expect(view).toHaveAttribute('data-slide', '1');
    await expect(presenter.getByTestId('presenter-next')).toContainText('From secant to tangent');
    await expect(presenter.getByTestId('presenter-notes')).not.toBeEmpty();
    await expect(presenter.getByTestId('presenter-elapsed')).toHaveText(/^\d\d:\d\d$/);
    // A picture of what the audience sees, once the slide has settled.
    await expect(presenter.getByTestId('presenter-picture')).toHaveAttribute(
      'src',
      /^data:image\/jpeg;base64,/,
    );

    await page.keyboard.press('PageDown');
    await expect(view).toHaveAttribute('data-slide', '2');
    // The presenter window's own forward button drives the main window (slide 2 plays its one
    // beat first).
    await presenter.getByTestId('presenter-forward').click();
    await expect(present(page)).toHaveAttribute('data-stop', '1');
    await expect(view).toHaveAttribute('data-stop', '1');
    await expect(presenter.getByTestId('presenter-counter')).toContainText('beat 1 of 1');
    await presenter.keyboard.press('b');
    await expect(present(page)).toHaveAttribute('data-blackout', 'true');
  });

  test('every slide of the built-in lesson draws its picture', async ({ page }) => {
    test.setTimeout(180_000);
    await openApp(page);
    await openBuiltinLesson(page);
    await page.getByTestId('present-button').click();
    let previous: number[] | null = null;
    for (let n = 1; n <= SLIDES; n++) {
      if (n > 1) await jumpTo(page, n);
      // Drawn (many colours, a real share of the view) and not the previous slide's picture.
      await expect(async () => {
        const stats = await canvasStats(page);
        expect(stats.colors, `slide ${n}: distinct colours`).toBeGreaterThanOrEqual(20);
        expect(stats.foreground, `slide ${n}: drawn share`).toBeGreaterThan(0.01);
        const now = await canvasThumbnail(page);
        if (previous) expect(thumbnailDistance(previous, now), `slide ${n}`).toBeGreaterThan(0.3);
        previous = now;
      }).toPass({ timeout: 15_000 });
    }
  });

  test('a lone scene presents as one slide', async ({ page }) => {
    await openPreset(page, 'bowl-2d');
    await page.getByTestId('present-button').click();
    await expect(present(page)).toHaveAttribute('data-slides', '1');
    await expect(page.getByTestId('present-title')).toHaveText('Gradient descent on a round bowl');
    await page.keyboard.press('PageDown');
    await expect(present(page)).toHaveAttribute('data-stop', '1');
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('Scene title')).toHaveValue('Gradient descent on a round bowl');
  });
});
