/**
 * The frame loop of one clip, without the DOM: which frames are drawn and which repeat the
 * picture written just before them. Nothing is drawn twice: a frame that shows the same picture
 * as the one before it (a hold frame, or a frame after the playhead stopped at the end of a time
 * range) is re-encoded from the last picture instead (see `FrameWriter.repeat` in
 * ./encoders.ts), and the GIF palette's sample frames are drawn once each and written from the
 * pixels kept for the palette ({@link SampledPictures}).
 * @see ../../../shared/export/plan.ts for when two frames show the same picture.
 */
import { pictureFrame, repeatsPrevious } from '../../../shared/export/plan.ts';
import type { ClipPlan } from '../../../shared/export/plan.ts';

/** What writing one clip's frames takes: the pipeline draws and encodes, tests count. */
export interface ClipSteps {
  /** Draws frame `n` (a picture not written just before it) and writes it. */
  draw(n: number): Promise<void>;
  /** Writes frame `n` as the picture written last, without drawing anything. */
  repeat(n: number): Promise<void>;
  /** Runs after every frame (progress, a turn of the event loop). */
  after(n: number): Promise<void>;
}

/** How the frames of a clip were made. */
export interface ClipCount {
  /** Frames drawn. */
  drawn: number;
  /** Frames re-encoded from the previous picture. */
  repeated: number;
}

/** Writes every frame of `clip` (camera orbit `orbit` degrees over the clip) in order. */
export async function writeClipFrames(
  clip: ClipPlan,
  orbit: number,
  steps: ClipSteps,
): Promise<ClipCount> {
  const count: ClipCount = { drawn: 0, repeated: 0 };
  for (let n = 0; n < clip.frames; n++) {
    if (repeatsPrevious(clip, orbit, n)) {
      await steps.repeat(n);
      count.repeated++;
    } else {
      await steps.draw(n);
      count.drawn++;
    }
    await steps.after(n);
  }
  return count;
}

/**
 * Pictures drawn ahead of the frame loop (the GIF palette's samples), each drawn once however
 * many sample frames show it, and handed back to the loop when it reaches the frame that first
 * shows it, so it is not drawn again there.
 */
export class SampledPictures<P> {
  private readonly kept = new Map<number, P>();

  constructor(
    private readonly clip: ClipPlan,
    private readonly orbit: number,
    /** Draws the picture of frame `n` and returns a copy of it. */
    private readonly drawPicture: (n: number) => Promise<P>,
  ) {}

  /** The picture of frame `n`, drawn unless a sample already showed it. */
  async sample(n: number): Promise<P> {
    const first = pictureFrame(this.clip, this.orbit, n);
    let picture = this.kept.get(first);
    if (picture === undefined) {
      picture = await this.drawPicture(first);
      this.kept.set(first, picture);
    }
    return picture;
  }

  /** The kept picture of frame `n` (a frame that is drawn), once; undefined when none. */
  take(n: number): P | undefined {
    const picture = this.kept.get(n);
    this.kept.delete(n);
    return picture;
  }

  /** Pictures still kept. */
  get size(): number {
    return this.kept.size;
  }
}
