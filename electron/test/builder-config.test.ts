/**
 * electron-builder cannot package here (it downloads Electron), so its configuration is
 * checked instead: against electron-builder's own schema validator, and for what the app
 * needs on each platform.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LESSON_EXTENSION } from '../../shared/lesson/document.ts';
import { SCENE_EXTENSION } from '../../shared/scene/document.ts';

vi.mock('electron', () => import('./electron-mock.ts'));
const { APP_ID, PRODUCT_NAME } = await import('../main/identity.ts');
const { UPDATE_FEED } = await import('../main/updates.ts');
const { launchRequest } = await import('../main/launch.ts');

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

  it('builds an NSIS installer, a dmg and a zip for both Mac architectures, an AppImage and a deb', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    // The dmg is what people download; electron-updater updates a Mac app from the zip.
    expect(targetNames(config.mac.target)).toEqual(['dmg', 'zip']);
    for (const target of config.mac.target) {
      expect(target.arch).toEqual(expect.arrayContaining(['arm64', 'x64']));
    }
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it('publishes to GitHub releases, so electron-updater finds latest*.yml there', () => {
    // The app checks the same feed it is published to.
    expect(config.publish).toEqual([expect.objectContaining(UPDATE_FEED)]);
  });

  it('associates .descent.json files with the app', () => {
    expect(config.fileAssociations[0]).toEqual(
      expect.objectContaining({
        ext: SCENE_EXTENSION.slice(1),
        mimeType: expect.stringMatching(/^application\//),
        role: 'Editor',
      }),
    );
  });

  it('associates .descent too: Windows and macOS match only the last extension', () => {
    const [main, alias] = config.fileAssociations as Record<string, unknown>[];
    const exts = config.fileAssociations.map((a: { ext: string }) => a.ext);
    expect(exts).toEqual(['descent.json', 'descent', 'descent-lesson.json', 'descent-lesson']);
    // The same document type under another name: same name (the Windows ProgID), role and icon.
    expect(alias).toEqual({
      ext: 'descent',
      name: main!.name,
      description: main!.description,
      role: 'Editor',
      icon: main!.icon,
    });
  });

  it('associates lessons as .descent-lesson.json, with the .descent-lesson alias', () => {
    const [, , lesson, alias] = config.fileAssociations as Record<string, unknown>[];
    expect(lesson).toEqual(
      expect.objectContaining({
        ext: LESSON_EXTENSION.slice(1),
        mimeType: expect.stringMatching(/^application\//),
        role: 'Editor',
      }),
    );
    expect(lesson!.name).not.toBe(config.fileAssociations[0].name);
    expect(alias).toEqual({
      ext: 'descent-lesson',
      name: lesson!.name,
      description: lesson!.description,
      role: 'Editor',
      icon: lesson!.icon,
    });
    // Every association is one the app opens from the command line.
    for (const { ext } of config.fileAssociations as { ext: string }[]) {
      const request = launchRequest(['app', `/t/x.${ext}`], '/');
      expect(request.paths, ext).toEqual([`/t/x.${ext}`]);
    }
  });

  it('writes one valid Linux MIME glob per association (a single ext, no list)', () => {
    // electron-builder writes `*.${ext}` verbatim into the MIME file, so an ext list there would
    // become one broken glob; the alias carries no MIME type and so stays out of that file.
    const withMime = config.fileAssociations.filter((a: { mimeType?: string }) => a.mimeType);
    expect(withMime.map((a: { ext: unknown }) => a.ext)).toEqual([
      'descent.json',
      'descent-lesson.json',
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
      resetAdHocDarwinSignature: true,
    });
  });

  it('re-signs ad hoc after flipping the fuses, so an unsigned arm64 Mac build still launches', () => {
    // Flipping fuses edits the binary, which breaks its signature; Apple silicon refuses to run
    // code without a valid one. Signed builds are signed again afterwards anyway.
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
  });

  it('requires macOS 13, the oldest that Electron 44 and later run on', () => {
    expect(config.mac.minimumSystemVersion).toBe('13.0');
    const electronMajor = Number(/\d+/.exec(pkg.devDependencies.electron)![0]);
    expect(electronMajor).toBeGreaterThanOrEqual(44);
  });

  it('makes the deb the primary Linux package (the AppImage aborts on Ubuntu 23.10+)', () => {
    expect(targetNames(config.linux.target)).toEqual(['deb', 'AppImage']);
  });

  it('names installers without spaces, so release assets keep the names SHA256SUMS.txt lists', () => {
    // GitHub replaces spaces in uploaded asset names; the checksum file would no longer match.
    expect(config.artifactName).not.toMatch(/\s/);
    expect(config.artifactName).not.toContain('${productName}');
    for (const macro of ['${version}', '${os}', '${arch}', '${ext}']) {
      expect(config.artifactName).toContain(macro);
    }
  });

  it('points at icons that exist', () => {
    expect(existsSync(join(root, 'build', config.mac.icon))).toBe(true);
    expect(existsSync(join(root, 'build', config.win.icon))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(join(root, 'build', config.linux.icon, `${size}x${size}.png`))).toBe(true);
    }
    for (const { icon } of config.fileAssociations as { icon: string }[]) {
      expect(
        existsSync(join(root, 'build', `${icon}.icns`)) &&
          existsSync(join(root, 'build', `${icon}.ico`)),
      ).toBe(true);
    }
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
