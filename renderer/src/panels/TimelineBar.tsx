/**
 * Playback controls under the view: play/pause, step back/forward, the scrubber, loop and speed.
 * The scrubber and the step counter follow the playhead through a subscription that writes the
 * DOM directly — while playing, the position changes every frame and must not re-render React.
 */
import { useEffect, useRef } from 'react';
import { rowAt } from '../store/timeline.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { actions, appStore, useApp } from '../store/hooks.ts';
import { Icon } from './Icon.tsx';
import { NumberField } from './NumberField.tsx';

export function TimelineBar() {
  const playing = useApp((s) => s.playing);
  const end = useApp((s) => timelineEnd(s.scene));
  const loop = useApp((s) => s.scene.timeline.loop);
  const speed = useApp((s) => s.scene.timeline.speed);
  const slider = useRef<HTMLInputElement>(null);
  const counter = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const { playhead } = appStore.getState().runtime;
    const show = (position: number): void => {
      const row = rowAt(position, end + 1);
      if (slider.current && slider.current.value !== String(row))
        slider.current.value = String(row);
      if (counter.current) counter.current.textContent = `step ${row} / ${end}`;
    };
    show(playhead.position);
    return playhead.subscribe(show);
  }, [end]);

  return (
    <div className="timeline-bar" role="group" aria-label="Timeline">
      <button
        type="button"
        data-testid="step-back"
        title="Step back (←)"
        aria-label="Step back"
        onClick={() => actions().stepBy(-1)}
      >
        <Icon name="stepBack" />
      </button>
      <button
        type="button"
        data-testid="play"
        className="play-button"
        data-playing={playing}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (space)' : 'Play (space)'}
        onClick={() => actions().togglePlay()}
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button
        type="button"
        data-testid="step-forward"
        title="Step forward (→)"
        aria-label="Step forward"
        onClick={() => actions().stepBy(1)}
      >
        <Icon name="stepForward" />
      </button>
      <input
        ref={slider}
        type="range"
        className="timeline"
        data-testid="timeline"
        aria-label="Timeline position (step)"
        min={0}
        max={end}
        step={1}
        defaultValue={0}
        onChange={(e) => actions().seek(Number(e.target.value))}
      />
      <span className="step-counter" ref={counter} aria-live="off" />
      <label className="check compact-check" title="Start again at the end">
        <input
          type="checkbox"
          checked={loop}
          onChange={(e) => actions().setTimeline({ loop: e.target.checked })}
        />
        Loop
      </label>
      <NumberField
        label="steps/s"
        value={speed}
        format={String}
        rule={{ min: 0, minExclusive: true, max: 10000 }}
        onCommit={(v) => actions().setTimeline({ speed: v })}
        className="compact speed-field"
        testId="speed-input"
      />
    </div>
  );
}
