import type { MessageBoxOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const {
  CHECK_INTERVAL_MS,
  compareVersions,
  setupUpdates,
  shortReason,
  STARTUP_DELAY_MS,
  updateStatusLine,
  Updates,
  updates,
} = await import('./updates.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { showAbout } = await import('./about.ts');
const electron = await import('../test/electron-mock.ts');

const HOUR = 60 * 60 * 1000;
const DAY = CHECK_INTERVAL_MS;
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** Timers that fire only when the test moves time on. */
class FakeClock {
  time: number;
  #timers = new Map<number, { at: number; run: () => void }>();
  #nextId = 1;

  constructor(time = START) {
    this.time = time;
  }

  now = (): number => this.time;

  setTimeout = (run: () => void, ms: number): unknown => {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.time + ms, run });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.#timers.delete(handle as number);
  };

  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time on by `ms`, firing due timers in order and letting their work settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    // A timer that keeps re-arming itself at once would be a busy loop: fail instead.
    for (let fired = 0; ; fired++) {
      if (fired > 100) throw new Error('more than 100 timers fired in one advance');
      const due = [...this.#timers]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at);
      const first = due[0];
      if (!first) break;
      this.#timers.delete(first[0]);
      this.time = first[1].at;
      first[1].run();
      await settle();
    }
    this.time = end;
  }
}

/** Lets pending promise chains (check → record → reschedule) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

function fakeUpdater(found: string | null = null) {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    checkForUpdates: vi.fn(async () =>
      found
        ? { isUpdateAvailable: true, updateInfo: { version: found } }
        : { isUpdateAvailable: false, updateInfo: { version: '1.0.0' } },
    ),
    downloadUpdate: vi.fn(async () => ['/tmp/update']),
    quitAndInstall: vi.fn(),
  };
}

type Answer = { response: number; checkboxChecked?: boolean };

/** An Updates over a settings backend that survives "restarts" (new instances). */
function setup(
  options: {
    backend?: ReturnType<typeof memoryBackend>;
    clock?: FakeClock;
    updater?: ReturnType<typeof fakeUpdater>;
    answers?: Answer[];
    enabled?: boolean;
  } = {},
) {
  const backend = options.backend ?? memoryBackend();
  const settings = new Settings(backend);
  const clock = options.clock ?? new FakeClock();
  const updater = options.updater ?? fakeUpdater();
  const answers = [...(options.answers ?? [])];
  const asked: MessageBoxOptions[] = [];
  const ask = vi.fn(async (box: MessageBoxOptions) => {
    asked.push(box);
    const answer = answers.shift() ?? { response: 0 };
    return { response: answer.response, checkboxChecked: answer.checkboxChecked ?? false };
  });
  const loadUpdater = vi.fn(async () => updater);
  const instance = new Updates({
    settings,
    loadUpdater,
    clock,
    ask,
    version: '1.0.0',
    enabled: options.enabled ?? true,
  });
  return { instance, settings, backend, clock, updater, ask, asked, loadUpdater };
}

