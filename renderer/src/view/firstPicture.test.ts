import { describe, expect, it, vi } from 'vitest';
import { firstPictureDrawn, markFirstPicture, onFirstPicture } from './firstPicture.ts';

describe('first picture', () => {
  it('is marked once, in a later task: listeners hear of it once, and it stays marked', async () => {
    const heard = vi.fn();
    const dropped = vi.fn();
    onFirstPicture(heard);
    const unsubscribe = onFirstPicture(dropped);
    unsubscribe();
    expect(firstPictureDrawn()).toBe(false);

    markFirstPicture();
    markFirstPicture();
    // Not in the task that marked it (the frame that drew the picture is painted first).
    expect(firstPictureDrawn()).toBe(false);
    expect(heard).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(firstPictureDrawn()).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });
});
