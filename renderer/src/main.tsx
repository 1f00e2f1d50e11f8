/**
 * The page's entry, kept tiny: it starts the solver worker, then loads the rest of the app
 * (startup.tsx) as its own chunk. The worker so loads and compiles its bundle on the other core
 * while the browser compiles the main chunk (most of a second on a slow machine), and is ready
 * sooner for the first surface.
 */
import './solver/early.ts';
import './styles.css';

// The presenter window (opened from present mode) is a page of its own.
const entry = new URLSearchParams(window.location.search).has('presenter')
  ? import('./presenter.tsx').then((m) => m.mountPresenter(document.getElementById('root')!))
  : import('./startup.tsx');
entry.catch((error: unknown) => {
  // Without this chunk there is no app: say so instead of leaving a blank window.
  const root = document.getElementById('root');
  if (root) {
    root.textContent = `Descent Studio could not load: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
  }
});
