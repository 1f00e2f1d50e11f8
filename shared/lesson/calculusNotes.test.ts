/**
 * The lecturer notes of the built-in lesson: one per lesson preset (those not marked
 * `inLesson: false`), none extra, all short enough.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_PRESETS as PRESETS } from '../scene/presets.ts';
import { calculusLesson } from './builtin.ts';
import { LECTURER_NOTES } from './calculusNotes.ts';

const MAX_NOTE_LENGTH = 900;

describe('LECTURER_NOTES', () => {
  it('has a non-empty note for every preset', () => {
    for (const preset of PRESETS) {
      expect(LECTURER_NOTES[preset.id]?.trim(), preset.id).toBeTruthy();
    }
  });

  it('has no notes for ids that are not presets', () => {
    const ids = new Set(PRESETS.map((p) => p.id));
    expect(Object.keys(LECTURER_NOTES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('keeps every note under 900 characters', () => {
    for (const [id, note] of Object.entries(LECTURER_NOTES)) {
      expect(note.length, id).toBeLessThan(MAX_NOTE_LENGTH);
    }
  });
});

describe('calculusLesson', () => {
  it('has one slide per preset, each with notes', () => {
    const lesson = calculusLesson();
    expect(lesson.slides.map((s) => s.id)).toEqual(PRESETS.map((p) => p.id));
    for (const slide of lesson.slides) {
      expect(slide.notes.trim(), slide.id).not.toBe('');
    }
  });
});
