/**
 * Reading scene documents: from text (a file, a link, stored state) or a parsed JSON value.
 * Parsing never throws: a malformed, newer or unusable document yields a message instead.
 */
import { describeZodError } from '../schema.ts';
import { SCENE_VERSION, sceneSchema } from './document.ts';
import type { Scene } from './document.ts';
import { checkSceneMeaning } from './meaning.ts';
import { migrateScene } from './migrate.ts';

export type SceneParse = { ok: true; scene: Scene } | { ok: false; message: string };

/**
 * Validates a parsed JSON value as a scene: its shape (the schema, after migrating older
 * formats) and its meaning (meaning.ts: the selected run exists, f compiles, the kind fits f,
 * points have one coordinate per variable, the domain can be drawn). Refuses documents from
 * newer versions with a message that says so. Never throws.
 */
export function parseScene(value: unknown): SceneParse {
  try {
    return parseUnchecked(value);
  } catch (error) {
    // Nothing above should throw; if something does, the document is still only refused.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The scene could not be read: ${detail}` };
  }
}

function parseUnchecked(value: unknown): SceneParse {
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
  const problem = checkSceneMeaning(parsed.data);
  if (problem !== null) return { ok: false, message: problem };
  return { ok: true, scene: parsed.data };
}

/**
 * Parses scene text (file contents or a decoded link). A leading byte-order mark, which some
 * editors on Windows write, is ignored. A syntax error is reported by line and column, never
 * by quoting the text (which may be anything: a wrong file picked by mistake).
 */
export function parseSceneText(text: string): SceneParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: `The scene file is not valid JSON${describeJsonError(body)}.` };
  }
  return parseScene(value);
}

/** ": <what> at line L, column C" for the first syntax error in `text`, or "" if none is found. */
export function describeJsonError(text: string): string {
  const found = findJsonError(text);
  if (found === null) return '';
  const before = text.slice(0, found.offset);
  const line = before.split('\n').length;
  const column = found.offset - (before.lastIndexOf('\n') + 1) + 1;
  return `: ${found.what} at line ${line}, column ${column}`;
}

interface JsonError {
  offset: number;
  what: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * Where JSON.parse gave up, found by a small scanner of the JSON grammar: engines word (and
 * place) their errors differently, and some quote the text around the error. Iterative, with
 * an explicit stack, so deeply nested input cannot overflow the call stack.
 */
function findJsonError(text: string): JsonError | null {
  let i = 0;
  const stack: string[] = [];
  const fail = (what: string): JsonError =>
    i >= text.length
      ? { offset: text.length, what: 'the text ends too early' }
      : { offset: i, what };
  const skip = (): void => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  /** Scans a string starting at i (a quote); false on a bad one, leaving i at the problem. */
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return false;
        }
      } else {
        i++;
      }
    }
    return false;
  };

  skip();
  // Each pass reads one value, then closes any containers it completes.
  for (;;) {
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skip();
      const close = c === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
      } else {
        stack.push(c);
        if (c === '{') {
          if (text[i] !== '"' || !string()) return fail('a property name was expected');
          skip();
          if (text[i] !== ':') return fail('a ":" was expected');
          i++;
          skip();
        }
        continue;
      }
    } else if (c === '"') {
      if (!string()) return fail('a text value is not closed or not valid');
    } else {
      NUMBER.lastIndex = i;
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (literal !== undefined) i += literal.length;
      else if (NUMBER.exec(text) !== null && NUMBER.lastIndex > i) i = NUMBER.lastIndex;
      else return fail('a value was expected');
    }
    // After a value: commas and closing brackets.
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? { offset: i, what: 'unexpected text after the end' } : null;
      }
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail(`a "," or "${close}" was expected`);
      i++;
      skip();
      if (top === '{') {
        if (text[i] !== '"' || !string()) return fail('a property name was expected');
        skip();
        if (text[i] !== ':') return fail('a ":" was expected');
        i++;
        skip();
      }
      break;
    }
  }
}