describe('consent', () => {
  it('a development build asks nothing and never checks', async () => {
    const t = setup({ enabled: false });
    await t.instance.start();
    await t.clock.advance(3 * DAY);
    expect(t.ask).not.toHaveBeenCalled();
    expect(t.loadUpdater).not.toHaveBeenCalled();
    expect(t.instance.statusLine()).toBe('Update checks are off in development builds');
  });

  it('asks once on the first run, and checks nothing before the answer', async () => {
    const t = setup({ answers: [{ response: 0 }] });
    expect(t.settings.get().updateConsent).toBe('unasked');
    let answer!: (a: { response: number; checkboxChecked: boolean }) => void;
    t.ask.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const started = t.instance.start();
    await t.clock.advance(2 * DAY);
    // The question is still open: no timer, no updater, no network.
    expect(t.loadUpdater).not.toHaveBeenCalled();
    expect(t.clock.pending).toBe(0);
    answer({ response: 0, checkboxChecked: false });
    await started;
    expect(t.settings.get().updateConsent).toBe('yes');
    expect(t.ask.mock.calls[0]?.[0]).toMatchObject({ message: 'Check for updates once a day?' });
  });

  it('declined: remembered, never asked again, never checks', async () => {
    const t = setup({ answers: [{ response: 1 }] });
    await t.instance.start();
    expect(t.settings.get().updateConsent).toBe('no');
    await t.clock.advance(10 * DAY);
    expect(t.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(t.instance.statusLine()).toBe('Update checks are off');

    // Restart: the same settings; no question, still no check.
    const again = setup({ backend: t.backend, clock: t.clock, updater: t.updater });
    await again.instance.start();
    await again.clock.advance(10 * DAY);
    expect(again.ask).not.toHaveBeenCalled();
    expect(t.loadUpdater).not.toHaveBeenCalled();
    expect(again.loadUpdater).not.toHaveBeenCalled();
  });
});

describe('schedule', () => {
  it('checks after start-up, then at most once a day', async () => {
    const t = setup({ answers: [{ response: 0 }] });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS - 1);
    expect(t.updater.checkForUpdates).not.toHaveBeenCalled();
    await t.clock.advance(1);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    // The updater never downloads on its own.
    expect(t.updater.autoDownload).toBe(false);
    expect(t.settings.get().lastUpdateCheck).toEqual({
      at: START + STARTUP_DELAY_MS,
      result: { kind: 'up-to-date' },
    });
    await t.clock.advance(DAY - 1);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await t.clock.advance(1);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    t.instance.stop();
  });

  it('counts the day across restarts from the stored time', async () => {
    const backend = memoryBackend({
      updateConsent: 'yes',
      lastUpdateCheck: { at: START - 2 * HOUR, result: { kind: 'up-to-date' } },
    });
    const updater = fakeUpdater();
    const clock = new FakeClock();
    // Restarted five times within the hour: none of them checks.
    for (let i = 0; i < 5; i++) {
      const t = setup({ backend, clock, updater });
      await t.instance.start();
      await clock.advance(10 * 60 * 1000);
      t.instance.stop();
    }
    expect(updater.checkForUpdates).not.toHaveBeenCalled();

    // Left running: the check comes when the stored one is a day old, not a day after start.
    const t = setup({ backend, clock, updater });
    await t.instance.start();
    const untilDue = START - 2 * HOUR + DAY - clock.now();
    await clock.advance(untilDue - 1);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    await clock.advance(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(t.settings.get().lastUpdateCheck?.at).toBe(START - 2 * HOUR + DAY);
    t.instance.stop();
  });

  it('a stored check in the future (clock set back) does not block checking', async () => {
    const backend = memoryBackend({
      updateConsent: 'yes',
      lastUpdateCheck: { at: START + 30 * DAY, result: { kind: 'up-to-date' } },
    });
    const t = setup({ backend });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    t.instance.stop();
  });
});

describe('an update found', () => {
  it('is offered; "Not Now" downloads nothing', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'yes' }),
      updater: fakeUpdater('1.2.0'),
      answers: [{ response: 1 }],
    });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.asked[0]).toMatchObject({
      message: 'Descent Studio 1.2.0 is available',
      buttons: ['Download', 'Not Now'],
    });
    expect(t.updater.downloadUpdate).not.toHaveBeenCalled();
    expect(t.settings.get().lastUpdateCheck?.result).toEqual({
      kind: 'available',
      version: '1.2.0',
    });
    expect(t.instance.statusLine()).toMatch(/^Version 1\.2\.0 is available/);
    t.instance.stop();
  });

  it('downloads only on yes, then offers to restart and install', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'yes' }),
      updater: fakeUpdater('1.2.0'),
      answers: [{ response: 0 }, { response: 0 }],
    });
    t.updater.downloadUpdate.mockImplementationOnce(async () => {
      // Asked before, not after, the download.
      expect(t.asked).toHaveLength(1);
      return ['/tmp/update'];
    });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(t.asked[1]).toMatchObject({ buttons: ['Restart Now', 'Later'] });
    expect(t.updater.quitAndInstall).toHaveBeenCalledTimes(1);
    t.instance.stop();
  });

  it('"Later" after the download leaves it for the next quit', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'yes' }),
      updater: fakeUpdater('1.2.0'),
      answers: [{ response: 0 }, { response: 1 }],
    });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(t.updater.quitAndInstall).not.toHaveBeenCalled();
    expect(t.updater.autoInstallOnAppQuit).toBe(true);
    t.instance.stop();
  });

  it('a feed that offers the running version (or older) is not an update', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'yes' }),
      updater: fakeUpdater('1.0.0'),
    });
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.ask).not.toHaveBeenCalled();
    expect(t.settings.get().lastUpdateCheck?.result).toEqual({ kind: 'up-to-date' });
    t.instance.stop();
  });
});

