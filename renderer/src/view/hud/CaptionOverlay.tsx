/** The scene's title and caption (presets explain what to look at) over the bottom of the view. */
import { useApp } from '../../store/hooks.ts';

export function CaptionOverlay() {
  const caption = useApp((s) => s.scene.caption);
  const title = useApp((s) => s.scene.title);
  if (!caption) return null;
  return (
    <div className="caption-overlay" data-testid="caption">
      <strong>{title}</strong>
      <p>{caption}</p>
    </div>
  );
}
