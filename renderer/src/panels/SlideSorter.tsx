/**
 * The slide sorter: a strip under the top bar with the lesson's slides in order. Click a slide
 * to edit its scene; drag a slide (or Alt+←/→ on a focused one) to reorder; Delete removes it.
 * The edited slide's title and notes are edited below the strip. The lesson has its own
 * undo/redo (the scene's stays with the scene), and Present starts at the edited slide.
 *
 * Without a lesson the strip offers to start one: from the current scene, the built-in
 * "Calculus for ML", or a lesson file.
 */
import { useEffect, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { slideBeats } from '../../../shared/lesson/document.ts';
import type { Slide } from '../../../shared/lesson/document.ts';
import { LESSON_ACCEPT } from '../platform/lessonFile.ts';
import { platform } from '../platform/platform.ts';
import { actions, useApp } from '../store/hooks.ts';
import './SlideSorter.css';

export function SlideSorter() {
  const lesson = useApp((s) => s.lesson);
  const fileInput = useRef<HTMLInputElement>(null);
  // The browser's Open lesson uses this input (the desktop app opens a native dialog).
  useEffect(() => {
    platform.setLessonFilePicker(() => fileInput.current?.click());
    return () => platform.setLessonFilePicker(null);
  }, []);
  const picker = (
    <input
      ref={fileInput}
      type="file"
      accept={LESSON_ACCEPT}
      hidden
      data-testid="lesson-file-input"
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void platform.openLessonFile(file);
      }}
    />
  );
  if (!lesson) {
    return (
      <section className="slide-sorter empty" data-testid="slide-sorter" aria-label="Lesson">
        <span className="sorter-lead">A lesson is a list of slides, each a live scene.</span>
        <button type="button" data-testid="lesson-new" onClick={() => actions().newLesson()}>
          New lesson from this scene
        </button>
        <button
          type="button"
          data-testid="lesson-builtin"
          onClick={() => actions().openLesson(calculusLesson())}
        >
          Open “Calculus for ML”
        </button>
        <button type="button" onClick={() => void platform.openLesson()}>
          Open lesson file…
        </button>
        {picker}
        <span className="present-spacer" />
        <button
          type="button"
          onClick={() => actions().setSorterOpen(false)}
          aria-label="Hide the slide sorter"
        >
          ×
        </button>
      </section>
    );
  }
  return (
    <section className="slide-sorter" data-testid="slide-sorter" aria-label="Lesson">
      <div className="sorter-row">
        <input
          type="text"
          className="lesson-title"
          aria-label="Lesson title"
          data-testid="lesson-title"
          key={lesson.title}
          defaultValue={lesson.title}
          maxLength={200}
          onBlur={(e) => actions().setLessonTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
          }}
        />
        <SlideStrip slides={lesson.slides} />
        <SorterCommands />
        {picker}
        <button type="button" onClick={() => void platform.openLesson()} title="Open a lesson file">
          Open…
        </button>
        <button
          type="button"
          data-testid="lesson-save"
          onClick={() => void platform.saveLesson()}
          title="Save the lesson file"
        >
          Save
        </button>
        <button
          type="button"
          data-testid="lesson-export"
          disabled={lesson.slides.length === 0}
          onClick={() => actions().openDialog('lessonExport')}
          title="Render the lesson as a PowerPoint deck or a folder of clips"
        >
          Export lesson…
        </button>
        <button
          type="button"
          data-testid="lesson-close"
          onClick={() => actions().closeLesson()}
          title="Close the lesson (the current scene stays)"
          aria-label="Close the lesson"
        >
          ×
        </button>
      </div>
      <SlideFields />
    </section>
  );
}

