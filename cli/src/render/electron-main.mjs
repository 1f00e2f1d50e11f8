// Main script for `descent render` on the Electron runtime (see session.ts): one hidden window
// that Playwright drives like a Chromium page. Nothing of the desktop app's main process runs;
// the page is the browser build served on 127.0.0.1, opened with ?render.
import { app, BrowserWindow } from 'electron';

// Without a GPU, WebGL may fall back to SwiftShader only when allowed.
app.commandLine.appendSwitch('enable-unsafe-swiftshader');
app.whenReady().then(() => {
  const win = new BrowserWindow({
    show: false,
    width: 480,
    height: 360,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  // Playwright navigates this first window itself; start from a blank page.
  void win.loadURL('about:blank');
});
app.on('window-all-closed', () => app.quit());
