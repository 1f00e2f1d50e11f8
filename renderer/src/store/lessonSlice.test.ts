import { describe, expect, it } from 'vitest';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { createAppStore } from './appStore.ts';

/** A store with the built-in lesson open (slide 1 in the editor). */
function withLesson() {
  const store = createAppStore();
  store.getState().openLesson(calculusLesson());
  return store;
}

const index = (id: string): number => calculusLesson().slides.findIndex((s) => s.id === id);

describe('editing a lesson', () => {
  it('opens on slide 1 and edits follow the edited slide, not the others', () => {
    const store = withLesson();
    const s = () => store.getState();
    expect(s().editingSlideId).toBe('derivative-x2');
    s().editSlide('gd-x2');
    expect(s().scene.title).toBe('Gradient descent on x²');
    s().setTitle('Edited');
    expect(s().lesson!.slides[index('gd-x2')]!.scene.title).toBe('Edited');
    expect(s().lesson!.slides[0]!.scene.title).toBe('Slope of x² at x = 3');
    // The scene's own undo puts the slide back too.
    s().undo();
    expect(s().lesson!.slides[index('gd-x2')]!.scene.title).toBe('Gradient descent on x²');
  });

  it('keeps a quiet change (the camera) in the slide without marking the lesson unsaved', () => {
    const store = withLesson();
    const s = () => store.getState();
    s().markLessonSaved();
    const revision = s().lessonRevision;
    s().setCameraPose([4, 5, 6], [0, 0, 0]);
    expect(s().lesson!.slides[0]!.scene.camera).toMatchObject({ position: [4, 5, 6] });
    expect(s().lessonRevision).toBe(revision);
    s().setTitle('Edited');
    expect(s().lessonRevision).toBe(revision + 1);
    expect(s().lessonRevision).not.toBe(s().lessonSavedRevision);
  });

  it('another document in the editor leaves the slide as it was', () => {
    const store = withLesson();
    const s = () => store.getState();
    s().openScene(presetScene('saddle')!);
    expect(s().editingSlideId).toBeNull();
    expect(s().lesson!.slides[0]!.scene.title).toBe('Slope of x² at x = 3');
  });

  it('adds, duplicates, moves and deletes slides, each undoable', () => {
    const store = withLesson();
    const s = () => store.getState();
    const count = s().lesson!.slides.length;
    s().openScene(presetScene('saddle')!);
    s().addSlide();
    expect(s().lesson!.slides).toHaveLength(count + 1);
    const added = s().lesson!.slides.at(-1)!;
    expect(added.title).toBe('The saddle x² − y²');
    expect(s().editingSlideId).toBe(added.id);

    s().duplicateSlide('gd-x2');
    const at = index('gd-x2');
    expect(s().lesson!.slides[at + 1]!.scene).toBe(s().lesson!.slides[at]!.scene);
    expect(s().lesson!.slides[at + 1]!.id).not.toBe('gd-x2');

    s().moveSlide('gd-x2', 0);
    expect(s().lesson!.slides[0]!.id).toBe('gd-x2');
    s().deleteSlide('gd-x2');
    expect(s().lesson!.slides.some((x) => x.id === 'gd-x2')).toBe(false);

    s().lessonUndo();
    expect(s().lesson!.slides[0]!.id).toBe('gd-x2');
    s().lessonUndo();
    expect(s().lesson!.slides[at]!.id).toBe('gd-x2');
    expect(s().lesson!.slides[at + 1]!.id).not.toBe('gd-x2');
    s().lessonRedo();
    expect(s().lesson!.slides[0]!.id).toBe('gd-x2');
  });

  it('typing a title or notes is one undo step per field', () => {
    const store = withLesson();
    const s = () => store.getState();
    for (const text of ['S', 'Sa', 'Sad']) s().updateSlide('gd-x2', { notes: text }, 'notes:gd-x2');
    s().commitLessonGesture();
    expect(s().lesson!.slides[index('gd-x2')]!.notes).toBe('Sad');
    s().lessonUndo();
    expect(s().lesson!.slides[index('gd-x2')]!.notes).toBe(
      calculusLesson().slides[index('gd-x2')]!.notes,
    );
    expect(s().lessonRevision).not.toBe(s().lessonSavedRevision);
  });
});

describe('present mode', () => {
  it('forward plays to each beat, then moves on; back returns beat by beat', () => {
    const store = withLesson();
    const s = () => store.getState();
    s().editSlide('gd-x2');
    s().startPresenting();
    expect(s().presentation).toMatchObject({ slide: index('gd-x2'), stop: 0 });
    s().presentForward();
    expect(s().playing).toBe(true);
    expect(s().playUntil).toBe(1);
    // Forward while a beat plays finishes it on its stop.
    s().presentForward();
    expect(s().playing).toBe(false);
    expect(s().runtime.playhead.position).toBe(1);
    s().presentForward();
    s().presentForward();
    s().presentForward();
    s().presentForward();
    expect(s().presentation!.stop).toBe(3);
    expect(s().runtime.playhead.position).toBe(3);
    s().presentForward();
    expect(s().presentation).toMatchObject({ slide: index('gd-x2') + 1, stop: 0 });
    s().presentBack();
    expect(s().presentation).toMatchObject({ slide: index('gd-x2'), stop: 3 });
    expect(s().runtime.playhead.position).toBe(3);
    s().presentBack();
    expect(s().presentation!.stop).toBe(2);
    expect(s().runtime.playhead.position).toBe(2);
  });

  it('live edits while presenting never reach the lesson, and Esc restores the editor', () => {
    const store = withLesson();
    const s = () => store.getState();
    s().editSlide('saddle');
    s().setTitle('Mine');
    const scene = s().scene;
    const history = s().history;
    s().startPresenting();
    const run = s().scene.selectedRunId!;
    s().updateParams(run, { lr: 0.3 });
    expect(s().lesson!.slides[index('saddle')]!.scene.runs[0]!.params.lr).toBe(0.1);
    s().presentSlide(0);
    s().presentSlide(index('saddle'));
    // A slide shown again starts from the lesson's copy.
    expect(s().scene.runs.find((r) => r.id === run)!.params.lr).toBe(0.1);
    s().toggleBlackout();
    expect(s().presentation!.blackout).toBe(true);
    s().stopPresenting();
    expect(s().presentation).toBeNull();
    expect(s().scene).toBe(scene);
    expect(s().history).toBe(history);
    expect(s().editingSlideId).toBe('saddle');
  });

  it('jumps are clamped, and a lone scene presents as one slide', () => {
    const store = createAppStore(presetScene('bowl-2d'));
    const s = () => store.getState();
    s().startPresenting(5);
    expect(s().presentation).toMatchObject({
      slide: 0,
      slides: [{ title: 'Gradient descent on a round bowl' }],
    });
    s().presentSlide(99);
    expect(s().presentation!.slide).toBe(0);
    s().presentForward();
    expect(s().playUntil).toBe(1);
  });
});
