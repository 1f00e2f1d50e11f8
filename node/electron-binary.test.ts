import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.mjs';

const ROOT = '/repo';

describe('findElectronBinary', () => {
  it('finds the binary the way the electron package does, without requiring it', () => {
    const io = {
      root: ROOT,
      env: {},
      exists: () => true,
      readText: () => 'Electron.app/Contents/MacOS/Electron\n',
    };
    expect(findElectronBinary(io)).toBe(
      join(ROOT, 'node_modules/electron/dist/Electron.app/Contents/MacOS/Electron'),
    );
    expect(findElectronBinary({ ...io, exists: () => false })).toBeNull();
    expect(
      findElectronBinary({
        ...io,
        readText: () => {
          throw new Error('ENOENT');
        },
      }),
    ).toBeNull();
    expect(
      findElectronBinary({ ...io, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } }),
    ).toBe('/opt/electron/Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary({ ...io, env: { ELECTRON_EXEC_PATH: '/usr/bin/electron' } })).toBe(
      '/usr/bin/electron',
    );
  });
});
