/**
 * The page's entry, kept tiny: it starts the solver worker, then loads the rest of the app
 * (startup.tsx) as its own chunk. The worker so loads and compiles its bundle on the other core
 * while the browser compiles the main chunk (most of a second on a slow machine), and is ready
 * sooner for the first surface. The renderer is probed while that chunk downloads.
 */
import './solver/early.ts';
import './styles.css';
import { isSoftwareRenderer } from './view/canvas/gpu.ts';

// The presenter window (opened from present mode) is a page of its own.
const entry = new URLSearchParams(window.location.search).has('presenter')
  ? import('./presenter.tsx').then((m) => m.mountPresenter(document.getElementById('root')!))
  : import('./startup.tsx');
// While the app's chunk downloads the main thread is idle: ask now whether WebGL runs on the CPU
// (the view needs to know before it creates its canvas). The probe's context is the GPU
// process's first, which takes about 0.1 s to start in software; the answer is cached.
isSoftwareRenderer();
entry.catch((error: unknown) => {
  // Without this chunk there is no app: say so instead of leaving a blank window.
  const root = document.getElementById('root');
  if (root) {
    root.textContent = `Descent Studio could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
  }
});
