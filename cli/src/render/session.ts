/**
 * The page session of `descent render`: starts the chosen browser with playwright-core (a
 * headless Chromium, or the Electron runtime with a one-window main script), opens the browser
 * build with `?render`, and drives it through the automation contract of
 * shared/export/automation.ts. Every file event and the outcome the page sends back are checked
 * with that contract's schemas before anything acts on them.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import {
  DRIVER_FUNCTIONS,
  PAGE_FUNCTIONS,
  readOutcome,
  readProgress,
  RENDER_READY_SELECTOR,
  renderRequestSchema,
  sinkEventSchema,
} from '../../../shared/export/automation.ts';
import type { RenderRequest, SinkEvent } from '../../../shared/export/automation.ts';
import type { ExportProgress, RenderOutcome } from '../../../shared/export/report.ts';
import type { BrowserChoice } from './browser.ts';
import { chromiumArgs } from './browser.ts';

/** A page in the chosen browser, and how to close it all. */
export interface Session {
  page: Page;
  close: () => Promise<void>;
  label: string;
  /** Uncaught errors of the page, for the message of an internal failure. */
  pageErrors: string[];
}

/** The browser could not be started (not a browser, a broken install, …). */
export class BrowserStartError extends Error {
  override readonly name = 'BrowserStartError';
}

/** The page broke the automation contract (a malformed event or answer). */
export class ContractError extends Error {
  override readonly name = 'ContractError';
}

/** Small window: the app's own on-screen view stays cheap while the export renders offscreen. */
const PAGE_SIZE = { width: 480, height: 360 };

/** Playwright's launch errors run to dozens of lines of log; the first says what happened. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  const trimmed = line.replace(/^\w+\.launch: /, '').trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

async function openChromium(path: string): Promise<Session> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({
    executablePath: path,
    headless: true,
    args: chromiumArgs(isRoot),
    // Ctrl+C is ours: cancel the render and clean up, then close the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  try {
    const context = await browser.newContext({ viewport: PAGE_SIZE });
    const page = await context.newPage();
    return { page, close: () => browser.close(), label: basename(path), pageErrors: [] };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

async function openElectron(path: string): Promise<Session> {
  // A minimal main script: one hidden window, no menus, nothing from the desktop app's main
  // process (the page is the same browser build the Chromium path serves). It sits next to
  // this module in the sources and in the bundle alike.
  const main = fileURLToPath(new URL('./electron-main.mjs', import.meta.url));
  const app = await _electron.launch({
    executablePath: path,
    args: [main],
    env: { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: 'true' },
  });
  try {
    const page = await app.firstWindow();
    await page.setViewportSize(PAGE_SIZE).catch(() => undefined);
    return { page, close: () => app.close(), label: 'Electron', pageErrors: [] };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/** Starts the browser and opens a page; a browser that will not start is a BrowserStartError. */
export async function openSession(choice: BrowserChoice): Promise<Session> {
  let session: Session;
  try {
    session =
      choice.kind === 'electron'
        ? await openElectron(choice.path)
        : await openChromium(choice.path);
  } catch (error) {
    throw new BrowserStartError(`The browser at ${choice.path} did not start: ${firstLine(error)}`);
  }
  session.page.on('pageerror', (e) => session.pageErrors.push(e.message));
  return session;
}

/** What the driver does with the page's file events and progress reports. */
export interface Driver {
  /** Handles one (validated) file event; a rejection fails the page's export. */
  sink: (event: SinkEvent) => Promise<void>;
  /** Hears progress; leave it out to not be told. */
  progress?: (progress: ExportProgress) => void;
}

/**
 * Loads the render page from `url` and runs one render on it. If handling a file event failed
 * (a full disk, a malformed event), that failure is thrown rather than the page's outcome,
 * which would only echo it.
 */
export async function renderInPage(
  session: Session,
  url: string,
  request: RenderRequest,
  driver: Driver,
): Promise<RenderOutcome> {
  const { page } = session;
  let failure: unknown = null;
  await page.exposeBinding(DRIVER_FUNCTIONS.sink, async (_source, raw: unknown) => {
    try {
      const event = sinkEventSchema.safeParse(raw);
      if (!event.success) {
        throw new ContractError(
          `the page sent a malformed file event (${event.error.issues[0]?.message ?? 'invalid'})`,
        );
      }
      await driver.sink(event.data);
      return true;
    } catch (error) {
      failure ??= error;
      throw error;
    }
  });
  const onProgress = driver.progress;
  if (onProgress) {
    await page.exposeBinding(DRIVER_FUNCTIONS.progress, (_source, raw: unknown) => {
      const progress = readProgress(raw);
      if (progress) onProgress(progress);
    });
  }
  await page.goto(url);
  // The page registers its entry points once it has started, then marks itself ready.
  await page.waitForSelector(RENDER_READY_SELECTOR, { state: 'attached', timeout: 60_000 });
  const answer: unknown = await page.evaluate(
    ([name, body]) =>
      (globalThis as unknown as Record<string, (r: unknown) => Promise<unknown>>)[name]!(body),
    [PAGE_FUNCTIONS.render, renderRequestSchema.parse(request)] as const,
  );
  if (failure !== null) throw failure;
  return readOutcome(answer);
}

/** Asks the page to cancel its render (its files are cancelled too); best effort. */
export async function cancelInPage(session: Session): Promise<void> {
  await session.page
    .evaluate((name) => {
      (globalThis as unknown as Record<string, (() => void) | undefined>)[name]?.();
    }, PAGE_FUNCTIONS.cancel)
    .catch(() => undefined);
}
