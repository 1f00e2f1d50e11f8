/**
 * Entry of the presenter window (the page opened with `?presenter`): only the presenter view,
 * which follows the presenting window; no solver, no scene of its own.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PresenterView } from './present/PresenterView.tsx';

export function mountPresenter(root: HTMLElement): void {
  document.title = 'Presenter view · Descent Studio';
  createRoot(root).render(
    <StrictMode>
      <PresenterView />
    </StrictMode>,
  );
}
