/**
 * Many renders on one page: a lesson render asks the page for one clip (and one poster) per
 * beat, all in the same browser and the same page load, instead of starting Chromium or
 * reloading the app per clip. The driver's functions are exposed once, before the page loads,
 * and route each render's file events and progress to the driver of the render in flight.
 * Every event and outcome is checked with the automation contract's schemas, as in
 * session.ts (whose renderInPage does one render per page).
 */
import {
  DRIVER_FUNCTIONS,
  PAGE_FUNCTIONS,
  readOutcome,
  readProgress,
  RENDER_READY_SELECTOR,
  renderRequestSchema,
  sinkEventSchema,
} from '../../../shared/export/automation.ts';
import type { RenderRequest } from '../../../shared/export/automation.ts';
import type { RenderOutcome } from '../../../shared/export/report.ts';
import { ContractError } from './session.ts';
import type { Driver, Session } from './session.ts';

/** A loaded render page that takes one render at a time. */
export interface RenderPage {
  /**
   * Runs one render. If handling a file event failed (a full disk, a malformed event), that
   * failure is thrown rather than the page's outcome, which would only echo it.
   */
  render: (request: RenderRequest, driver: Driver) => Promise<RenderOutcome>;
}

/** Exposes the driver's functions on `session`'s page, then loads the render page at `url`. */
export async function openRenderPage(session: Session, url: string): Promise<RenderPage> {
  const { page } = session;
  let current: { driver: Driver; failure: unknown } | null = null;
  await page.exposeBinding(DRIVER_FUNCTIONS.sink, async (_source, raw: unknown) => {
    const run = current;
    try {
      if (!run) throw new ContractError('the page sent a file event outside a render');
      const event = sinkEventSchema.safeParse(raw);
      if (!event.success) {
        throw new ContractError(
          `the page sent a malformed file event (${event.error.issues[0]?.message ?? 'invalid'})`,
        );
      }
      await run.driver.sink(event.data);
      return true;
    } catch (error) {
      if (run) run.failure ??= error;
      throw error;
    }
  });
  await page.exposeBinding(DRIVER_FUNCTIONS.progress, (_source, raw: unknown) => {
    const onProgress = current?.driver.progress;
    if (!onProgress) return;
    const progress = readProgress(raw);
    if (progress) onProgress(progress);
  });
  await page.goto(url);
  // The page registers its entry points once it has started, then marks itself ready.
  await page.waitForSelector(RENDER_READY_SELECTOR, { state: 'attached', timeout: 60_000 });

  return {
    async render(request, driver) {
      if (current) throw new Error('a render is already running on this page');
      const run = { driver, failure: null as unknown };
      current = run;
      try {
        const answer: unknown = await page.evaluate(
          ([name, body]) =>
            (globalThis as unknown as Record<string, (r: unknown) => Promise<unknown>>)[name]!(
              body,
            ),
          [PAGE_FUNCTIONS.render, renderRequestSchema.parse(request)] as const,
        );
        if (run.failure !== null) throw run.failure;
        return readOutcome(answer);
      } finally {
        current = null;
      }
    },
  };
}
