/**
 * KaTeX on demand: the script and its stylesheet (with the fonts it names) in a chunk of their
 * own, so the editor's first picture never waits for them. One load per page.
 */
export type Katex = typeof import('katex').default;

let loading: Promise<Katex> | null = null;

export function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('./katexStyles.ts')]).then(([m]) => m.default);
  return loading;
}
