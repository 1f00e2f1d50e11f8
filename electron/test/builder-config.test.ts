/**
 * electron-builder cannot package here (it downloads Electron), so its configuration is
 * checked instead: against electron-builder's own schema validator, and for what the app
 * needs on each platform.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SCENE_EXTENSION } from '../../shared/scene/document.ts';

vi.mock('electron', () => import('./electron-mock.ts'));
const { APP_ID, PRODUCT_NAME } = await import('../main/identity.ts');

const root = join(import.meta.dirname, '..', '..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const debug = { isEnabled: false, add: () => undefined };

type Target = string | { target: string; arch?: string[] };
const targetNames = (targets: Target[]) =>
  targets.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, debug)).resolves.toBeUndefined();
  });

  it('is actually validated (an unknown option is refused)', async () => {
    await expect(validateConfiguration({ ...config, fusez: {} }, debug)).rejects.toThrow(/fusez/);
  });

  it('names the app as the main process does', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('packages the built app in out/ into an asar archive', () => {
    expect(config.directories).toMatchObject({ app: 'out', buildResources: 'build' });
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'main/**/*', 'preload/**/*', 'renderer/**/*']),
    );
  });

  it('builds an NSIS installer, a dmg for both Mac architectures, an AppImage and a deb', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(targetNames(config.mac.target)).toEqual(['dmg']);
    expect(config.mac.target[0].arch).toEqual(expect.arrayContaining(['arm64', 'x64']));
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('associates .descent.json files with the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: SCENE_EXTENSION.slice(1),
        mimeType: expect.stringMatching(/^application\//),
        role: 'Editor',
      }),
    ]);
  });

  it('sets the fuses: no run-as-node, no NODE_OPTIONS, no --inspect, encrypted cookies, asar only and checked', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at icons that exist', () => {
    expect(existsSync(join(root, 'build', config.mac.icon))).toBe(true);
    expect(existsSync(join(root, 'build', config.win.icon))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(join(root, 'build', config.linux.icon, `${size}x${size}.png`))).toBe(true);
    }
    const assoc = config.fileAssociations[0].icon;
    expect(
      existsSync(join(root, 'build', `${assoc}.icns`)) &&
        existsSync(join(root, 'build', `${assoc}.ico`)),
    ).toBe(true);
  });

  it('has a dist script per platform that builds first', () => {
    expect(pkg.scripts['dist:win']).toBe('electron-vite build && electron-builder --win');
    expect(pkg.scripts['dist:mac']).toBe('electron-vite build && electron-builder --mac');
    expect(pkg.scripts['dist:linux']).toBe('electron-vite build && electron-builder --linux');
  });

  it('writes its output where the browser build is not', () => {
    expect(config.directories.output).toBe('dist/desktop');
  });
});
