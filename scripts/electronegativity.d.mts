// Types of scripts/electronegativity.mjs for the TypeScript tests that import it.
export const SCANNED: string[];
export const SUPPRESSIONS_FILE: string;
export interface Finding {
  rule: string;
  /** Repository-relative path; '' for global checks. */
  file: string;
  line: number;
  message: string;
}
export interface Suppression {
  rule: string;
  file: string;
  reason: string;
}
export function isScanned(relPath: string): boolean;
export function sarifFindings(sarif: unknown): Finding[];
export function parseSuppressions(value: unknown): Suppression[];
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
): { open: Finding[]; accepted: Finding[]; stale: Suppression[] };
