/**
 * "Nice" axis ticks (1, 2, 5 × 10ᵏ) and their labels, so axes read 0, 0.5, 1 rather than
 * 0, 0.4286, 0.8571.
 */

/** Ticks inside [lo, hi] spaced by a nice step, aiming for about `target` of them. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo) || target < 1) return [];
  const rough = (hi - lo) / target;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const unit = rough / power;
  const step = (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10) * power;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) {
    // Snap accumulated error (0.30000000000000004) and -0 to clean values.
    const clean = Number((Math.round(v / step) * step).toPrecision(12));
    ticks.push(Object.is(clean, -0) ? 0 : clean);
    if (ticks.length > 100) break;
  }
  return ticks;
}

/** A tick label: short, no trailing zeros, exponent form for very large or small magnitudes. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    return value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  }
  return String(Number(value.toPrecision(6)));
}
