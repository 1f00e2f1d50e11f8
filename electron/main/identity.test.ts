import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { PRODUCT_NAME, setupIdentity } = await import('./identity.ts');
const electron = await import('../test/electron-mock.ts');

describe('setupIdentity', () => {
  it('names an app started from a bare script and gives it its own data folder', () => {
    electron.app.name = 'Electron';
    setupIdentity({});
    expect(electron.app.getName()).toBe(PRODUCT_NAME);
    expect(electron.app.getPath('userData')).toBe(
      join('/tmp/descent-test-app-data', 'Descent Studio'),
    );
  });

  it('uses DESCENT_USER_DATA_DIR when set (tests, portable setups)', () => {
    setupIdentity({ DESCENT_USER_DATA_DIR: '/tmp/portable' });
    expect(electron.app.getPath('userData')).toBe(resolve('/tmp/portable'));
  });
});
