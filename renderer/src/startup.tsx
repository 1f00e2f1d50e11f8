/**
 * Startup: restore the last scene (or open the one a link names), take over the solver worker
 * that main.tsx started and keep it in sync with the store, remember the scene as it changes,
 * connect to the platform (in the desktop app: menu, opened files, unsaved-changes reports),
 * open the start page when nothing more specific was asked for, then render the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { isRenderPage } from '../../shared/export/automation.ts';
import { openFragment } from './platform/fragment.ts';
import { readFragment } from './platform/shareLink.ts';
import { isDesktop } from './platform/bridge.ts';
import { platform } from './platform/platform.ts';
import { presentFromLink } from './platform/presentLink.ts';
import { startPlatform } from './platform/startup.ts';
import { startSolver } from './solver/client.ts';
import { setSolver } from './solver/instance.ts';
import { startSolverSync } from './solver/sync.ts';
import { appStore } from './store/hooks.ts';
import {
  browserStorage,
  persistLesson,
  persistScene,
  persistUiPrefs,
  restoreLastLesson,
  restoreLastScene,
  startPageAtLaunch,
} from './store/persistence.ts';

// The desktop app keeps documents in files: a window starts with a new scene, or with the one
// the main process sends after ready(). Only the browser remembers the last scene.
const storage = isDesktop ? null : browserStorage();
restoreLastScene(appStore, storage);
// And the lesson that was open, if any (the browser again; the app keeps lessons in files).
restoreLastLesson(appStore, storage);

// Side panels and the start page are the window's preferences, kept in browser storage in both
// builds (the desktop app's renderer has its own).
persistUiPrefs(appStore, browserStorage());

// A #scene= or #preset= link replaces the restored scene (as an undoable step), or is refused
// with a message while the restored scene stays.
const linked = readFragment(window.location.hash).kind !== 'none';
openFragment(appStore, window.location.hash);
window.addEventListener('hashchange', () => openFragment(appStore, window.location.hash));

const solver = startSolver((message) => appStore.getState().notify('error', message));
setSolver(solver, startSolverSync(appStore, solver.client));
persistScene(appStore, storage);
persistLesson(appStore, storage);
// `descent render` and the export benchmark drive pages opened with ?render. Only those pages
// load the export pipeline up front; the page says it is ready (RENDER_READY) once installed.
if (isRenderPage(window.location)) {
  void import('./export/automation.ts').then((m) => m.installAutomation(appStore));
}
const started = startPlatform(platform, appStore, window);
// `?present=<lesson>` (npm start -- --present LESSON in the browser build): open it and present.
void presentFromLink(appStore);

// The start page, unless a link, a file or automation already says what to show. The desktop
// app learns of files opened at launch (command line, file association) once it is connected.
const launch = {
  showStartPage: appStore.getState().showStartPage,
  link: linked,
  automation: isRenderPage(window.location),
};
if (isDesktop) {
  void started.then(() => {
    const fileOpened = (appStore.getState().documentFile?.filePath ?? null) !== null;
    if (startPageAtLaunch({ ...launch, fileOpened })) appStore.getState().setStartPage(true);
  });
} else if (startPageAtLaunch({ ...launch, fileOpened: false })) {
  appStore.getState().setStartPage(true);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
