/**
 * Shared steps and readers for the browser e2e specs. Everything reads what a user (or an
 * external acceptance test) can see: the stable `data-testid`s, the step table's full-precision
 * `data-value` cells, and the pixels of the WebGL canvas.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { UI_PREFS_KEY } from '../renderer/src/store/persistence.ts';

/** One row of the step table: its step number and numeric cells (null where it shows a dash). */
export interface TableRow {
  step: number;
  cells: (number | null)[];
}

/** The step table as shown: column headers (without "step"), rows, and the highlighted step. */
export interface StepTableView {
  headers: string[];
  rows: TableRow[];
  /** `data-step` of the row marked current (the playhead's row), or null. */
  current: number | null;
}

/**
 * Makes the page start as for a user who turned the start page off (every test starts with empty
 * storage, where a real first run shows it). Only where nothing is stored yet, so preferences a
 * test changes survive its reloads. e2e/start-page.spec.ts tests the start page itself.
 */
export async function skipStartPage(page: Page): Promise<void> {
  await page.addInitScript((key) => {
    if (localStorage.getItem(key) === null) {
      localStorage.setItem(key, JSON.stringify({ showStartPage: false }));
    }
  }, UI_PREFS_KEY);
}

/** As on a machine where Chromium offers no WebGL at all: every WebGL context request fails. */
export async function withoutWebGL(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (
      this: HTMLCanvasElement,
      type: string,
      ...rest: unknown[]
    ) {
      if (/webgl/i.test(type)) return null;
      return (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof getContext;
  });
}

/**
 * Opens the app (optionally at a `#preset=` / `#scene=` fragment) and waits until it has
 * solved something: the step table has rows and the formula is typeset, or a figure has drawn. The start page is off
 * (see {@link skipStartPage}).
 */
export async function openApp(page: Page, fragment = ''): Promise<void> {
  await skipStartPage(page);
  await page.goto(`./${fragment}`);
  // A flat figure (secant, graph, integral, …) has no step table or formula overlay: it is
  // ready once it has painted its picture.
  const plot = page.getByTestId('step-table').locator('tbody tr').first();
  const figure = page.locator('canvas[data-figure-painted="true"]');
  await expect(plot.or(figure)).toBeVisible();
  if ((await figure.count()) === 0) await expect(page.getByTestId('formula')).toBeVisible();
}

/** Opens a chapter preset through its link, `#preset=ID`. */
export async function openPreset(page: Page, id: string): Promise<void> {
  await openApp(page, `#preset=${id}`);
  // The link opened the preset (its title is the scene title), not the default scene.
  await expect(page.getByLabel('Scene title')).not.toHaveValue('Untitled scene');
}

/**
 * Reads the whole step table in one round trip. The table is virtualised (only the rows in view
 * are in the DOM), so this scrolls it from the top to the bottom, collecting the rows as they
 * come into view, and puts the scroll position back.
 */
export async function readTable(page: Page): Promise<StepTableView> {
  return page.getByTestId('step-table').evaluate(async (table: HTMLTableElement) => {
    const headers = [...table.querySelectorAll('thead th')]
      .slice(1)
      .map((th) => th.textContent?.trim() ?? '');
    const count = Number(table.dataset.rowCount ?? 0);
    const scroller = table.closest<HTMLElement>('.table-scroll')!;
    const rows = new Map<number, { step: number; cells: (number | null)[] }>();
    let current: number | null = null;
    const collect = (): void => {
      for (const tr of table.querySelectorAll('tbody tr')) {
        const step = Number(tr.getAttribute('data-step'));
        if (tr.classList.contains('current')) current = step;
        rows.set(step, {
          step,
          // The first cell is the step itself; the rest carry full-precision `data-value`s.
          cells: [...tr.children].slice(1).map((td) => {
            const v = td.getAttribute('data-value');
            return v === null ? null : Number(v);
          }),
        });
      }
    };
    // The table renders the rows for a new scroll position on the next frame.
    const rendered = (): Promise<void> =>
      new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    const kept = scroller.scrollTop;
    collect();
    if (rows.size < count) {
      scroller.scrollTop = 0;
      await rendered();
      collect();
      while (
        rows.size < count &&
        scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight
      ) {
        scroller.scrollTop += Math.max(1, scroller.clientHeight - 40);
        await rendered();
        collect();
      }
      scroller.scrollTop = kept;
    }
    return {
      headers,
      rows: [...rows.values()].sort((a, b) => a.step - b.step),
      current,
    };
  });
}

