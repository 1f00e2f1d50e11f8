/**
 * Updates through electron-updater, against the GitHub releases of the project. The rules:
 *
 * - Off until the user says yes: the first run of an installed build asks once, and the
 *   answer is remembered in the settings. "Check for Updates…" in the menu checks on request
 *   (asking first when daily checks are not on).
 * - At most one automatic check a day, counted across restarts from the time kept in the
 *   settings.
 * - Nothing is downloaded without a yes (`autoDownload` off); a downloaded update installs
 *   when the user restarts now or quits.
 * - The last result is kept and shown in the About box.
 *
 * The logic is {@link Updates}, with the settings, the clock, the dialogs and the updater
 * passed in, so tests run it with fakes and no network. {@link setupUpdates} wires the real
 * ones; electron-updater itself is loaded only when a check is about to happen.
 */
import { app, BrowserWindow, dialog } from 'electron';
import type { MessageBoxOptions } from 'electron';
import { PRODUCT_NAME } from './identity.ts';
import { appWindowList } from './ipc.ts';
import type { Settings, UpdateCheck, UpdateConsent, UpdateResult } from './settings.ts';

/** Where releases are published (GitHub provider of electron-updater). */
export const UPDATE_FEED = {
  provider: 'github',
  owner: 'descent-studio',
  repo: 'descent-studio',
} as const;

/** Least time between two automatic checks. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Wait after start-up before a due check, so it never competes with the first picture. */
export const STARTUP_DELAY_MS = 10_000;

/** The part of electron-updater's `AppUpdater` used here. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{
    isUpdateAvailable: boolean;
    updateInfo: { version: string };
  } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(): void;
}

/** Timers and time, injected so tests control the day. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A question box (Electron's showMessageBox without the window). */
export type Ask = (
  options: MessageBoxOptions,
) => Promise<{ response: number; checkboxChecked: boolean }>;

/** What {@link Updates} needs. */
export interface UpdatesOptions {
  settings: Pick<Settings, 'get' | 'update'>;
  /** Loads and configures the updater (once; the promise is reused). */
  loadUpdater: () => Promise<UpdaterPort>;
  clock: Clock;
  ask: Ask;
  /** The running version (`app.getVersion()`). */
  version: string;
  /** False in an unpackaged build: there is nothing to update, so nothing is asked or checked. */
  enabled: boolean;
}

/** How a check was started: automatic checks stay quiet unless there is an update. */
type Trigger = 'scheduled' | 'menu';

/** Numeric comparison of dotted versions (`1.10.0` > `1.9.2`); a pre-release tag is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] =>
    v
      .replace(/^v/, '')
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** A short, one-line reason: updater errors can carry whole HTTP responses. */
export function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? 'unknown error').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * The About box's update line: the last check's result, or why there is none.
 * `formatTime` renders the check's time (local date and time in the app).
 */
export function updateStatusLine(
  state: {
    enabled: boolean;
    consent: UpdateConsent;
    lastCheck: UpdateCheck | null;
    version: string;
  },
  formatTime: (ms: number) => string = (ms) => new Date(ms).toLocaleString(),
): string {
  if (!state.enabled) return 'Update checks are off in development builds';
  const { lastCheck } = state;
  if (!lastCheck)
    return state.consent === 'yes' ? 'Not checked for updates yet' : 'Update checks are off';
  const when = formatTime(lastCheck.at);
  const off = state.consent === 'yes' ? '' : ' · Daily checks are off';
  const result = lastCheck.result;
  switch (result.kind) {
    case 'up-to-date':
      return `Up to date (checked ${when})${off}`;
    case 'available':
      // Updated since that check: the version it found is the one running (or older).
      if (compareVersions(result.version, state.version) <= 0) return `Up to date${off}`;
      return `Version ${result.version} is available (checked ${when})${off}`;
    case 'failed':
      return `Last check failed: ${result.message} (${when})${off}`;
  }
}

