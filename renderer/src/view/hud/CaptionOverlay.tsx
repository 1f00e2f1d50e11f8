/**
 * The scene's title and caption (presets explain what to look at) over the bottom of the view,
 * unless the scene hides it. When f or the domain changed after the caption was written, a line
 * at its foot says it may no longer match, with one click to clear it or to keep it as it is
 * (at the foot, so it stays put while the caption unfolds upward on hover).
 * The caption is edited in the panel (panels/CaptionField.tsx).
 */
import { actions, useApp } from '../../store/hooks.ts';

export function CaptionOverlay() {
  const caption = useApp((s) => s.scene.caption);
  const title = useApp((s) => s.scene.title);
  const shown = useApp((s) => s.scene.view.showCaption);
  const stale = useApp((s) => s.scene.captionStale);
  if (!caption || !shown) return null;
  return (
    <div className="caption-overlay" data-testid="caption" data-stale={stale}>
      <strong>{title}</strong>
      <p>{caption}</p>
      {stale && (
        <div className="caption-stale" role="status" data-testid="caption-stale">
          <span className="caption-stale-text">
            <span aria-hidden="true">⚠ </span>
            May no longer match: written for an earlier f or domain
          </span>
          <button
            type="button"
            data-testid="caption-stale-clear"
            title="Remove the caption"
            onClick={() => actions().clearCaption()}
          >
            Clear
          </button>
          <button
            type="button"
            data-testid="caption-stale-keep"
            title="The caption still fits: keep it and drop this mark"
            onClick={() => actions().keepCaption()}
          >
            Keep
          </button>
        </div>
      )}
    </div>
  );
}
