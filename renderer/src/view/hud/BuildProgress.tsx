/**
 * While the worker trains a network and samples its slice (a few hundred ms, longer for big
 * settings), a small bar over the view says so; the last picture stays underneath until the new
 * one is ready.
 */
import { useApp } from '../../store/hooks.ts';

export function BuildProgress() {
  const fraction = useApp((s) => s.building);
  if (fraction === null) return null;
  const percent = Math.round(fraction * 100);
  return (
    <div
      className="build-progress"
      data-testid="slice-progress"
      role="progressbar"
      aria-label="Computing the slice"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <span>Training the network and sampling its slice… {percent}%</span>
      <span className="build-progress-bar">
        <span style={{ width: `${percent}%` }} />
      </span>
    </div>
  );
}
