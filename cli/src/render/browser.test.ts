/** Browser discovery for `descent render`, on a pretend file system. */
import { describe, expect, it } from 'vitest';
import { browserCandidates, chromiumArgs, findBrowser } from './browser.ts';

describe('finding a browser', () => {
  const io = (exec: string[], electron: string | null = null) => ({
    platform: 'linux',
    env: {},
    isExecutable: (p: string) => exec.includes(p),
    electron: () => electron,
  });

  it('takes --browser, then Electron, then a system Chromium', () => {
    expect(findBrowser('/opt/chrome', io(['/opt/chrome']))).toEqual({
      kind: 'chromium',
      path: '/opt/chrome',
    });
    expect(findBrowser('/opt/electron', io(['/opt/electron']))).toEqual({
      kind: 'electron',
      path: '/opt/electron',
    });
    expect(findBrowser('/missing', io([]))).toBeNull();
    expect(findBrowser(null, io(['/usr/bin/chromium'], '/r/electron'))).toEqual({
      kind: 'electron',
      path: '/r/electron',
    });
    expect(findBrowser(null, io(['/usr/bin/google-chrome']))).toEqual({
      kind: 'chromium',
      path: '/usr/bin/google-chrome',
    });
    expect(findBrowser(null, io([]))).toBeNull();
  });

  it('knows where browsers live on each platform, the environment first', () => {
    expect(browserCandidates('win32', { PROGRAMFILES: 'C:\\PF' })[0]).toMatch(/chrome\.exe$/);
    expect(browserCandidates('darwin', {})[0]).toMatch(/Google Chrome\.app/);
    expect(browserCandidates('linux', { DESCENT_CHROMIUM: '/x/chromium' })[0]).toBe('/x/chromium');
  });

  it('adds --no-sandbox only for root', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
  });
});