describe('failures', () => {
  it('are recorded quietly and shown in the status line; the next day is tried again', async () => {
    const t = setup({ backend: memoryBackend({ updateConsent: 'yes' }) });
    t.updater.checkForUpdates.mockRejectedValueOnce(
      new Error('net::ERR_INTERNET_DISCONNECTED\n    at SimpleURLLoaderWrapper'),
    );
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.ask).not.toHaveBeenCalled();
    expect(t.settings.get().lastUpdateCheck).toEqual({
      at: START + STARTUP_DELAY_MS,
      result: { kind: 'failed', message: 'net::ERR_INTERNET_DISCONNECTED' },
    });
    expect(t.instance.statusLine()).toMatch(/^Last check failed: net::ERR_INTERNET_DISCONNECTED/);
    await t.clock.advance(DAY);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(t.instance.statusLine()).toMatch(/^Up to date/);
    t.instance.stop();
  });

  it('an updater that cannot load is a failed check, retried later', async () => {
    const t = setup({ backend: memoryBackend({ updateConsent: 'yes' }) });
    t.loadUpdater.mockRejectedValueOnce(new Error('no app-update.yml'));
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.settings.get().lastUpdateCheck?.result).toEqual({
      kind: 'failed',
      message: 'no app-update.yml',
    });
    await t.clock.advance(DAY);
    expect(t.loadUpdater).toHaveBeenCalledTimes(2);
    expect(t.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    t.instance.stop();
  });

  it('a failed download is said, and nothing is installed', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'yes' }),
      updater: fakeUpdater('2.0.0'),
      answers: [{ response: 0 }, { response: 0 }],
    });
    t.updater.downloadUpdate.mockRejectedValueOnce(new Error('sha512 checksum mismatch'));
    await t.instance.start();
    await t.clock.advance(STARTUP_DELAY_MS);
    expect(t.asked[1]).toMatchObject({
      type: 'error',
      message: 'The update could not be downloaded',
      detail: 'sha512 checksum mismatch',
    });
    expect(t.updater.quitAndInstall).not.toHaveBeenCalled();
    t.instance.stop();
  });
});

