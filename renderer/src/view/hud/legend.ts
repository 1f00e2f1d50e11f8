/**
 * Legend text of a run: its label (the name with placeholders such as `{lr}` filled in, see
 * runName.ts). A name that does not quote η through `{lr}` gets the current η appended, unless
 * it already states exactly that value, so a legend never contradicts the η control (a fixed
 * name such as "η = 0.1" kept after η was dragged to 1.1 reads "η = 0.1 · η = 1.1").
 */
import { formatLabelNumber, nameShowsLr, runLabel } from '../../../../shared/scene/runName.ts';
import type { RunLabelSource } from '../../../../shared/scene/runName.ts';

/** Whether `text` says `η = value` for this η (as typed, or as labels round it). */
function statesLr(text: string, lr: number): boolean {
  return [String(lr), formatLabelNumber(lr)].some((value) => {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`η\\s*=\\s*${escaped}(?![0-9])`).test(text);
  });
}

/** The legend label of a run. */
export function legendLabel(run: RunLabelSource): string;
/** The legend label of a fixed (literal) name at η = `lr`; placeholders are not expanded. */
export function legendLabel(name: string, lr: number): string;
export function legendLabel(run: RunLabelSource | string, lr?: number): string {
  const eta = typeof run === 'string' ? (lr ?? NaN) : run.params.lr;
  if (typeof run !== 'string' && nameShowsLr(run.name)) return runLabel(run);
  const label = typeof run === 'string' ? run : runLabel(run);
  return statesLr(label, eta) ? label : `${label} · η = ${formatLabelNumber(eta)}`;
}
