/**
 * Stand-in for electron-store in unit tests: electron-store is a thin layer over `conf` that
 * only fills in the folder and version from Electron's `app`, and it imports the real
 * `electron` (which cannot load in plain Node). This does the same over the real `conf`, so
 * tests still exercise real files, real schema validation and real error behaviour.
 *
 *   vi.mock('electron-store', () => import('./electron-store-mock.ts'));
 */
import Conf from 'conf';

type Options = ConstructorParameters<typeof Conf>[0] & { name?: string };

export default class ElectronStore<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: Options = {}) {
    const { name = 'config', ...rest } = options;
    super({ projectVersion: '0.1.0', ...rest, configName: name } as ConstructorParameters<
      typeof Conf<T>
    >[0]);
  }
}
