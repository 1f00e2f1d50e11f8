/**
 * Main-process entry: one setup per concern, in the order they depend on each other. What
 * each does is in its module (electron/main/*.ts).
 */
import { app } from 'electron';
import { setupAbout } from './main/about.ts';
import { setupClipboard } from './main/clipboard.ts';
import { setupExportSink } from './main/export-sink.ts';
import { setupFiles } from './main/files.ts';
import { setupGpuFallback } from './main/gpu.ts';
import { setupIdentity } from './main/identity.ts';
import { setupLaunchFiles, setupSingleInstance } from './main/launch.ts';
import { setupMenu } from './main/menu.ts';
import { setupProtocol } from './main/protocol.ts';
import { setupSettings } from './main/settings.ts';
import { setupTitle } from './main/title.ts';
import { setupUpdates } from './main/updates.ts';
import { setupSecurity, setupWindows } from './main/windows.ts';

// Before `ready`: identity (paths), the lock, the GPU fallback, the app:// scheme and the page
// rules.
setupIdentity();
if (setupSingleInstance()) {
  setupGpuFallback();
  setupProtocol();
  setupSecurity();
  app
    .whenReady()
    .then(() => {
      const settings = setupSettings();
      setupTitle();
      const files = setupFiles(settings);
      setupExportSink();
      setupClipboard();
      setupAbout();
      setupMenu(settings, files);
      setupWindows(settings);
      setupLaunchFiles(files.openPaths);
      // Last: its one-time question appears over the window.
      setupUpdates(settings);
    })
    .catch((error: unknown) => {
      console.error('[main] start-up failed:', error);
      app.exit(1);
    });
}
