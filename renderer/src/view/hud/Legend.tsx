/** Legend of the visible runs (colour, name with the current η, and a mark when a run diverged). */
import { useShallow } from 'zustand/react/shallow';
import { legendLabel } from './legend.ts';
import { useApp } from '../../store/hooks.ts';

export function Legend() {
  const entries = useApp(
    useShallow((s) =>
      s.scene.runs
        .filter((r) => r.visible)
        .map(
          (r) =>
            `${r.color}|${s.trajectories[r.id]?.status === 'diverged' ? 'd' : ''}|${legendLabel(r.name, r.params.lr)}`,
        ),
    ),
  );
  if (entries.length === 0) return null;
  return (
    <ul className="legend" aria-label="Legend">
      {entries.map((entry, i) => {
        const [color = '#000', diverged = '', ...rest] = entry.split('|');
        const name = rest.join('|');
        return (
          <li key={i}>
            <span className="swatch" style={{ background: color }} />
            {name}
            {diverged && <span className="diverged-mark"> ✕ diverged</span>}
          </li>
        );
      })}
    </ul>
  );
}
