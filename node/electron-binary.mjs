// Where the Electron executable is, without `require('electron')` (which would try to download
// it). Used by `npm start`, `descent render` and the Electron end-to-end tests.
import { join } from 'node:path';

/**
 * Path of the Electron executable, or null when it is not installed. Reads what the
 * electron package itself reads (path.txt, ELECTRON_OVERRIDE_DIST_PATH) and never
 * `require('electron')`: that would try to download the binary.
 * @param {{ root: string, env: Record<string, string | undefined>, exists: (p: string) => boolean, readText: (p: string) => string }} io
 */
export function findElectronBinary({ root, env, exists, readText }) {
  const fromEnv = env.ELECTRON_EXEC_PATH;
  if (fromEnv && exists(fromEnv)) return fromEnv;
  const pkgDir = join(root, 'node_modules', 'electron');
  let name = '';
  try {
    name = readText(join(pkgDir, 'path.txt')).trim();
  } catch {
    // No path.txt: the package's install step never fetched a binary.
  }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  if (!name && env.ELECTRON_OVERRIDE_DIST_PATH) name = 'electron';
  if (!name) return null;
  const binary = join(distDir, name);
  return exists(binary) ? binary : null;
}