/** The two consent questions: the first run's, and the menu's when daily checks are off. */
export const QUESTIONS = {
  firstRun: {
    type: 'question',
    title: 'Updates',
    message: 'Check for updates once a day?',
    detail:
      `${PRODUCT_NAME} can ask GitHub once a day whether a newer version exists. ` +
      'Nothing is downloaded unless you agree. You can also check any time with ' +
      '"Check for Updates…" in the menu.',
    buttons: ['Check Daily', 'Don’t Check'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  },
  checkNow: {
    type: 'question',
    title: 'Updates',
    message: 'Check for updates now?',
    detail: `${PRODUCT_NAME} will ask GitHub whether a newer version exists. Nothing is downloaded unless you agree.`,
    buttons: ['Check Now', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    checkboxLabel: 'Also check once a day',
    checkboxChecked: false,
    noLink: true,
  },
} as const satisfies Record<string, MessageBoxOptions>;

/** See the module comment. */
export class Updates {
  readonly #o: UpdatesOptions;
  #updater: Promise<UpdaterPort> | null = null;
  #timer: unknown = null;
  #running: Promise<UpdateResult | null> | null = null;

  constructor(options: UpdatesOptions) {
    this.#o = options;
  }

  /** The About box's line. */
  statusLine(): string {
    const data = this.#o.settings.get();
    return updateStatusLine({
      enabled: this.#o.enabled,
      consent: data.updateConsent,
      lastCheck: data.lastUpdateCheck,
      version: this.#o.version,
    });
  }

  /**
   * At start-up: asks the one-time question if it was never asked, then schedules the daily
   * check when the answer is yes.
   */
  async start(): Promise<void> {
    if (!this.#o.enabled) return;
    if (this.#o.settings.get().updateConsent === 'unasked') {
      const { response } = await this.#o.ask({ ...QUESTIONS.firstRun });
      this.#o.settings.update({ updateConsent: response === 0 ? 'yes' : 'no' });
    }
    this.#schedule(STARTUP_DELAY_MS);
  }

  /** Stops the daily timer (on quit, and in tests). */
  stop(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /**
   * "Check for Updates…": checks now and says how it went. Without daily consent it asks
   * first (and may turn daily checks on); a Cancel checks nothing.
   */
  async checkFromMenu(): Promise<UpdateResult | null> {
    if (!this.#o.enabled) {
      await this.#o.ask({
        type: 'info',
        title: 'Updates',
        message: 'Updates come with installed builds',
        detail: 'This is a development build: install a release to receive updates.',
        buttons: ['OK'],
      });
      return null;
    }
    if (this.#o.settings.get().updateConsent !== 'yes') {
      const answer = await this.#o.ask({ ...QUESTIONS.checkNow });
      if (answer.response !== 0) return null;
      if (answer.checkboxChecked) this.#o.settings.update({ updateConsent: 'yes' });
    }
    return this.#check('menu');
  }

  /** Schedules the next automatic check: when the last is a day old, but not before `min` ms. */
  #schedule(min: number): void {
    this.stop();
    const data = this.#o.settings.get();
    if (data.updateConsent !== 'yes') return;
    const now = this.#o.clock.now();
    const last = data.lastUpdateCheck?.at;
    // A last check "in the future" means the clock was set back: do not wait on it.
    const due = last === undefined || last > now ? now : last + CHECK_INTERVAL_MS;
    const delay = Math.max(min, due - now);
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = null;
      void this.#check('scheduled');
    }, delay);
  }

  /** One check (shared when one is already running), recorded in the settings. */
  #check(trigger: Trigger): Promise<UpdateResult | null> {
    if (this.#running) return this.#running;
    this.#running = this.#runCheck(trigger).finally(() => {
      this.#running = null;
      this.#schedule(0);
    });
    return this.#running;
  }

  async #runCheck(trigger: Trigger): Promise<UpdateResult> {
    // Recorded before the network is touched, so a crash mid-check still counts as today's.
    const at = this.#o.clock.now();
    let result: UpdateResult;
    let updater: UpdaterPort | null = null;
    try {
      updater = await this.#loadUpdater();
      const found = await updater.checkForUpdates();
      const version = found?.updateInfo.version;
      result =
        found?.isUpdateAvailable && version && compareVersions(version, this.#o.version) > 0
          ? { kind: 'available', version }
          : { kind: 'up-to-date' };
    } catch (error) {
      result = { kind: 'failed', message: shortReason(error) };
      console.warn(`[updates] check failed: ${result.message}`);
    }
    this.#o.settings.update({ lastUpdateCheck: { at, result } });

    if (result.kind === 'available' && updater) await this.#offer(updater, result.version);
    else if (trigger === 'menu') await this.#tell(result);
    return result;
  }

  #loadUpdater(): Promise<UpdaterPort> {
    if (!this.#updater) {
      this.#updater = this.#o.loadUpdater().then((updater) => {
        // Never download or install anything the user has not said yes to.
        updater.autoDownload = false;
        updater.autoInstallOnAppQuit = true;
        return updater;
      });
      // A failed load may succeed on a later check.
      this.#updater.catch(() => (this.#updater = null));
    }
    return this.#updater;
  }

  /** Asks whether to download `version`; downloads only on yes, then offers to restart. */
  async #offer(updater: UpdaterPort, version: string): Promise<void> {
    const download = await this.#o.ask({
      type: 'question',
      title: 'Update Available',
      message: `${PRODUCT_NAME} ${version} is available`,
      detail: `You have version ${this.#o.version}. Download the new version now? It is installed when you restart the app.`,
      buttons: ['Download', 'Not Now'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (download.response !== 0) return;
    try {
      await updater.downloadUpdate();
    } catch (error) {
      await this.#o.ask({
        type: 'error',
        title: 'Update Failed',
        message: 'The update could not be downloaded',
        detail: shortReason(error),
        buttons: ['OK'],
      });
      return;
    }
    const restart = await this.#o.ask({
      type: 'question',
      title: 'Update Ready',
      message: `${PRODUCT_NAME} ${version} is ready to install`,
      detail: 'Restart now to install it, or it is installed the next time you quit.',
      buttons: ['Restart Now', 'Later'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (restart.response === 0) updater.quitAndInstall();
  }

  /** After a check from the menu: says it is up to date, or why the check failed. */
  async #tell(result: UpdateResult): Promise<void> {
    if (result.kind === 'up-to-date') {
      await this.#o.ask({
        type: 'info',
        title: 'Updates',
        message: 'You are up to date',
        detail: `${PRODUCT_NAME} ${this.#o.version} is the newest version.`,
        buttons: ['OK'],
      });
    } else if (result.kind === 'failed') {
      await this.#o.ask({
        type: 'warning',
        title: 'Updates',
        message: 'Could not check for updates',
        detail: result.message,
        buttons: ['OK'],
      });
    }
  }
}

