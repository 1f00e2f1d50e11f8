/**
 * The live timeline position. It changes every frame while playing, so it lives outside React
 * state: a mutable number plus listeners. The scene's `timeline.position` is synced from it
 * when playback pauses or the user seeks, so saved scenes and undo still see the position.
 */
export type PlayheadListener = (position: number) => void;

export class Playhead {
  private current = 0;
  private readonly listeners = new Set<PlayheadListener>();

  /** Current position in steps (fractional while animating). */
  get position(): number {
    return this.current;
  }

  /** Moves the playhead and tells every listener (no-op when unchanged). */
  set(position: number): void {
    if (position === this.current) return;
    this.current = position;
    for (const listener of this.listeners) listener(position);
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: PlayheadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
