/**
 * Startup: restore the last scene (or open the one a link names), start the solver worker and
 * keep it in sync with the store, remember the scene as it changes, connect to the platform
 * (in the desktop app: menu, opened files, unsaved-changes reports), then render the app.
 */
import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installAutomation } from './export/automation.ts';
import { openFragment } from './platform/fragment.ts';
import { isDesktop } from './platform/bridge.ts';
import { platform } from './platform/platform.ts';
import { startPlatform } from './platform/startup.ts';
import { startSolver } from './solver/client.ts';
import { setSolver } from './solver/instance.ts';
import { startSolverSync } from './solver/sync.ts';
import { appStore } from './store/hooks.ts';
import { browserStorage, persistScene, restoreLastScene } from './store/persistence.ts';

// The desktop app keeps documents in files: a window starts with a new scene, or with the one
// the main process sends after ready(). Only the browser remembers the last scene.
const storage = isDesktop ? null : browserStorage();
restoreLastScene(appStore, storage);

// A #scene= or #preset= link replaces the restored scene (as an undoable step), or is refused
// with a message while the restored scene stays.
openFragment(appStore, window.location.hash);
window.addEventListener('hashchange', () => openFragment(appStore, window.location.hash));

const solver = startSolver((message) => appStore.getState().notify('error', message));
setSolver(solver, startSolverSync(appStore, solver.client));
persistScene(appStore, storage);
// `descent render` and the export benchmark drive pages opened with ?render.
installAutomation(appStore);
void startPlatform(platform, appStore, window);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
