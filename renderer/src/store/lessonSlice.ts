/**
 * Lesson slice: the open lesson (an ordered list of slides, each a scene), its own undo
 * history, and present mode.
 *
 * Editing: one slide at a time is "edited": its scene is the editor's scene, and every scene
 * change is written back into that slide (syncEditedSlide, wired in appStore.ts), so the scene's
 * own undo covers scene edits and the lesson's history covers the slide list, titles and notes.
 *
 * Presenting never changes the lesson: each slide is shown from a copy, η dragged live in front
 * of the class is forgotten on the next slide, and leaving puts the editing state back exactly.
 */
import type { StateCreator } from 'zustand/vanilla';
import { emptyLesson, freeSlideId, slideStops } from '../../../shared/lesson/document.ts';
import type { Lesson, Slide } from '../../../shared/lesson/document.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { closeGesture, emptyHistory, recordEdit, redo, undo } from './history.ts';
import { clampPosition } from './timeline.ts';
import type { AppState, LessonSlice, Presentation } from './types.ts';

type Creator = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], LessonSlice>;

/** A slide made from a scene (its title becomes the slide's). */
function slideOf(scene: Scene, slides: readonly Slide[]): Slide {
  return { id: freeSlideId(slides), title: scene.title, notes: '', scene };
}