/** The slides as cards: click to edit, drag or Alt+arrows to move, Delete to remove. */
function SlideStrip({ slides }: { slides: readonly Slide[] }) {
  const editing = useApp((s) => s.editingSlideId);
  const [drop, setDrop] = useState<number | null>(null);
  const dragged = useRef<string | null>(null);

  const dropIndex = (e: DragEvent<HTMLElement>, index: number): number => {
    const box = e.currentTarget.getBoundingClientRect();
    return e.clientX > box.left + box.width / 2 ? index + 1 : index;
  };

  const onKey = (e: KeyboardEvent<HTMLElement>, slide: Slide, index: number): void => {
    const s = actions();
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      s.moveSlide(slide.id, index + (e.key === 'ArrowLeft' ? -1 : 1));
      // Focus follows the moved card.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-slide-id="${CSS.escape(slide.id)}"]`)?.focus(),
      );
    } else if (e.key === 'Delete') {
      e.preventDefault();
      s.deleteSlide(slide.id);
    }
  };

  return (
    <ol className="slide-strip" data-testid="slide-strip" aria-label="Slides">
      {slides.map((slide, index) => {
        const beats = slideBeats(slide.scene).length;
        return (
          <li
            key={slide.id}
            className={`slide-card${slide.id === editing ? ' current' : ''}${drop === index ? ' drop-before' : ''}${drop === index + 1 && index === slides.length - 1 ? ' drop-after' : ''}`}
            data-testid="slide-card"
            data-slide-id={slide.id}
            draggable
            tabIndex={0}
            aria-current={slide.id === editing ? 'true' : undefined}
            title={`${slide.title}\n${beats} beat${beats === 1 ? '' : 's'} · drag or Alt+←/→ to move, Delete to remove`}
            onClick={() => actions().editSlide(slide.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                actions().editSlide(slide.id);
              } else onKey(e, slide, index);
            }}
            onDragStart={(e) => {
              dragged.current = slide.id;
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', slide.id);
            }}
            onDragOver={(e) => {
              if (dragged.current === null) return;
              e.preventDefault();
              setDrop(dropIndex(e, index));
            }}
            onDragLeave={() => setDrop(null)}
            onDrop={(e) => {
              e.preventDefault();
              const id = dragged.current;
              const target = dropIndex(e, index);
              dragged.current = null;
              setDrop(null);
              if (id === null) return;
              const from = slides.findIndex((s) => s.id === id);
              // Indices after the dragged card shift down by one once it is taken out.
              actions().moveSlide(id, from < target ? target - 1 : target);
            }}
            onDragEnd={() => {
              dragged.current = null;
              setDrop(null);
            }}
          >
            <span className="slide-number">{index + 1}</span>
            <span className="slide-title">{slide.title || 'Untitled slide'}</span>
            <span className="slide-beats" aria-label={`${beats} beats`}>
              {beats > 1 ? `${beats} beats` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Add, duplicate, delete, the lesson's undo/redo, and Present. */
function SorterCommands() {
  const editing = useApp((s) => s.editingSlideId);
  const canUndo = useApp((s) => s.lessonHistory.past.length > 0);
  const canRedo = useApp((s) => s.lessonHistory.future.length > 0);
  return (
    <div className="sorter-commands" role="group" aria-label="Slides">
      <button
        type="button"
        data-testid="slide-add"
        onClick={() => actions().addSlide()}
        title="Add the current scene as a slide after the selected one"
      >
        + Add scene
      </button>
      <button
        type="button"
        data-testid="slide-duplicate"
        disabled={editing === null}
        onClick={() => editing && actions().duplicateSlide(editing)}
      >
        Duplicate
      </button>
      <button
        type="button"
        data-testid="slide-delete"
        disabled={editing === null}
        onClick={() => editing && actions().deleteSlide(editing)}
      >
        Delete
      </button>
      <button
        type="button"
        data-testid="lesson-undo"
        disabled={!canUndo}
        onClick={() => actions().lessonUndo()}
        title="Undo the last change to the slides"
        aria-label="Undo slide change"
      >
        ↶
      </button>
      <button
        type="button"
        data-testid="lesson-redo"
        disabled={!canRedo}
        onClick={() => actions().lessonRedo()}
        title="Redo"
        aria-label="Redo slide change"
      >
        ↷
      </button>
    </div>
  );
}

/** Title and speaker notes of the edited slide. */
function SlideFields() {
  const slide = useApp((s) => s.lesson?.slides.find((x) => x.id === s.editingSlideId) ?? null);
  if (!slide) {
    return <p className="sorter-hint">Click a slide to edit its scene, title and notes.</p>;
  }
  return (
    <div className="sorter-row slide-fields">
      <label>
        Slide title
        <input
          type="text"
          data-testid="slide-title"
          value={slide.title}
          maxLength={200}
          onChange={(e) =>
            actions().updateSlide(slide.id, { title: e.target.value }, `title:${slide.id}`)
          }
          onBlur={() => actions().commitLessonGesture()}
        />
      </label>
      <label className="notes-field">
        Notes
        <textarea
          data-testid="slide-notes"
          value={slide.notes}
          rows={2}
          maxLength={20_000}
          placeholder="Speaker notes: shown in the presenter window and in PowerPoint"
          onChange={(e) =>
            actions().updateSlide(slide.id, { notes: e.target.value }, `notes:${slide.id}`)
          }
          onBlur={() => actions().commitLessonGesture()}
        />
      </label>
    </div>
  );
}