/** The values of one column (by its header, e.g. 'x', 'f(x)', '∂f/∂y'), top to bottom. */
export function column(table: StepTableView, header: string): (number | null)[] {
  const index = table.headers.indexOf(header);
  if (index < 0) throw new Error(`no column '${header}' in [${table.headers.join(', ')}]`);
  return table.rows.map((r) => r.cells[index] ?? null);
}

/**
 * Waits (retrying) until the first values of a column are close to `expected` (absolute error
 * below 10^-digits / 2, as toBeCloseTo), e.g. x = 3, 2.4, 1.92, 1.536. The table follows the
 * scene asynchronously (worker + deferred render), so a single read could see the old rows.
 */
export async function expectColumn(
  page: Page,
  header: string,
  expected: readonly number[],
  digits = 9,
): Promise<void> {
  await expect(async () => {
    const values = column(await readTable(page), header);
    expect(values.length, `rows in column ${header}`).toBeGreaterThanOrEqual(expected.length);
    expected.forEach((e, i) => {
      const v = values[i];
      expect(v, `${header} at step ${i}`).not.toBeNull();
      expect(v!, `${header} at step ${i}`).toBeCloseTo(e, digits);
    });
  }).toPass({ timeout: 10_000 });
}

/** Waits until the table has exactly `count` rows (its `data-row-count`: it is virtualised). */
export async function expectRowCount(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('step-table')).toHaveAttribute('data-row-count', String(count));
}

/** The `data-step` of the highlighted (current) row; waits for it to equal `step`. */
export async function expectCurrentStep(page: Page, step: number): Promise<void> {
  await expect(page.getByTestId('step-table').locator('tbody tr.current')).toHaveAttribute(
    'data-step',
    String(step),
  );
}

