/**
 * The built-in lesson "Calculus for ML": the chapter §1 to §9, one slide per chapter preset in
 * chapter order (function plots and the live figures alike; a preset marked `inLesson: false`
 * has none). Each slide's title starts with its section number; the scene's caption carries the
 * chapter's numbers on the slide, and the notes (calculusNotes.ts) tell the lecturer what to do
 * and say.
 */
import { LESSON_PRESETS, presetScene } from '../scene/presets.ts';
import { LESSON_VERSION } from './document.ts';
import type { Lesson } from './document.ts';
import { LECTURER_NOTES } from './calculusNotes.ts';

export const BUILTIN_LESSON_TITLE = 'Calculus for ML';

/** "§5" from "§5 Gradient descent: momentum" (the section's number, for the slide title). */
function sectionMark(section: string): string {
  return /§\d+/.exec(section)?.[0] ?? '';
}

/** A fresh copy of the built-in lesson (safe to edit). */
export function calculusLesson(): Lesson {
  return {
    version: LESSON_VERSION,
    title: BUILTIN_LESSON_TITLE,
    slides: LESSON_PRESETS.map((preset) => ({
      id: preset.id,
      title: `${sectionMark(preset.section)} ${preset.title}`.trim(),
      notes: LECTURER_NOTES[preset.id] ?? '',
      scene: presetScene(preset.id) ?? preset.scene,
    })),
  };
}
