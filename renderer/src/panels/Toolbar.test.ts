import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Renders the toolbar once (no effects run) as the desktop app or the browser would. */
async function renderToolbar(desktop: boolean): Promise<string> {
  vi.resetModules();
  vi.stubGlobal('window', {
    location: { href: desktop ? 'app://descent/index.html' : 'https://descent.example.org/' },
  });
  vi.doMock('../platform/bridge.ts', () => {
    const bridge = desktop
      ? { platform: 'linux', getPreferences: async () => ({ shareBaseUrl: null }) }
      : null;
    return { bridge, isDesktop: desktop };
  });
  const { Toolbar } = await import('./Toolbar.tsx');
  return renderToStaticMarkup(createElement(Toolbar));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.doUnmock('../platform/bridge.ts');
});

describe('Share link', () => {
  it('is offered in the browser, which shares its own page', async () => {
    expect(await renderToolbar(false)).toContain('data-testid="share-link"');
  });

  it('is offered in the desktop app too, where it asks for the web build address', async () => {
    const html = await renderToolbar(true);
    expect(html).toContain('data-testid="share-link"');
    expect(html).toContain('Share link…');
    expect(html).toContain('data-testid="save-scene"');
  });
});
