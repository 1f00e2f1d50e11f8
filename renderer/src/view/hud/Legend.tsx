/**
 * Legend of the visible runs and imported paths: colour, label (the name with its placeholders filled in, plus the
 * current η where the name does not say it) and a mark when a run diverged.
 */
import { useShallow } from 'zustand/react/shallow';
import { legendLabel } from './legend.ts';
import { useApp } from '../../store/hooks.ts';
import { slicePlane, trainingPath } from '../../store/trainingPath.ts';

/** Separates the parts of one entry: entries are strings so useShallow can compare them. */
const SEP = '\u0000';

export function Legend() {
  const entries = useApp(
    useShallow((s) => [
      ...s.scene.runs
        .filter((r) => r.visible)
        .map((r) =>
          [r.color, s.trajectories[r.id]?.status === 'diverged' ? 'd' : '', legendLabel(r)].join(
            SEP,
          ),
        ),
      // Imported paths: their names as given (the file they came from).
      ...(s.scene.paths ?? []).filter((p) => p.visible).map((p) => [p.color, '', p.name].join(SEP)),
      ...[trainingPath(s)].flatMap((p) => (p ? [[p.color, '', p.name].join(SEP)] : [])),
    ]),
  );
  // A slice of a network's loss says which plane it is (Li et al. 2018 plot two kinds).
  const plane = useApp(slicePlane);
  if (entries.length === 0 && !plane) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {entries.map((entry, i) => {
        const [color = '#000', diverged = '', name = ''] = entry.split(SEP);
        return (
          <li key={i}>
            <span className="swatch" style={{ background: color }} />
            {name}
            {diverged && <span className="diverged-mark"> ✕ diverged</span>}
          </li>
        );
      })}
      {plane && (
        <li className="legend-note" data-testid="slice-plane">
          {plane}
        </li>
      )}
    </ul>
  );
}
