/** Lecturer notes for the built-in lesson, by preset id (written by hand; see builtin.ts). */
export const LECTURER_NOTES: Readonly<Record<string, string>> = {};