/** The step the timeline counter shows ("step 3 / 30" → 3). */
export async function counterStep(page: Page): Promise<number> {
  const text = (await page.locator('.step-counter').textContent()) ?? '';
  const m = /step (\d+) \/ (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected step counter '${text}'`);
  return Number(m[1]);
}

/** Types a value into a number field and commits it with Enter. */
export async function commitNumber(field: Locator, value: string | number): Promise<void> {
  await field.fill(String(value));
  await field.press('Enter');
}

/** Colour statistics of what the WebGL canvas last drew. */
export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct colours (quantized to 5 bits per channel, so antialiasing noise does not count). */
  colors: number;
  /** The most frequent colour (the clear colour in practice) as [r, g, b]. */
  background: [number, number, number];
  /** Share of pixels that differ clearly from the background colour (0..1). */
  foreground: number;
  /** Share of clearly coloured pixels (max − min channel > 60), e.g. the viridis surface. */
  colorful: number;
}

/**
 * Reads the WebGL canvas inside the view (the app keeps its drawing buffer for exports) by
 * drawing it into a 2D canvas in the page, and summarizes its colours. The HTML overlays over
 * the view (formula, caption, legend) are not part of it.
 */
/** Pixels of the view's canvas within `tolerance` (sum of |ΔR|+|ΔG|+|ΔB|) of a #rrggbb colour. */
export async function colorPixels(page: Page, hex: string, tolerance = 30): Promise<number> {
  return page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate(
      (gl: HTMLCanvasElement, { hex, tolerance }) => {
        const copy = document.createElement('canvas');
        copy.width = gl.width;
        copy.height = gl.height;
        const ctx = copy.getContext('2d', { willReadFrequently: true });
        if (!ctx || gl.width === 0 || gl.height === 0) return 0;
        ctx.drawImage(gl, 0, 0);
        const data = ctx.getImageData(0, 0, gl.width, gl.height).data;
        const r = parseInt(hex.slice(1, 3), 16);
        const g = parseInt(hex.slice(3, 5), 16);
        const b = parseInt(hex.slice(5, 7), 16);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const d =
            Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b);
          if (d <= tolerance) n++;
        }
        return n;
      },
      { hex, tolerance },
    );
}

export async function canvasStats(page: Page): Promise<CanvasStats> {
  return page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate((gl: HTMLCanvasElement) => {
      const width = gl.width;
      const height = gl.height;
      const copy = document.createElement('canvas');
      copy.width = width;
      copy.height = height;
      const ctx = copy.getContext('2d', { willReadFrequently: true });
      if (!ctx || width === 0 || height === 0) {
        return { width, height, colors: 0, background: [0, 0, 0], foreground: 0, colorful: 0 };
      }
      ctx.drawImage(gl, 0, 0);
      const data = ctx.getImageData(0, 0, width, height).data;
      const counts = new Map<number, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = ((data[i]! >> 3) << 10) | ((data[i + 1]! >> 3) << 5) | (data[i + 2]! >> 3);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let bgKey = 0;
      let bgCount = -1;
      for (const [key, n] of counts) {
        if (n > bgCount) {
          bgKey = key;
          bgCount = n;
        }
      }
      const bg: [number, number, number] = [
        ((bgKey >> 10) & 31) << 3,
        ((bgKey >> 5) & 31) << 3,
        (bgKey & 31) << 3,
      ];
      let foreground = 0;
      let colorful = 0;
      const pixels = width * height;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i]!;
        const g = data[i + 1]!;
        const b = data[i + 2]!;
        if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 48) foreground++;
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) colorful++;
      }
      return {
        width,
        height,
        colors: counts.size,
        background: bg,
        foreground: foreground / pixels,
        colorful: colorful / pixels,
      };
    });
}

/** Waits until the canvas shows a lit, coloured surface (many colours, much of it coloured). */
export async function expectSurfaceDrawn(page: Page): Promise<CanvasStats> {
  let stats: CanvasStats | null = null;
  await expect(async () => {
    stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(0);
    expect(stats.colors, 'distinct colours').toBeGreaterThanOrEqual(200);
    // The plot leaves room for the colour bar and for labels sized for a slide: at the tests'
    // 1024 × 720 window a surface covers about 8 % of the canvas.
    expect(stats.foreground, 'share of non-background pixels').toBeGreaterThan(0.06);
    expect(stats.colorful, 'share of coloured (surface) pixels').toBeGreaterThan(0.06);
  }).toPass({ timeout: 15_000 });
  return stats!;
}

/** The selected run's row in the run list. */
export function selectedRun(page: Page): Locator {
  return page.getByTestId('run-list').locator('li[aria-current="true"]');
}

/**
 * A coarse grey-level thumbnail (size × size, 0..255) of the WebGL canvas, to compare two
 * pictures without caring about antialiasing or exact pixels.
 */
export async function canvasThumbnail(page: Page, size = 24): Promise<number[]> {
  return page
    .getByTestId('canvas')
    .locator('canvas')
    .first()
    .evaluate((gl: HTMLCanvasElement, n: number) => {
      const small = document.createElement('canvas');
      small.width = n;
      small.height = n;
      const ctx = small.getContext('2d', { willReadFrequently: true });
      if (!ctx) return [];
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(gl, 0, 0, n, n);
      const data = ctx.getImageData(0, 0, n, n).data;
      const out: number[] = [];
      for (let i = 0; i < data.length; i += 4) {
        out.push(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
      }
      return out;
    }, size);
}

/**
 * The canvas thumbnail once the picture has stopped changing (two reads a moment apart agree):
 * a camera move or a redraw may still be under way right after a click.
 */
export async function settledCanvasThumbnail(page: Page): Promise<number[]> {
  let last: number[] = [];
  await expect(async () => {
    const a = await canvasThumbnail(page);
    await page.waitForTimeout(200);
    last = await canvasThumbnail(page);
    expect(thumbnailDistance(a, last), 'the picture is still').toBeLessThan(0.05);
  }).toPass({ timeout: 15_000 });
  return last;
}

/** Mean absolute difference of two thumbnails (0 = identical, 255 = black vs white). */
export function thumbnailDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error('thumbnails of different sizes');
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
