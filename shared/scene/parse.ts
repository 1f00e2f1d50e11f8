/**
 * Reading scene documents: from text (a file, a link, stored state) or a parsed JSON value.
 * Parsing never throws: a malformed or newer document yields a message instead.
 */
import { describeZodError } from '../schema.ts';
import { SCENE_VERSION, sceneSchema } from './document.ts';
import type { Scene } from './document.ts';
import { migrateScene } from './migrate.ts';

export type SceneParse = { ok: true; scene: Scene } | { ok: false; message: string };

/**
 * Validates a parsed JSON value as a scene. Refuses documents from newer versions with a
 * message that says so, and anything malformed with the first problems found.
 */
export function parseScene(value: unknown): SceneParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Not a Descent Studio scene: expected a JSON object.' };
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version !== 'number') {
    return { ok: false, message: 'Not a Descent Studio scene: the "version" field is missing.' };
  }
  if (version > SCENE_VERSION) {
    return {
      ok: false,
      message: `This scene was saved by a newer Descent Studio (format ${version}); this version reads format ${SCENE_VERSION} and older. Please update the app.`,
    };
  }
  const parsed = sceneSchema.safeParse(migrateScene(value as Record<string, unknown>));
  if (!parsed.success) {
    return { ok: false, message: `The scene file is damaged: ${describeZodError(parsed.error)}` };
  }
  const scene = parsed.data;
  const ids = new Set<string>();
  for (const run of scene.runs) {
    if (ids.has(run.id))
      return {
        ok: false,
        message: `The scene file is damaged: two runs share the id '${run.id}'.`,
      };
    ids.add(run.id);
  }
  return { ok: true, scene };
}

/** Parses scene text (file contents or a decoded link). */
export function parseSceneText(text: string): SceneParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The scene file is not valid JSON: ${detail}` };
  }
  return parseScene(value);
}
