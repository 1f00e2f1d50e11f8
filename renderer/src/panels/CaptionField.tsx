/**
 * The caption shown over the view: edit it, hide it, and see when it may no longer match the
 * scene (f or the domain changed after it was written). Typing makes it current again; each
 * typing session is one undo step.
 */
import { useId } from 'react';
import { actions, useApp } from '../store/hooks.ts';

export function CaptionField() {
  const id = useId();
  const caption = useApp((s) => s.scene.caption);
  const shown = useApp((s) => s.scene.view.showCaption);
  const stale = useApp((s) => s.scene.captionStale);
  return (
    <div className="caption-field">
      <div className="caption-field-head">
        <label htmlFor={id}>Caption</label>
        <label className="check" title="Hide the caption in the view (the text is kept)">
          <input
            type="checkbox"
            data-testid="caption-hide"
            aria-label="Hide the caption in the view"
            checked={!shown}
            onChange={(e) => actions().setView({ showCaption: !e.target.checked })}
          />
          Hide
        </label>
      </div>
      <textarea
        id={id}
        data-testid="caption-edit"
        rows={3}
        maxLength={2000}
        placeholder="What to look at in this figure"
        value={caption}
        aria-describedby={stale ? `${id}-stale` : undefined}
        onChange={(e) => actions().setCaption(e.target.value)}
        onBlur={() => actions().commitGesture()}
      />
      {stale && (
        <p className="caption-stale-note" id={`${id}-stale`} data-testid="caption-stale-note">
          <span>May no longer match the scene.</span>
          <button type="button" className="link-button" onClick={() => actions().keepCaption()}>
            Keep
          </button>
          <button type="button" className="link-button" onClick={() => actions().clearCaption()}>
            Clear
          </button>
        </p>
      )}
    </div>
  );
}
