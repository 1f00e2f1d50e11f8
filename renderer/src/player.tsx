/**
 * Entry of the single-file lesson player (`descent render LESSON -o lesson.html`): reads the
 * lesson the file carries in `<script type="application/json" id="descent-lesson">` and
 * presents it. Nothing else of the editor is loaded.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLessonText } from '../../shared/lesson/parse.ts';
import { Presentation } from './present/Presentation.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('the player page has no #root element');
const embedded = document.getElementById('descent-lesson')?.textContent ?? '';
const parse = parseLessonText(embedded);
if (!parse.ok) {
  root.textContent = `This lesson file cannot be played: ${parse.message}`;
} else {
  createRoot(root).render(
    <StrictMode>
      <Presentation />
    </StrictMode>,
  );
}