describe('Check for Updates… (menu)', () => {
  it('without daily consent asks first; Cancel checks nothing', async () => {
    const t = setup({
      backend: memoryBackend({ updateConsent: 'no' }),
      answers: [{ response: 1 }],
    });
    expect(await t.instance.checkFromMenu()).toBeNull();
    expect(t.asked[0]).toMatchObject({ message: 'Check for updates now?' });
    expect(t.loadUpdater).not.toHaveBeenCalled();
    expect(t.settings.get().updateConsent).toBe('no');
  });

  it('"Check Now" checks once; the box turns daily checks on', async () => {
    const once = setup({
      backend: memoryBackend({ updateConsent: 'no' }),
      answers: [{ response: 0 }, { response: 0 }],
    });
    expect(await once.instance.checkFromMenu()).toEqual({ kind: 'up-to-date' });
    expect(once.asked[1]).toMatchObject({ message: 'You are up to date' });
    expect(once.settings.get().updateConsent).toBe('no');
    // Daily checks stay off: nothing is scheduled.
    await once.clock.advance(3 * DAY);
    expect(once.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(once.instance.statusLine()).toMatch(/Daily checks are off$/);

    const daily = setup({
      backend: memoryBackend({ updateConsent: 'no' }),
      answers: [{ response: 0, checkboxChecked: true }, { response: 0 }],
    });
    await daily.instance.checkFromMenu();
    expect(daily.settings.get().updateConsent).toBe('yes');
    await daily.clock.advance(DAY);
    expect(daily.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    daily.instance.stop();
  });

  it('with consent checks at once and says when it failed', async () => {
    const t = setup({ backend: memoryBackend({ updateConsent: 'yes' }) });
    t.updater.checkForUpdates.mockRejectedValueOnce(new Error('HttpError: 404'));
    const result = await t.instance.checkFromMenu();
    expect(result).toEqual({ kind: 'failed', message: 'HttpError: 404' });
    expect(t.asked).toHaveLength(1);
    expect(t.asked[0]).toMatchObject({ message: 'Could not check for updates' });
    t.instance.stop();
  });

  it('in a development build says updates come with installed builds', async () => {
    const t = setup({ enabled: false });
    expect(await t.instance.checkFromMenu()).toBeNull();
    expect(t.asked[0]?.message).toMatch(/installed builds/);
    expect(t.loadUpdater).not.toHaveBeenCalled();
  });
});

describe('helpers', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('v2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(0);
    expect(compareVersions('0.9', '1.0.0')).toBe(-1);
  });

  it('keeps reasons to one short line', () => {
    expect(shortReason(new Error('\nfirst\nsecond'))).toBe('first');
    expect(shortReason('x'.repeat(500))).toHaveLength(200);
  });

  it('words every status', () => {
    const at = (r: object) => ({ at: START, result: r }) as never;
    const time = () => 'today';
    const line = (consent: 'yes' | 'no' | 'unasked', lastCheck: unknown) =>
      updateStatusLine(
        { enabled: true, consent, lastCheck: lastCheck as never, version: '1.0.0' },
        time,
      );
    expect(line('unasked', null)).toBe('Update checks are off');
    expect(line('yes', null)).toBe('Not checked for updates yet');
    expect(line('yes', at({ kind: 'up-to-date' }))).toBe('Up to date (checked today)');
    expect(line('yes', at({ kind: 'available', version: '1.1.0' }))).toBe(
      'Version 1.1.0 is available (checked today)',
    );
    // Installed since: the found version is the running one.
    expect(line('yes', at({ kind: 'available', version: '1.0.0' }))).toBe('Up to date');
    expect(line('yes', at({ kind: 'failed', message: 'offline' }))).toBe(
      'Last check failed: offline (today)',
    );
  });
});

describe('in the app', () => {
  afterEach(() => {
    updates()?.stop();
    electron.app.isPackaged = false;
  });

  it('About shows the version and the last check result', async () => {
    electron.app.isPackaged = true;
    const settings = new Settings(
      memoryBackend({
        updateConsent: 'yes',
        lastUpdateCheck: { at: Date.now(), result: { kind: 'failed', message: 'offline' } },
      }),
    );
    setupUpdates(settings);
    electron.dialog.showMessageBox.mockClear();
    showAbout();
    const box = electron.dialog.showMessageBox.mock.calls[0]?.[0] as MessageBoxOptions;
    expect(box.detail?.split('\n').slice(0, 2)).toEqual([
      'Version 0.1.0',
      expect.stringMatching(/^Last check failed: offline/),
    ]);
  });

  it('an unpackaged app shows that checks are off, and asks nothing', async () => {
    const settings = new Settings(memoryBackend());
    electron.dialog.showMessageBox.mockClear();
    setupUpdates(settings);
    await settle();
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    showAbout();
    const box = electron.dialog.showMessageBox.mock.calls[0]?.[0] as MessageBoxOptions;
    expect(box.detail).toContain('Update checks are off in development builds');
  });
});