export const createLessonSlice: Creator = (set, get) => {
  /** Applies an undoable change to the lesson. */
  const editLesson = (recipe: (lesson: Lesson) => Lesson, gesture: string | null = null): void => {
    const { lesson, lessonHistory } = get();
    if (!lesson) return;
    const next = recipe(lesson);
    if (next === lesson) return;
    set({
      lesson: next,
      lessonHistory: recordEdit(lessonHistory, lesson, gesture),
      lessonRevision: get().lessonRevision + 1,
    });
  };

  const mapSlide = (lesson: Lesson, id: string, f: (slide: Slide) => Slide): Lesson => {
    let changed = false;
    const slides = lesson.slides.map((s) => {
      if (s.id !== id) return s;
      const next = f(s);
      if (next !== s) changed = true;
      return next;
    });
    return changed ? { ...lesson, slides } : lesson;
  };

  /**
   * Puts slide `slideId`'s scene in the editor as a fresh document (its own undo history starts
   * empty); from then on the editor's changes are written back into that slide.
   */
  const showInEditor = (scene: Scene, slideId: string): void => {
    get().resetDocument(scene);
    set({ editingSlideId: slideId, playing: false, playUntil: null });
  };

  /** Puts slide `index` of the presentation on screen at stop `stop`. */
  const showSlide = (p: Presentation, index: number, stop: 'first' | 'last'): void => {
    const slide = p.slides[index];
    if (!slide) return;
    const scene = JSON.parse(JSON.stringify(slide.scene)) as Scene;
    const stops = slideStops(scene);
    const at = stop === 'first' ? 0 : stops.length - 1;
    const position = stops[at] ?? 0;
    scene.timeline = { ...scene.timeline, position };
    set({ presentation: { ...p, slide: index, stop: at }, playing: false, playUntil: null });
    get().resetDocument(scene);
    get().runtime.playhead.set(clampPosition(position, timelineEnd(scene)));
  };

  /** Ends a beat still playing: the playhead lands on the beat's stop. */
  const finishBeat = (): boolean => {
    const { playing, playUntil } = get();
    if (!playing) return false;
    const target = playUntil;
    get().pause();
    if (target !== null) get().seek(target);
    return true;
  };

  return {
    lesson: null,
    lessonHistory: emptyHistory<Lesson>(),
    lessonRevision: 0,
    lessonSavedRevision: 0,
    editingSlideId: null,
    sorterOpen: false,
    presentation: null,

    openLesson: (lesson, saved = true) => {
      const revision = get().lessonRevision + 1;
      set({
        lesson,
        lessonHistory: emptyHistory<Lesson>(),
        lessonRevision: revision,
        lessonSavedRevision: saved ? revision : get().lessonSavedRevision,
        editingSlideId: null,
        sorterOpen: true,
        startPage: false,
      });
      const first = lesson.slides[0];
      if (first) get().editSlide(first.id);
    },
    openParsedLesson: (parse) => {
      if (!parse.ok) {
        get().notify('error', parse.message);
        return false;
      }
      get().openLesson(parse.lesson);
      return true;
    },
    newLesson: () => {
      const lesson = emptyLesson();
      lesson.slides.push(slideOf(get().scene, []));
      get().openLesson(lesson, false);
    },
    closeLesson: () =>
      set({
        lesson: null,
        lessonHistory: emptyHistory<Lesson>(),
        editingSlideId: null,
        sorterOpen: false,
      }),
    setSorterOpen: (sorterOpen) => set({ sorterOpen }),
    markLessonSaved: (revision = get().lessonRevision) => set({ lessonSavedRevision: revision }),

    addSlide: () => {
      const { lesson, editingSlideId, scene } = get();
      if (!lesson) return;
      const slide = slideOf(scene, lesson.slides);
      const at = lesson.slides.findIndex((s) => s.id === editingSlideId);
      const slides = [...lesson.slides];
      slides.splice(at < 0 ? slides.length : at + 1, 0, slide);
      editLesson((l) => ({ ...l, slides }));
      set({ editingSlideId: slide.id });
    },
    duplicateSlide: (id) => {
      const { lesson } = get();
      const at = lesson?.slides.findIndex((s) => s.id === id) ?? -1;
      if (!lesson || at < 0) return;
      const original = lesson.slides[at]!;
      const copy: Slide = { ...original, id: freeSlideId(lesson.slides) };
      const slides = [...lesson.slides];
      slides.splice(at + 1, 0, copy);
      editLesson((l) => ({ ...l, slides }));
    },
    deleteSlide: (id) => {
      const { lesson, editingSlideId } = get();
      const at = lesson?.slides.findIndex((s) => s.id === id) ?? -1;
      if (!lesson || at < 0) return;
      const slides = lesson.slides.filter((s) => s.id !== id);
      editLesson((l) => ({ ...l, slides }));
      // The editor keeps showing the deleted slide's scene, now as a lone scene.
      if (editingSlideId === id) set({ editingSlideId: null });
    },
    moveSlide: (id, to) => {
      const { lesson } = get();
      const at = lesson?.slides.findIndex((s) => s.id === id) ?? -1;
      if (!lesson || at < 0) return;
      const slides = lesson.slides.filter((s) => s.id !== id);
      const index = Math.max(0, Math.min(slides.length, to));
      if (index === at) return;
      slides.splice(index, 0, lesson.slides[at]!);
      editLesson((l) => ({ ...l, slides }));
    },
    updateSlide: (id, patch, gesture) =>
      editLesson(
        (l) =>
          mapSlide(l, id, (s) =>
            (patch.title === undefined || patch.title === s.title) &&
            (patch.notes === undefined || patch.notes === s.notes)
              ? s
              : { ...s, ...patch },
          ),
        gesture ?? null,
      ),
    setLessonTitle: (title, gesture) =>
      editLesson((l) => (l.title === title ? l : { ...l, title }), gesture ?? null),
    commitLessonGesture: () => {
      const closed = closeGesture(get().lessonHistory);
      if (closed !== get().lessonHistory) set({ lessonHistory: closed });
    },
    editSlide: (id) => {
      const slide = get().lesson?.slides.find((s) => s.id === id);
      if (!slide) return;
      showInEditor(slide.scene, id);
    },
    lessonUndo: () => {
      const { lesson, lessonHistory } = get();
      const step = lesson ? undo(lessonHistory, lesson) : null;
      if (step) restoreLesson(step.document, step.history);
    },
    lessonRedo: () => {
      const { lesson, lessonHistory } = get();
      const step = lesson ? redo(lessonHistory, lesson) : null;
      if (step) restoreLesson(step.document, step.history);
    },
    syncEditedSlide: (edited) => {
      const { lesson, editingSlideId, presentation, scene } = get();
      if (!lesson || editingSlideId === null || presentation) return;
      const next = mapSlide(lesson, editingSlideId, (s) =>
        s.scene === scene ? s : { ...s, scene },
      );
      if (next === lesson) return;
      // The slide keeps quiet changes too (camera pose, playhead, selection), but only an edit
      // is an unsaved change of the lesson, as for scenes.
      set(edited ? { lesson: next, lessonRevision: get().lessonRevision + 1 } : { lesson: next });
    },

    startPresenting: (index) => {
      const state = get();
      if (state.presentation) return;
      state.commitGesture();
      const slides = state.lesson?.slides.length
        ? state.lesson.slides
        : [{ id: 'scene', title: state.scene.title, notes: '', scene: state.scene }];
      const edited = slides.findIndex((s) => s.id === state.editingSlideId);
      const start = Math.max(0, Math.min(slides.length - 1, index ?? (edited < 0 ? 0 : edited)));
      const presentation: Presentation = {
        slide: start,
        stop: 0,
        blackout: false,
        slides,
        title: state.lesson?.title ?? state.scene.title,
        startedAt: Date.now(),
        editing: {
          scene: state.scene,
          history: state.history,
          revision: state.revision,
          savedRevision: state.savedRevision,
          position: state.runtime.playhead.position,
          startPage: state.startPage,
          editingSlideId: state.editingSlideId,
        },
      };
      set({ startPage: false });
      showSlide(presentation, start, 'first');
    },
    presentForward: () => {
      const p = get().presentation;
      if (!p) return;
      if (p.blackout) return set({ presentation: { ...p, blackout: false } });
      if (finishBeat()) return;
      const stops = slideStops(get().scene);
      const next = stops[p.stop + 1];
      if (next !== undefined) {
        set({ presentation: { ...p, stop: p.stop + 1 } });
        get().playTo(next);
        return;
      }
      if (p.slide + 1 < p.slides.length) showSlide(p, p.slide + 1, 'first');
    },
    presentBack: () => {
      const p = get().presentation;
      if (!p) return;
      if (p.blackout) return set({ presentation: { ...p, blackout: false } });
      get().pause();
      const stops = slideStops(get().scene);
      // One stop back (while a beat plays: back to where it started).
      const stop = p.stop - 1;
      if (stop >= 0) {
        set({ presentation: { ...p, stop } });
        get().seek(stops[stop] ?? 0);
        return;
      }
      if (p.slide > 0) showSlide(p, p.slide - 1, 'last');
      else get().seek(stops[0] ?? 0);
    },
    presentSlide: (index) => {
      const p = get().presentation;
      if (!p) return;
      showSlide(p, Math.max(0, Math.min(p.slides.length - 1, index)), 'first');
    },
    toggleBlackout: () => {
      const p = get().presentation;
      if (p) set({ presentation: { ...p, blackout: !p.blackout } });
    },
    stopPresenting: () => {
      const p = get().presentation;
      if (!p) return;
      set({ presentation: null, playing: false, playUntil: null });
      const editing = p.editing;
      if (!editing) return;
      set((s) => ({
        scene: editing.scene,
        history: editing.history,
        revision: editing.revision,
        savedRevision: editing.savedRevision,
        startPage: editing.startPage,
        editingSlideId: editing.editingSlideId,
        cameraNonce: s.cameraNonce + 1,
      }));
      get().runtime.playhead.set(clampPosition(editing.position, timelineEnd(editing.scene)));
    },
  };

  function restoreLesson(lesson: Lesson, history: AppState['lessonHistory']): void {
    set({ lesson, lessonHistory: history, lessonRevision: get().lessonRevision + 1 });
    // The edited slide may be gone (an undone add) or back with another scene.
    const edited = lesson.slides.find((s) => s.id === get().editingSlideId);
    if (!edited) set({ editingSlideId: null });
    else if (edited.scene !== get().scene) showInEditor(edited.scene, edited.id);
  }
};