/** electron-updater's `autoUpdater`, pointed at {@link UPDATE_FEED}. */
async function loadElectronUpdater(): Promise<UpdaterPort> {
  // Loaded on first use: most starts never check, and the module is large.
  const mod = await import('electron-updater');
  // A CommonJS module: its exports may come as the default export, depending on the bundler.
  const updater = (mod.default as typeof mod | undefined)?.autoUpdater ?? mod.autoUpdater;
  updater.setFeedURL({ ...UPDATE_FEED });
  return updater;
}

/** Message boxes over the app's window (or free-standing when there is none). */
function askOverWindow(options: MessageBoxOptions): Promise<{
  response: number;
  checkboxChecked: boolean;
}> {
  const focused = BrowserWindow.getFocusedWindow();
  const parent = focused ?? appWindowList()[0] ?? null;
  return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
}

let current: Updates | null = null;

/** The running app's updates, once {@link setupUpdates} has run (About and the menu use it). */
export function updates(): Updates | null {
  return current;
}

/**
 * Creates the app's updates and starts them (the first-run question, then the daily
 * schedule). Only installed builds check: an unpackaged build has nothing to update.
 */
export function setupUpdates(settings: Settings): Updates {
  current = new Updates({
    settings,
    loadUpdater: loadElectronUpdater,
    clock: {
      now: () => Date.now(),
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    ask: askOverWindow,
    version: app.getVersion(),
    enabled: app.isPackaged,
  });
  const updatesRef = current;
  app.on('will-quit', () => updatesRef.stop());
  updatesRef.start().catch((error: unknown) => {
    console.warn(`[updates] could not start: ${shortReason(error)}`);
  });
  return updatesRef;
}
