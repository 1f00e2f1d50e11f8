/**
 * Limits on what users may type for f, in a module of their own so the wire and scene schemas
 * can state them without loading the compiler (and mathjs) with them.
 */

/** Longest accepted expression, in characters (after trimming surrounding whitespace). */
export const MAX_LENGTH = 1000;
/** Deepest accepted bracket nesting (mathjs's recursive parser overflows a few hundred down). */
export const MAX_NESTING = 100;

/** The sentence for an expression over {@link MAX_LENGTH}; `length` is its trimmed length. */
export function tooLongMessage(length: number): string {
  return `The expression is too long (${length} characters; at most ${MAX_LENGTH})`;
}

/**
 * Names that may never be variables: the members of Object.prototype and anything that looks
 * like an engine-internal name. As variables they reach plain-object lookups in the formula
 * renderer and elsewhere, where `__proto__` or `constructor` mean something else entirely.
 */
const RESERVED: ReadonlySet<string> = new Set([
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** True for a name that must not be a variable (see RESERVED above). */
export function isReservedName(name: string): boolean {
  return name.startsWith('__') || RESERVED.has(name);
}
