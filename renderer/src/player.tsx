/**
 * Entry of the single-file lesson player (`descent render LESSON -o lesson.html`): reads the
 * lesson the file carries in `<script type="application/json" id="descent-lesson">` and
 * presents it, live, from the first slide. Nothing of the editor is loaded. Opened with
 * `?presenter` (the Presenter view button) the same file is the presenter window.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLessonText } from '../../shared/lesson/parse.ts';
import { Presentation } from './present/Presentation.tsx';
import { PresenterView } from './present/PresenterView.tsx';
import { startSolver } from './solver/client.ts';
import { setSolver } from './solver/instance.ts';
import { startSolverSync } from './solver/sync.ts';
import { appStore } from './store/hooks.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('the player page has no #root element');
const presenter = new URLSearchParams(window.location.search).has('presenter');
const parse = parseLessonText(document.getElementById('descent-lesson')?.textContent ?? '');

if (presenter) {
  createRoot(root).render(
    <StrictMode>
      <PresenterView />
    </StrictMode>,
  );
} else if (!parse.ok) {
  root.textContent = `This lesson cannot be played: ${parse.message}`;
} else if (parse.lesson.slides.length === 0) {
  root.textContent = 'This lesson has no slides.';
} else {
  const solver = startSolver((message) => appStore.getState().notify('error', message));
  setSolver(solver, startSolverSync(appStore, solver.client));
  const state = appStore.getState();
  state.openLesson(parse.lesson);
  state.startPresenting(0);
  document.documentElement.dataset.theme = parse.lesson.slides[0]!.scene.view.theme;
  document.title = parse.lesson.title || 'Lesson';
  createRoot(root).render(
    <StrictMode>
      <Presentation standalone />
    </StrictMode>,
  );
}
